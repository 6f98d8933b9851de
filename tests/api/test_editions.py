"""The API gives each brief's language and editions, every fact the editions
that state it, and each piece of evidence the language of its words."""

import pytest

from briefs.models import Publication
from tests.factories import make_brief_in_two_editions

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions():
    return make_brief_in_two_editions()


def test_a_brief_names_its_language_and_its_editions(client, editions):
    hungarian = client.get("/api/briefs/egy-forditas").json()

    assert hungarian["language"] == "hu"
    assert hungarian["translation_of"] == "an-original"
    assert hungarian["unofficial_translation"] is True
    assert hungarian["translation_note"] == "Nem hivatalos."
    assert [(e["slug"], e["language"]) for e in hungarian["editions"]] == [
        ("an-original", "en"),
        ("egy-forditas", "hu"),
    ]
    assert hungarian["editions"][0]["url"] == "http://testserver/briefs/an-original/"
    # The original's facts, stated by the translation too.
    assert hungarian["meetings"] == ["a-meeting"]


def test_the_list_gives_every_edition_and_filters_by_language(client, editions):
    listed = client.get("/api/briefs/").json()["results"]
    hungarian = client.get("/api/briefs/?language=hu").json()["results"]

    assert {brief["slug"] for brief in listed} == {"an-original", "egy-forditas"}
    assert [brief["slug"] for brief in hungarian] == ["egy-forditas"]
    assert listed[0]["editions"] == listed[1]["editions"]


def test_a_draft_edition_is_not_among_the_editions(client, editions):
    _original, hungarian = editions
    Publication.objects.filter(pk=hungarian.pk).update(
        status=Publication.Status.DRAFT, published_at=None
    )

    original = client.get("/api/briefs/an-original").json()

    assert [e["slug"] for e in original["editions"]] == ["an-original"]


def test_a_fact_names_every_edition_and_the_language_of_its_evidence(client, editions):
    meeting = client.get("/api/meetings/a-meeting").json()

    assert meeting["briefs"] == ["an-original", "egy-forditas"]
    assert [(e["brief"], e["language"]) for e in meeting["evidence"]] == [
        ("egy-forditas", "hu")
    ]


def test_any_editions_slug_filters_its_briefs_facts(client, editions):
    by_translation = client.get("/api/meetings/?brief=egy-forditas").json()

    assert [m["slug"] for m in by_translation["results"]] == ["a-meeting"]
