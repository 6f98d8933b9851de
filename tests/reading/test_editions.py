"""Editions on the reading site: a translation states its original's facts,
marks its evidence in its own words, and the lists show each brief once, in
the reader's language where it has that edition."""

import datetime
import json
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from briefs.domain import derived
from briefs.models import Actor, Evidence, Publication
from briefs.reading import selectors
from briefs.reading.search import search
from tests.factories import (
    make_actor,
    make_author,
    make_contribution,
    make_evidence,
    make_meeting,
    make_participant,
    make_publication,
    make_section,
    make_translation,
)
from tests.helpers import text_of
from tests.reading.test_sitemaps import lastmod_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def brief():
    """An English original discussing a meeting, with a Hungarian edition;
    each states the meeting's place in its own words."""
    original = make_publication("talks-in-minsk", title="Talks in Minsk")
    make_section(original, body="The envoy met the president in Minsk.")
    hungarian = make_translation(
        original,
        "targyalasok-minszkben",
        title="Tárgyalások Minszkben",
        unofficial_translation=True,
        translation_note="Nem hivatalos fordítás.",
    )
    make_section(hungarian, body="A követ Minszkben találkozott az elnökkel.")
    envoy = make_actor("envoy", "The Envoy", kind=Actor.Kind.PERSON)
    meeting = make_meeting("envoy-in-minsk", title="The envoy in Minsk", place="Minsk")
    make_participant(meeting, envoy)
    meeting.publications.add(original)
    for edition, quote in (
        (original, "in Minsk"),
        (hungarian, "Minszkben találkozott"),
    ):
        make_evidence(edition, meeting, "place", "Minsk", quote)
    return original, hungarian, meeting


def test_a_translation_states_its_originals_facts_marked_in_its_own_words(
    client, brief
):
    _original, hungarian, meeting = brief

    page = client.get(hungarian.get_absolute_url()).content.decode()

    assert 'id="fact-meeting-envoy-in-minsk"' in page
    assert "The envoy in Minsk" in page
    assert '<mark class="evidence" id="evidence-1"' in page
    assert "Minszkben találkozott</mark>" in page


def test_a_fact_is_public_when_only_a_translation_is_published(client, brief):
    original, hungarian, meeting = brief
    Publication.objects.filter(pk=original.pk).update(
        status=Publication.Status.DRAFT, published_at=None
    )
    derived.rebuild()

    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert Actor.objects.get(slug="envoy").is_public
    Publication.objects.filter(pk=hungarian.pk).update(
        status=Publication.Status.DRAFT, published_at=None
    )
    derived.rebuild()
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert not Actor.objects.get(slug="envoy").is_public


def test_a_facts_page_lists_its_brief_and_words_once_in_the_readers_language(
    client, brief
):
    original, hungarian, meeting = brief

    english = text_of(client.get(meeting.get_absolute_url()))
    with translation.override("hu"):
        lists = selectors.meeting_lists(meeting, AnonymousUser(), QueryDict())

    assert "Talks in Minsk" in english and "Tárgyalások Minszkben" not in english
    assert "“in Minsk”" in english and "Minszkben találkozott" not in english
    assert [brief.slug for brief in lists["briefs"]] == ["targyalasok-minszkben"]
    assert [row.quote for row in lists["evidence"]] == ["Minszkben találkozott"]


def test_the_index_lists_each_brief_once_in_the_readers_language(client, brief):
    original, hungarian, _meeting = brief
    english_only = make_publication("english-only")

    assert set(Publication.objects.published().for_reader("en")) == {
        english_only,
        original,
    }
    assert set(Publication.objects.published().for_reader("hu")) == {
        english_only,
        hungarian,
    }
    index = text_of(client.get(reverse("briefs:publication_list")))
    assert "Talks in Minsk" in index and "Tárgyalások Minszkben" not in index


def test_a_translation_of_a_draft_is_listed_for_every_reader(brief):
    original, hungarian, _meeting = brief
    Publication.objects.filter(pk=original.pk).update(
        status=Publication.Status.DRAFT, published_at=None
    )

    assert list(Publication.objects.published().for_reader("en")) == [hungarian]


def test_an_authors_page_lists_the_brief_once(client, brief):
    original, hungarian, _meeting = brief
    author = make_author("an-author")
    make_contribution(original, author)
    make_contribution(hungarian, author)

    page = text_of(client.get(author.get_absolute_url()))

    assert "Talks in Minsk" in page and "Tárgyalások Minszkben" not in page


def test_a_translation_lacks_the_evidence_only_its_original_gives(brief):
    original, hungarian, meeting = brief
    Evidence.objects.filter(publication=hungarian).delete()

    missing = selectors.facts_without_evidence(hungarian)

    assert {item.label for item in missing} == {"Date", "Place", "Participant"}
    assert {item.label for item in selectors.facts_without_evidence(original)} == {
        "Date",
        "Participant",
    }


