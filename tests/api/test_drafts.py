"""A draft and what only a draft discusses do not exist in the API, for anyone."""

import pytest

from briefs.models import Publication
from tests.factories import (
    make_draft_evidence_for_the_seed_meeting,
    make_draft_with_its_own_facts,
    make_publication,
)

pytestmark = pytest.mark.django_db

KINDS = {
    "actor": "actors",
    "meeting": "meetings",
    "sanction": "sanctions",
    "release": "releases",
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_what_only_a_draft_discusses_is_not_in_the_api(client, admin_client, kind):
    _draft, facts = make_draft_with_its_own_facts()
    slug = facts[kind].slug
    for asking in (client, admin_client):
        assert asking.get(f"/api/{KINDS[kind]}/{slug}").status_code == 404
        listed = asking.get(f"/api/{KINDS[kind]}/").json()["results"]
        assert slug not in {row["slug"] for row in listed}


def test_a_draft_brief_is_not_in_the_api(client, admin_client):
    make_publication("public-brief")
    draft = make_publication("draft", status=Publication.Status.DRAFT)
    for asking in (client, admin_client):
        assert asking.get(f"/api/briefs/{draft.slug}").status_code == 404
        listed = asking.get("/api/briefs/").json()["results"]
        assert [row["slug"] for row in listed] == ["public-brief"]


def test_a_published_fact_names_only_published_briefs(client):
    draft, facts = make_draft_with_its_own_facts()
    meeting = facts["meeting"]
    public = make_publication("public-brief")
    meeting.publications.add(public)
    answer = client.get(f"/api/meetings/{meeting.slug}").json()
    assert answer["briefs"] == ["public-brief"]


def test_evidence_from_a_draft_is_not_in_the_api(client, seeded):
    meeting = make_draft_evidence_for_the_seed_meeting()
    evidence = client.get(f"/api/meetings/{meeting.slug}").json()["evidence"]
    assert evidence
    # The seed brief's two published editions', not the draft's.
    assert {row["brief"] for row in evidence} == {
        edition.slug for edition in seeded.editions()
    }
    assert "a whole day" not in {row["value"] for row in evidence}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_filtering_by_a_draft_brief_finds_what_an_unknown_brief_finds(client, kind):
    # Public rows (a published brief discusses them) that a draft discusses too:
    # filtering by the draft would reveal the draft's contents, and its existence.
    draft, facts = make_draft_with_its_own_facts()
    make_publication("public-brief").actors.add(facts["actor"])
    for fact in ("meeting", "sanction", "release"):
        facts[fact].publications.add(Publication.objects.get(slug="public-brief"))
    listed = client.get(f"/api/{KINDS[kind]}/?brief={draft.slug}").json()["results"]
    unknown = client.get(f"/api/{KINDS[kind]}/?brief=no-such-brief").json()["results"]
    assert listed == unknown == []
    public = client.get(f"/api/{KINDS[kind]}/?brief=public-brief").json()["results"]
    assert facts[kind].slug in {row["slug"] for row in public}
