"""Publishing and unpublishing a brief from the admin, and previewing a draft."""

import pytest
from django.contrib import admin
from pytest_django.asserts import assertContains, assertNotContains

from briefs import models
from tests.factories import (
    make_publication,
    make_user,
)
from tests.helpers import (
    admin_url,
    form_data,
)

pytestmark = pytest.mark.django_db


def test_the_publish_action_publishes_drafts_with_the_time(editor_client):
    draft = make_publication("a-draft", status=models.Publication.Status.DRAFT)
    response = editor_client.post(
        admin_url(models.Publication, "changelist"),
        {"action": "publish", admin.helpers.ACTION_CHECKBOX_NAME: [draft.pk]},
        follow=True,
    )
    assertContains(response, "Published 1 brief.")
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.published_at is not None
    assert draft.history.first().history_user.username == "edna"


def test_the_unpublish_action_returns_a_brief_to_draft(editor_client):
    brief = make_publication("a-brief")
    editor_client.post(
        admin_url(models.Publication, "changelist"),
        {"action": "unpublish", admin.helpers.ACTION_CHECKBOX_NAME: [brief.pk]},
    )
    brief.refresh_from_db()
    assert brief.status == models.Publication.Status.DRAFT
    assert brief.published_at is None


def test_publishing_an_already_published_brief_keeps_its_time(editor_client):
    brief = make_publication("a-brief")
    first = brief.published_at
    editor_client.post(
        admin_url(models.Publication, "changelist"),
        {"action": "publish", admin.helpers.ACTION_CHECKBOX_NAME: [brief.pk]},
    )
    brief.refresh_from_db()
    assert brief.published_at == first


def test_choosing_published_in_the_form_stamps_the_time(editor_client):
    draft = make_publication("a-draft", status=models.Publication.Status.DRAFT)
    page = editor_client.get(admin_url(models.Publication, "change", draft.pk))
    data = form_data(page) | {"status": "published"}
    response = editor_client.post(
        admin_url(models.Publication, "change", draft.pk), data
    )
    assert response.status_code == 302, response.context["errors"]
    draft.refresh_from_db()
    assert draft.is_published and draft.published_at is not None


def test_a_reader_is_offered_no_publishing_actions(reader_client):
    make_publication("a-brief")
    response = reader_client.get(admin_url(models.Publication, "changelist"))
    assertNotContains(response, 'value="publish"')
    assertNotContains(response, 'value="unpublish"')


def test_a_draft_can_be_previewed_on_the_site_by_an_editor_only(
    editor_client, reader_client, client
):
    draft = make_publication("a-draft", status=models.Publication.Status.DRAFT)
    change = editor_client.get(admin_url(models.Publication, "change", draft.pk))
    on_site = editor_client.get(change.context["absolute_url"]).url
    assert on_site.endswith(draft.get_absolute_url())
    assert editor_client.get(on_site).status_code == 200
    assert client.get(on_site).status_code == 404
    assert reader_client.get(on_site).status_code == 404
    client.force_login(make_user("visitor", is_staff=False))
    assert client.get(on_site).status_code == 404
