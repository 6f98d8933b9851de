"""Drafts stay private: the public sees neither a draft nor what only drafts discuss."""

import pytest
from django.contrib.auth.models import AnonymousUser
from pytest_django.asserts import assertContains, assertNotContains

from briefs.models import Actor, Publication
from tests.factories import (
    make_draft_with_its_own_facts,
    make_meeting,
    make_publication,
    make_release,
)
from tests.helpers import BRIEF_URL

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("suffix", ["", "cite.bib", "cite.ris", "cite.json"])
def test_drafts_are_not_found_by_the_public(client, suffix):
    draft = make_publication("draft", status=Publication.Status.DRAFT)
    assert client.get(draft.get_absolute_url() + suffix).status_code == 404


def test_an_editor_sees_a_draft_with_a_draft_banner(admin_client):
    draft = make_publication("draft", status=Publication.Status.DRAFT)
    response = admin_client.get(draft.get_absolute_url())
    assertContains(response, '<div class="draft-banner" role="status">')
    assertContains(response, '<meta name="robots" content="noindex">')


def test_a_published_brief_has_no_draft_banner(client, seeded):
    assertNotContains(client.get(BRIEF_URL), "draft-banner")


def test_the_rule_and_the_stored_flag_let_the_same_actors_through(seeded):
    _draft, facts = make_draft_with_its_own_facts()
    public = set(Actor.objects.public_by_relations())
    assert public == set(Actor.objects.visible_to(AnonymousUser()))
    assert public and facts["actor"] not in public


@pytest.mark.parametrize("kind", ["author", "actor", "meeting", "sanction", "release"])
def test_what_only_a_draft_discusses_has_no_public_page(client, admin_client, kind):
    _draft, facts = make_draft_with_its_own_facts()
    url = facts[kind].get_absolute_url()
    assert client.get(url).status_code == 404
    assert admin_client.get(url).status_code == 200


def test_public_pages_leave_out_what_only_drafts_discuss(client, seeded):
    draft, facts = make_draft_with_its_own_facts()
    belarus = Actor.objects.get(slug="belarus")
    facts["meeting"].country = belarus
    facts["meeting"].save()
    facts["release"].released_by = belarus
    facts["release"].save()
    draft.actors.add(belarus)
    for url in ["/actors/belarus/", "/actors/", "/timeline/", "/", "/search/?q=secret"]:
        page = client.get(url).content.decode()
        for hidden in [
            "Draft brief",
            "A secret meeting",
            "Secret Envoy",
            "Secret release",
        ]:
            assert hidden not in page, (url, hidden)


def test_a_release_links_its_meeting_only_when_the_meeting_has_a_public_page(client):
    brief = make_publication()
    hidden_meeting = make_meeting("hidden", title="A meeting no brief discusses")
    release = make_release(meeting=hidden_meeting)
    release.publications.add(brief)
    assertNotContains(client.get(release.get_absolute_url()), "A meeting no brief")
    assertNotContains(client.get(brief.get_absolute_url()), "A meeting no brief")