def test_the_timeline_links_the_readers_edition(client, brief):
    timeline = client.get(reverse("briefs:timeline")).content.decode()

    assert timeline.count("Tárgyalások Minszkben") == 0
    assert "Talks in Minsk" in timeline


def test_a_translations_lastmod_moves_when_its_originals_fact_is_edited(client, brief):
    _original, hungarian, meeting = brief
    later = datetime.datetime(2031, 3, 4, 12, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=later):
        meeting.place = "Minsk, the Palace of Independence"
        meeting.save()

    assert lastmod_of(client, hungarian.url_in_language("hu")) == "2031-03-04"


def json_ld_of(response):
    page = response.content.decode()
    start = page.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(page[start : page.index("</script>", start)])


def test_the_editions_link_each_other_and_say_an_unofficial_translation(client, brief):
    original, hungarian, _meeting = brief

    english = client.get(original.get_absolute_url()).content.decode()
    magyar = client.get(hungarian.get_absolute_url()).content.decode()

    assert (
        f'<a href="{hungarian.url_in_language("hu")}" hreflang="hu" '
        'lang="hu">Magyar: <cite>Tárgyalások Minszkben</cite></a> '
        "(unofficial translation)"
    ) in english
    assert 'hreflang="en" lang="en">English: <cite>Talks in Minsk</cite></a>' in magyar
    assert "Unofficial translation" in magyar and "Unofficial translation" not in (
        english.replace("(unofficial translation)", "")
    )
    assert '<span lang="hu">Nem hivatalos fordítás.</span>' in magyar
    # Its own words are in Hungarian, on a page read in English.
    assert '<h1 lang="hu">Tárgyalások Minszkben</h1>' in magyar
    assert "<h1>Talks in Minsk</h1>" in english


def test_the_json_ld_names_the_translations_and_the_original(client, brief):
    original, hungarian, _meeting = brief

    english = json_ld_of(client.get(original.get_absolute_url()))
    magyar = json_ld_of(client.get(hungarian.get_absolute_url()))

    assert english["inLanguage"] == "en" and magyar["inLanguage"] == "hu"
    assert english["workTranslation"] == [
        {
            "@type": "Report",
            "name": "Tárgyalások Minszkben",
            "url": f"http://testserver{hungarian.url_in_language('hu')}",
            "inLanguage": "hu",
        }
    ]
    assert (
        magyar["translationOfWork"]["url"] == "http://testserver/briefs/talks-in-minsk/"
    )
    assert magyar["creativeWorkStatus"] == "Unofficial translation"
    assert "translationOfWork" not in english and "workTranslation" not in magyar


def test_a_draft_edition_is_not_linked(client, brief):
    original, hungarian, _meeting = brief
    Publication.objects.filter(pk=hungarian.pk).update(
        status=Publication.Status.DRAFT, published_at=None
    )

    english = client.get(original.get_absolute_url()).content.decode()

    assert "Tárgyalások Minszkben" not in english
    assert "workTranslation" not in english


def test_the_citations_name_the_language(client, brief):
    _original, hungarian, _meeting = brief

    ris = client.get(hungarian.get_absolute_url() + "cite.ris").content.decode()
    csl = client.get(hungarian.get_absolute_url() + "cite.json").json()

    assert "LA  - hu\r\n" in ris
    assert csl[0]["language"] == "hu"


def test_search_finds_each_brief_once_in_the_readers_language():
    original = make_publication("kellogg-in-minsk", title="Kellogg in Minsk")
    make_section(original, body="Kellogg met Lukashenko.")
    hungarian = make_translation(
        original, "kellogg-minszkben", title="Kellogg Minszkben"
    )
    make_section(hungarian, body="Kellogg találkozott Lukasenkóval.")
    english_only = make_publication("kellogg-again", title="Kellogg again")

    def found(language):
        with translation.override(language):
            hits = search("Kellogg", AnonymousUser())
            return {hit.item for hit in hits if hit.kind == "Brief"}

    assert found("en") == {original, english_only}
    assert found("hu") == {hungarian, english_only}


def test_an_actors_page_lists_a_brief_its_readers_edition_even_if_only_another_names_it(
    brief,
):
    original, hungarian, _meeting = brief
    envoy = Actor.objects.get(slug="envoy")
    original.actors.add(envoy)

    with translation.override("hu"):
        lists = selectors.actor_lists(envoy, AnonymousUser(), QueryDict())

    assert [edition.slug for edition in lists["briefs"]] == [hungarian.slug]
