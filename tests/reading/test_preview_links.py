"""A reviewer without an account reads a brief through a preview link, until
it expires or is revoked; the page says it is a preview and is never indexed
or cached."""

import datetime

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from briefs.models import PREVIEW_LIFETIME, PreviewLink, Publication
from tests.factories import (
    make_draft_with_its_own_facts,
    make_preview_link,
    make_publication,
    make_section,
)
from tests.helpers import admin_url, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    draft = make_publication(
        "a-draft", status=Publication.Status.IN_REVIEW, title="A brief in review"
    )
    make_section(draft, body="What the reviewer should read.")
    return draft


def test_a_preview_link_opens_a_draft_to_someone_without_an_account(client, draft):
    link = make_preview_link(draft)
    assert client.get(draft.get_absolute_url()).status_code == 404
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assertContains(response, "A brief in review")
    assertContains(response, "What the reviewer should read.")
    assertContains(response, "<strong>Preview</strong>")
    assertContains(response, '<meta name="robots" content="noindex">', html=True)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert not response.has_header("ETag")
    assertNotContains(response, "Edit it in the admin")


def test_a_preview_shows_the_drafts_facts(client):
    draft, _facts = make_draft_with_its_own_facts()
    response = client.get(make_preview_link(draft).get_absolute_url())
    assertContains(response, "A secret meeting")


def test_an_expired_preview_link_no_longer_opens_the_brief(client, draft):
    link = make_preview_link(draft)
    assert client.get(link.get_absolute_url()).status_code == 200
    link.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    link.save()
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assertContains(response, "It expired", status_code=410)
    assertNotContains(response, "What the reviewer should read.", status_code=410)


def test_a_revoked_preview_link_stops_working_at_once(client, draft):
    link = make_preview_link(draft)
    assert client.get(link.get_absolute_url()).status_code == 200
    link.revoked = True
    link.save()
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assertContains(response, "withdrawn", status_code=410)


def test_an_unknown_token_is_not_found(client, draft):
    make_preview_link(draft)
    assert client.get("/preview/not-a-token/").status_code == 404


def test_an_editor_makes_a_preview_link_that_lasts_a_week_by_default(
    editor_client, editor, draft
):
    page = editor_client.get(admin_url(Publication, "change", draft.pk))
    (links,) = [
        inline.formset
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.model is PreviewLink
    ]
    offered = links.empty_form["expires_at"].value()
    lifetime = offered - timezone.now()
    assert PREVIEW_LIFETIME - datetime.timedelta(minutes=1) < lifetime
    assert lifetime <= PREVIEW_LIFETIME

    at = timezone.localtime(offered)
    data = form_data(page) | {
        "preview_links-TOTAL_FORMS": "1",
        "preview_links-0-sent_to": "An outside reviewer",
        "preview_links-0-expires_at_0": at.strftime("%Y-%m-%d"),
        "preview_links-0-expires_at_1": at.strftime("%H:%M:%S"),
    }
    response = editor_client.post(admin_url(Publication, "change", draft.pk), data)
    assert response.status_code == 302, response.context["errors"]
    link = PreviewLink.objects.get()
    assert link.created_by == editor and link.sent_to == "An outside reviewer"
    page = editor_client.get(admin_url(Publication, "change", draft.pk))
    assertContains(page, link.get_absolute_url())


def test_a_reader_cannot_make_preview_links(reader_client, draft):
    make_preview_link(draft)
    page = reader_client.get(admin_url(Publication, "change", draft.pk))
    assertNotContains(page, "preview_links-0-sent_to")
    assertNotContains(page, "/preview/")


def test_every_link_has_its_own_unguessable_token(draft):
    first, second = make_preview_link(draft), make_preview_link(draft)
    assert first.token != second.token
    assert len(first.token) >= 43  # 256 bits, URL-safe base 64
