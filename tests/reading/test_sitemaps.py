"""The sitemap: every public page, no draft."""

import datetime
import xml.etree.ElementTree as ET
from unittest import mock

import pytest

from tests.factories import make_draft_with_its_own_facts, make_translation
from tests.helpers import BRIEF_URL

pytestmark = pytest.mark.django_db


def test_sitemap_lists_public_pages_and_no_draft(client, seeded):
    _draft, facts = make_draft_with_its_own_facts()
    response = client.get("/sitemap.xml")
    locations = [
        element.text
        for element in ET.fromstring(response.content).iter(
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    ]
    assert "http://testserver" + BRIEF_URL in locations
    assert "http://testserver/actors/keith-kellogg/" in locations
    assert "http://testserver/timeline/" in locations
    assert not any(
        "secret" in location or "draft" in location for location in locations
    )


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def lastmod_of(client, url):
    tree = ET.fromstring(client.get("/sitemap.xml").content)
    for entry in tree.iter(f"{SITEMAP}url"):
        if entry.find(f"{SITEMAP}loc").text == "http://testserver" + url:
            return entry.find(f"{SITEMAP}lastmod").text
    raise AssertionError(f"{url} is not in the sitemap")


def edit_meeting(brief):
    meeting = brief.meetings.first()
    meeting.place = "Minsk, the Palace of Independence"
    meeting.save()


def edit_sanction(brief):
    sanction = brief.sanctions.first()
    sanction.status_note = "Eased in part."
    sanction.save()


def edit_release(brief):
    release = brief.releases.first()
    release.title += " (revised)"
    release.save()


def edit_evidence(brief):
    evidence = brief.evidence.first()
    evidence.note = "Checked again."
    evidence.save()


@pytest.mark.parametrize(
    "edit", [edit_meeting, edit_sanction, edit_release, edit_evidence]
)
def test_a_briefs_lastmod_moves_when_a_fact_it_states_is_edited(client, seeded, edit):
    before = lastmod_of(client, BRIEF_URL)
    later = datetime.datetime(2031, 3, 4, 12, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=later):
        edit(seeded)

    after = lastmod_of(client, BRIEF_URL)

    assert before != "2031-03-04"
    assert after == "2031-03-04"


XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_entries(client):
    """{location: {hreflang: alternate}} of every entry of the sitemap."""
    tree = ET.fromstring(client.get("/sitemap.xml").content)
    return {
        entry.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href")
            for link in entry.iter(f"{XHTML}link")
        }
        for entry in tree.iter(f"{SITEMAP}url")
    }


def test_every_page_is_in_the_sitemap_in_each_language_naming_the_others(
    client, seeded_in_english
):
    entries = sitemap_entries(client)
    english = "http://testserver" + BRIEF_URL
    hungarian = "http://testserver/hu" + BRIEF_URL
    alternates = {"en": english, "hu": hungarian, "x-default": english}
    assert entries[english] == alternates
    assert entries[hungarian] == alternates
    assert entries["http://testserver/hu/timeline/"]["en"] == (
        "http://testserver/timeline/"
    )
    assert entries["http://testserver/hu/actors/keith-kellogg/"]["x-default"] == (
        "http://testserver/actors/keith-kellogg/"
    )


def test_a_briefs_entry_in_a_language_is_its_edition_in_it(client, seeded_in_english):
    """Each edition at its own address in its own language; the original is
    no longer listed under a language it has an edition in."""
    make_translation(
        seeded_in_english, "kellogg-latogatasa", title="Kellogg látogatása"
    )
    english = "http://testserver" + BRIEF_URL
    edition = "http://testserver/hu/briefs/kellogg-latogatasa/"

    entries = sitemap_entries(client)

    assert entries[edition] == {"hu": edition}
    assert entries[english]["en"] == english
    assert "http://testserver/hu" + BRIEF_URL not in entries
    assert "http://testserver/briefs/kellogg-latogatasa/" not in entries
