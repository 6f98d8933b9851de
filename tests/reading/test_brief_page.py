"""The brief page: its text, sections, links to actors and sources, facts panels, head tags."""

import json
import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import make_publication, make_section, make_source_reference
from tests.helpers import BRIEF_URL, text_of

pytestmark = pytest.mark.django_db


def test_brief_page_shows_the_brief_as_a_reader_expects_it(client, seeded):
    response = client.get(BRIEF_URL)
    page = text_of(response)
    for expected in [
        "HIIA Perspective",
        seeded.title,
        "By Ruslan Bortnik, Senior Research Fellow",
        "15 July 2025",
        "Hungarian Institute of International Affairs",
        "A Surprise Visit to an “Old Friend”?",
        "Why Now, and Why Minsk?",
        "The Role of Budapest's Diplomacy",
        "© Hungarian Institute of International Affairs, 2025.",
        "Copy editor: Lillian Aronson",
    ]:
        assert expected in page, expected
    assertContains(response, '<section class="lead" aria-label="Abstract">')
    assertContains(response, 'href="/authors/ruslan-bortnik/"')


def test_sections_appear_in_their_order_with_paragraphs_joined_across_page_breaks(
    client, seeded
):
    page = text_of(client.get(BRIEF_URL))
    headings = [section.heading for section in seeded.sections.all()]
    assert [page.index(heading) for heading in headings] == sorted(
        page.index(heading) for heading in headings
    )
    assert "against the backdrop of the ongoing war" in page


def test_actor_names_and_aliases_in_the_text_link_to_actor_pages(client, seeded):
    html = client.get(BRIEF_URL).content.decode()
    assert re.search(
        r'<a class="actor" href="/actors/keith-kellogg/"[^>]*>Keitt Kellogg</a>', html
    )
    assert re.search(
        r'<a class="actor" href="/actors/alexander-lukashenko/"[^>]*>Lukashenka</a>',
        html,
    )
    assert re.search(r'<a class="actor" href="/actors/belarus/"[^>]*>Minsk</a>', html)


def test_sources_without_url_are_numbered_notes_to_a_sources_list(client, seeded):
    response = client.get(BRIEF_URL)
    html = response.content.decode()
    references = seeded.source_references.count()
    assert references == 21
    assert len(re.findall(r'<sup class="note" id="cite-\d+">', html)) == references
    for number in range(1, references + 1):
        assert f'href="#source-{number}"' in html
        assert f'<li id="source-{number}" value="{number}">' in html
    # Said once above the list, not after each source.
    assert "link not recorded" not in html
    assert html.count('class="sources__about"') == 1
    assert 'href="#"' not in html


def test_a_source_with_a_url_links_from_the_text_and_the_sources_list(client):
    brief = make_publication()
    make_source_reference(brief, 1, "the report", url="https://example.org/report")
    make_section(brief, body="See [the report][1].")
    response = client.get(brief.get_absolute_url())
    assertContains(response, 'href="https://example.org/report"', count=2)
    assertNotContains(response, 'class="sources__about"')


def test_facts_panel_shows_each_meeting_with_date_precision_place_length_and_roles(
    client, seeded
):
    response = client.get(BRIEF_URL)
    facts = text_of(response).split("Every key fact", 1)[1]
    for expected in [
        # Each card's date comes with its title: two visits share one.
        "Keith Kellogg meets Alexander Lukashenko in Minsk 21 June 2025",
        "Péter Szijjártó visits Minsk February 2023",
        "Péter Szijjártó visits Minsk again autumn 2023",
        "Péter Szijjártó visits Minsk 29 May 2024",
        "nuclear cooperation agreement c. June 2025",
        "Where Minsk, Belarus",
        "How long about 6 hours",
        "Alexander Lukashenko host",
        "Keith Kellogg visitor",
        "United States delegation",
    ]:
        assert expected in facts, expected
    assertContains(response, '<time datetime="2023">autumn 2023</time>')


def test_sanctions_panel_shows_who_imposes_on_whom_sector_and_status(client, seeded):
    facts = text_of(client.get(BRIEF_URL)).split("Sanctions at stake", 1)[1]
    assert (
        "U.S. sanctions on Belarusian potash fertilizers Imposed by United States "
        "On Belarus Sector Potash fertilizers ¶ [6] Status In force"
    ) in facts


def test_brief_head_carries_schema_org_report_and_highwire_tags(client, seeded):
    html = client.get(BRIEF_URL).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "Report"
    assert data["headline"] == seeded.title
    assert data["author"][0]["name"] == "Ruslan Bortnik"
    assert data["datePublished"] == "2025-07-15"
    assert data["isPartOf"]["name"] == "HIIA Perspective"
    assert {
        "@type": "Country",
        "name": "Belarus",
        "sameAs": "https://www.wikidata.org/wiki/Q184",
    } in data["mentions"]
    assert '<meta name="citation_title" content="A Turning Point' in html
    assert '<meta name="citation_author" content="Ruslan Bortnik">' in html
    assert '<meta name="citation_publication_date" content="2025/07/15">' in html


def test_json_ld_cannot_close_its_script_element(client):
    brief = make_publication(title="Why </script><script>alert(1)</script> matters")
    html = client.get(brief.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html


def test_brief_page_links_a_print_stylesheet(client, seeded):
    assertContains(
        client.get(BRIEF_URL), 'href="/static/briefs/print.css" media="print"'
    )
