"""The public reading site: what each page shows, to whom, at what cost."""

import datetime
import html as html_module
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from briefs.models import (
    Actor,
    ActorAlias,
    Author,
    Contribution,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    PrisonerRelease,
    Publication,
    Sanction,
    Section,
    SourceReference,
)
from briefs.reading.charts import nationality_chart
from tests.conftest import (
    SEED_SLUG,
    make_actor,
    make_author,
    make_contribution,
    make_meeting,
    make_nationality_count,
    make_participant,
    make_publication,
    make_release,
    make_sanction,
    make_section,
    make_source_reference,
)

pytestmark = pytest.mark.django_db

BRIEF_URL = f"/briefs/{SEED_SLUG}/"


def text_of(response):
    """The page's visible words, tags removed, white space collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([,.;:])", r"\1", text)


def a_draft_with_its_own_facts():
    """A draft brief and the facts only it discusses."""
    draft = make_publication("draft-brief", status=Publication.Status.DRAFT)
    author = make_author("draft-author")
    make_contribution(draft, author)
    actor = make_actor("secret-envoy", "Secret Envoy", kind=Actor.Kind.PERSON)
    draft.actors.add(actor)
    meeting = make_meeting("secret-meeting", title="A secret meeting")
    make_participant(meeting, actor)
    meeting.publications.add(draft)
    sanction = make_sanction("secret-sanction")
    sanction.publications.add(draft)
    release = make_release("secret-release", meeting=meeting)
    release.publications.add(draft)
    return draft, {
        "author": author,
        "actor": actor,
        "meeting": meeting,
        "sanction": sanction,
        "release": release,
    }


# --- Every URL answers with the seeded brief -------------------------------------------

SEEDED_URLS = [
    "/",
    BRIEF_URL,
    BRIEF_URL + "cite.bib",
    BRIEF_URL + "cite.ris",
    BRIEF_URL + "cite.json",
    "/authors/ruslan-bortnik/",
    "/actors/",
    "/actors/keith-kellogg/",
    "/actors/belarus/",
    "/meetings/kellogg-lukashenko-minsk-2025-06-21/",
    "/sanctions/us-sanctions-belarus-potash/",
    "/releases/belarus-prisoner-release-2025-06/",
    "/timeline/",
    "/search/?q=Kellogg",
    "/feed/",
    "/sitemap.xml",
]


@pytest.mark.parametrize("url", SEEDED_URLS)
def test_every_reading_url_answers_for_the_seeded_brief(client, seeded, url):
    assert client.get(url).status_code == 200


# --- The brief page ----------------------------------------------------------------


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
        "Cover photo: RBC-UKRAINE",
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
    assert html.count("link not recorded</span>") == references
    assert 'href="#"' not in html


def test_a_source_with_a_url_links_from_the_text_and_the_sources_list(client):
    brief = make_publication()
    make_source_reference(brief, 1, "the report", url="https://example.org/report")
    make_section(brief, body="See [the report][1].")
    response = client.get(brief.get_absolute_url())
    assertContains(response, 'href="https://example.org/report"', count=2)
    assertNotContains(response, "link not recorded")


def test_facts_panel_shows_each_meeting_with_date_precision_place_length_and_roles(
    client, seeded
):
    response = client.get(BRIEF_URL)
    facts = text_of(response).split("Key facts", 1)[1]
    for expected in [
        "Keith Kellogg meets Alexander Lukashenko in Minsk",
        "When 21 June 2025",
        "When February 2023",
        "When autumn 2023",
        "When 29 May 2024",
        "When c. June 2025",
        "Where Minsk, Belarus",
        "How long about 6 hours",
        "Alexander Lukashenko host",
        "Keith Kellogg visitor",
        "United States delegation",
    ]:
        assert expected in facts, expected
    assertContains(response, '<time datetime="2023">autumn 2023</time>')


def test_release_chart_has_a_bar_per_nationality_and_one_for_those_not_given(
    client, seeded
):
    html = client.get(BRIEF_URL).content.decode()
    chart = html[html.index('<figure class="chart">') : html.index("</figure>")]
    assert chart.count("<rect") == 7
    assert 'class="chart__bar chart__bar--unknown"' in chart
    assert re.search(r'role="img" aria-labelledby="[^"]+"', chart)
    assert (
        "14 released. By nationality: Poland 3, Japan 2, Latvia 2, Estonia 1, Sweden 1, "
        "United States 1; not given 4."
    ) in chart


def test_a_fully_broken_down_release_has_no_not_given_bar():
    release = make_release(total=3)
    make_nationality_count(release, make_actor("japan", "Japan"), 2)
    make_nationality_count(release, make_actor("sweden", "Sweden"), 1)
    chart = nationality_chart(release)
    assert [(bar.label, bar.count, bar.given) for bar in chart.bars] == [
        ("Japan", 2, True),
        ("Sweden", 1, True),
    ]
    assert chart.bars[0].width > chart.bars[1].width
    assert chart.summary == "3 released. By nationality: Japan 2, Sweden 1."


def test_a_release_without_breakdown_says_nationality_is_not_given():
    chart = nationality_chart(make_release(total=5))
    assert [(bar.label, bar.given) for bar in chart.bars] == [("Not given", False)]
    assert chart.summary == "5 released. Nationality not given 5."


def test_sanctions_panel_shows_who_imposes_on_whom_sector_and_status(client, seeded):
    facts = text_of(client.get(BRIEF_URL)).split("Sanctions at stake", 1)[1]
    assert (
        "U.S. sanctions on Belarusian potash fertilizers Imposed by United States "
        "On Belarus Sector Potash fertilizers Status In force"
    ) in facts


def test_brief_timeline_lists_its_dated_events_in_order_with_their_precision(
    client, seeded
):
    timeline = text_of(client.get(BRIEF_URL)).split("Timeline", 2)[2]
    dates = ["February 2023", "autumn 2023", "29 May 2024", "June 2025", "21 June 2025"]
    positions = [timeline.index(date) for date in dates]
    assert positions == sorted(positions)


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


# --- Citations ---------------------------------------------------------------------


def test_bibtex_download_cites_the_brief(client, seeded):
    response = client.get(BRIEF_URL + "cite.bib")
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert 'filename="' + SEED_SLUG + '.bib"' in response["Content-Disposition"]
    body = response.content.decode()
    assert body.startswith("@techreport{bortnik2025kellogg,")
    assert "author = {Bortnik, Ruslan}" in body
    assert "institution = {Hungarian Institute of International Affairs}" in body
    assert "month = jul," in body
    assert "Aronson" not in body


def test_ris_download_cites_the_brief(client, seeded):
    response = client.get(BRIEF_URL + "cite.ris")
    lines = response.content.decode().split("\r\n")
    assert lines[0] == "TY  - RPRT"
    assert "AU  - Bortnik, Ruslan" in lines
    assert "DA  - 2025/07/15/" in lines
    assert "T3  - HIIA Perspective" in lines
    assert lines[-2] == "ER  - "


def test_csl_json_download_cites_the_brief(client, seeded):
    response = client.get(BRIEF_URL + "cite.json")
    assert response["Content-Type"].startswith(
        "application/vnd.citationstyles.csl+json"
    )
    [item] = json.loads(response.content)
    assert item["type"] == "report"
    assert item["author"] == [{"given": "Ruslan", "family": "Bortnik"}]
    assert item["issued"] == {"date-parts": [[2025, 7, 15]]}
    assert item["collection-title"] == "HIIA Perspective"
    assert item["URL"] == "http://testserver" + BRIEF_URL


def test_bibtex_escapes_latex_special_characters(client):
    brief = make_publication(title="Sanctions & 100% of {trade}_now")
    body = client.get(brief.get_absolute_url() + "cite.bib").content.decode()
    assert r"title = {{Sanctions \& 100\% of \{trade\}\_now}}" in body


def test_cite_this_block_gives_a_ready_citation(client, seeded):
    assert (
        "Bortnik, Ruslan. “A Turning Point or Merely a Tactical Move? Kellogg's Visit to "
        "Belarus and What It Might Mean.” HIIA Perspective. Hungarian Institute of "
        "International Affairs, 15 July 2025. http://testserver" + BRIEF_URL
    ) in text_of(client.get(BRIEF_URL))


# --- Drafts --------------------------------------------------------------------------


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


@pytest.mark.parametrize("kind", ["author", "actor", "meeting", "sanction", "release"])
def test_what_only_a_draft_discusses_has_no_public_page(client, admin_client, kind):
    _draft, facts = a_draft_with_its_own_facts()
    url = facts[kind].get_absolute_url()
    assert client.get(url).status_code == 404
    assert admin_client.get(url).status_code == 200


def test_public_pages_leave_out_what_only_drafts_discuss(client, seeded):
    draft, facts = a_draft_with_its_own_facts()
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


# --- Entity pages -------------------------------------------------------------------


def test_author_page_lists_their_published_briefs_with_role(client, seeded):
    page = text_of(client.get("/authors/lillian-aronson/"))
    assert "Lillian Aronson" in page
    assert f"{seeded.title} Copy editor" in page


def test_actor_list_groups_actors_by_kind(client, seeded):
    html = client.get("/actors/").content.decode()
    headings = [html.index(f'<h2 id="{kind}-title">') for kind in Actor.Kind.values]
    assert headings == sorted(headings)
    assert headings[0] < html.index(">Keith Kellogg</a>") < headings[1]
    assert headings[1] < html.index(">Belarus</a>") < headings[2]
    assert headings[3] < html.index(">Baltic states</a>")


def test_actor_page_shows_position_country_aliases_and_involvement(client, seeded):
    page = text_of(client.get("/actors/alexander-lukashenko/"))
    for expected in [
        "President of Belarus",
        "Country Belarus",
        "“Lukashenka”",
        "“Lukashenko”",
        "Keith Kellogg meets Alexander Lukashenko in Minsk 21 June 2025, Minsk · host",
        f"Briefs that mention Alexander Lukashenko {seeded.title}",
    ]:
        assert expected in page, expected


def test_state_page_shows_sanctions_borne_releases_and_meetings_held_there(
    client, seeded
):
    page = text_of(client.get("/actors/belarus/"))
    for expected in [
        "U.S. sanctions on Belarusian potash fertilizers imposed by United States · in force",
        "Belarus releases 14 political prisoners released 14 · June 2025",
        "Meetings held here",
    ]:
        assert expected in page, expected


def test_imposer_page_lists_sanctions_imposed_and_releases_received(client, seeded):
    page = text_of(client.get("/actors/united-states/"))
    assert "EU sanctions" not in page
    assert "U.S. sanctions on the Belarusian banking sector imposed on Belarus" in page
    assert "Belarus releases 14 political prisoners received 14" in page
    assert "1 of 14 released were nationals" in page


def test_meeting_page_shows_when_where_who_what_and_outcome(client, seeded):
    page = text_of(client.get("/meetings/kellogg-lukashenko-minsk-2025-06-21/"))
    for expected in [
        "21 June 2025 · Minsk, Belarus",
        "How long about 6 hours",
        "The Zapad-2025 military exercises",
        "Outcome The release of 14 political prisoners",
        "Releases agreed Belarus releases 14 political prisoners",
        f"Discussed in {seeded.title}",
    ]:
        assert expected in page, expected


def test_sanction_page_shows_parties_status_and_the_release_it_was_traded_for(
    client, seeded
):
    page = text_of(client.get("/sanctions/us-sanctions-belarus-banking/"))
    assert "Imposed by United States on Belarus" in page
    assert "Status In force Easing offered" in page
    assert "Easing offered for Belarus releases 14 political prisoners" in page


def test_release_page_shows_the_chart_and_what_it_was_traded_for(client, seeded):
    response = client.get("/releases/belarus-prisoner-release-2025-06/")
    page = text_of(response)
    assert "June 2025 · 14 released by Belarus to United States" in page
    assert "Agreed at Keith Kellogg meets Alexander Lukashenko in Minsk" in page
    assertContains(response, "<rect", count=7)


def test_timeline_lists_every_dated_item_of_published_briefs_in_order(client):
    brief = make_publication(publication_date=datetime.date(2025, 7, 15))
    items = [
        make_meeting("m-day", date=datetime.date(2024, 5, 29), title="Day meeting"),
        make_meeting(
            "m-season",
            date=datetime.date(2023, 9, 1),
            precision="season",
            title="Autumn meeting",
        ),
        make_release("r-month", date=datetime.date(2025, 6, 1), title="Month release"),
        make_sanction(
            "s-dated",
            title="Dated sanction",
            start_date=datetime.date(2020, 1, 1),
            start_date_precision="year",
        ),
        make_sanction("s-undated", title="Undated sanction"),
    ]
    for item in items:
        item.publications.add(brief)
    page = text_of(client.get("/timeline/"))
    expected = [
        "2020 Sanctions imposed Dated sanction",
        "autumn 2023 Meeting Autumn meeting",
        "29 May 2024 Meeting Day meeting",
        "June 2025 Prisoner release Month release",
        "15 July 2025 Brief published",
    ]
    positions = [page.index(entry) for entry in expected]
    assert positions == sorted(positions)
    assert "Undated sanction" not in page


# --- Search --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, kind, title",
    [
        ("Lukashenka", "Actor", "Alexander Lukashenko"),
        ("potash", "Sanction", "U.S. sanctions on Belarusian potash fertilizers"),
        ("Zapad-2025", "Meeting", "Keith Kellogg meets Alexander Lukashenko in Minsk"),
        ("grandiose deal", "Brief", "A Turning Point or Merely a Tactical Move?"),
        (
            "political prisoners",
            "Prisoner release",
            "Belarus releases 14 political prisoners",
        ),
    ],
)
def test_search_finds_each_kind_and_says_what_it_found(
    client, seeded, query, kind, title
):
    html = client.get("/search/", {"q": query}).content.decode()
    pattern = rf'<span class="search-result__kind">{kind}</span>\s*<a href="[^"]+">{re.escape(title)}'
    assert re.search(pattern, html), (query, kind)


def test_search_with_no_query_shows_only_the_form(client, seeded):
    response = client.get("/search/", {"q": "   "})
    assertNotContains(response, "search-result")
    assertNotContains(response, "Nothing found")


def test_search_says_when_nothing_is_found(client, seeded):
    assertContains(
        client.get("/search/", {"q": "xylophone"}), "Nothing found for “xylophone”"
    )


def test_full_text_search_ranks_a_title_hit_above_a_body_hit(client):
    if connection.vendor != "postgresql":
        pytest.skip("ranking is PostgreSQL's full-text search")
    body_hit = make_publication("body-hit", title="On trade")
    make_section(body_hit, body="Sanctions are mentioned once, in passing.")
    make_publication("title-hit", title="Sanctions and their limits")
    html = client.get("/search/", {"q": "sanction"}).content.decode()
    assert html.index("Sanctions and their limits") < html.index("On trade")


# --- Feed, sitemap, error pages ------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_published_briefs_newest_first(client, seeded):
    make_publication("draft", status=Publication.Status.DRAFT, title="Secret draft")
    make_publication(
        "older", publication_date=datetime.date(2020, 1, 1), title="Older brief"
    )
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles[0] == seeded.title
    assert "Older brief" in titles and "Secret draft" not in titles
    assert feed.find(f"{ATOM}entry/{ATOM}author/{ATOM}name").text == "Ruslan Bortnik"


def test_sitemap_lists_public_pages_and_no_draft(client, seeded):
    _draft, facts = a_draft_with_its_own_facts()
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


def test_unknown_pages_get_our_own_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assertContains(response, "This page is not here", status_code=404)
    assertContains(response, 'href="/static/briefs/site.css"', status_code=404)


def test_500_page_renders_without_a_request_or_context():
    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html


# --- A fixed number of queries, whatever the size ------------------------------------


def make_big_brief(sections=300, actors=500, references=1000):
    """A brief with hundreds of parts, built in bulk."""
    brief = make_publication("big-brief", title="A very long brief")
    make_contribution(brief, make_author("big-author"))
    states = Actor.objects.bulk_create(
        Actor(slug=f"state-{n}", name=f"Stateland{n}", kind=Actor.Kind.STATE)
        for n in range(10)
    )
    people = Actor.objects.bulk_create(
        Actor(
            slug=f"person-{n}",
            name=f"Person Number{n}",
            kind=Actor.Kind.PERSON,
            position="Envoy",
            country=states[n % 10],
        )
        for n in range(actors - len(states))
    )
    everyone = states + people
    ActorAlias.objects.bulk_create(
        ActorAlias(actor=actor, name=f"Alias{n}") for n, actor in enumerate(everyone)
    )
    brief.actors.add(*everyone)
    SourceReference.objects.bulk_create(
        SourceReference(publication=brief, number=n, anchor_text=f"source {n}")
        for n in range(1, references + 1)
    )
    per_section = references // sections + 1
    Section.objects.bulk_create(
        Section(
            publication=brief,
            position=p,
            heading=f"Part {p}",
            body="\n\n".join(
                f"Person Number{(p + k) % len(people)} met Alias{(p * 3 + k) % actors} "
                f"and [said so][{min(p * per_section + k, references)}]."
                for k in range(per_section)
            ),
        )
        for p in range(sections)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            slug=f"meeting-{n}",
            title=f"Meeting {n}",
            date=datetime.date(2024, 1, 1 + n),
            date_precision="day",
            country=states[0],
        )
        for n in range(25)
    )
    MeetingParticipant.objects.bulk_create(
        MeetingParticipant(meeting=meeting, actor=people[k], position=k)
        for meeting in meetings
        for k in range(8)
    )
    brief.meetings.add(*meetings)
    sanctions = Sanction.objects.bulk_create(
        Sanction(
            slug=f"sanction-{n}",
            title=f"Sanction {n}",
            imposed_by=people[0],
            target=states[n % 10],
        )
        for n in range(20)
    )
    brief.sanctions.add(*sanctions)
    releases = PrisonerRelease.objects.bulk_create(
        PrisonerRelease(
            slug=f"release-{n}",
            title=f"Release {n}",
            released_by=people[0],
            released_to=states[1],
            meeting=meetings[n],
            total=100,
            date=datetime.date(2024, 6, 1),
            date_precision="month",
        )
        for n in range(10)
    )
    NationalityCount.objects.bulk_create(
        NationalityCount(release=release, country=state, count=5)
        for release in releases
        for state in states
    )
    for release in releases:
        release.sanctions_relief.add(*sanctions[:5])
    brief.releases.add(*releases)
    return brief


def make_small_brief():
    """One of each part and fact, so every prefetch of the page has rows to fetch."""
    brief = make_publication("small-brief")
    make_contribution(brief, make_author("small-author"))
    make_source_reference(brief, 1, "said")
    make_section(brief, body="Small Actor [said][1] so.")
    actor = make_actor("small-actor", "Small Actor", kind=Actor.Kind.PERSON)
    ActorAlias.objects.create(actor=actor, name="Small")
    brief.actors.add(actor)
    meeting = make_meeting("small-meeting")
    make_participant(meeting, actor)
    sanction = make_sanction("small-sanction")
    release = make_release("small-release", meeting=meeting)
    make_nationality_count(release, make_actor("small-state"), 1)
    release.sanctions_relief.add(sanction)
    for fact in (meeting, sanction, release):
        fact.publications.add(brief)
    return brief


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_brief_page_costs_at_most_15_queries_however_big_the_brief(
    client, django_assert_max_num_queries
):
    big = make_big_brief()
    small_count = count_queries(client, make_small_brief().get_absolute_url())
    with django_assert_max_num_queries(15):
        response = client.get(big.get_absolute_url())
    assert response.status_code == 200
    assertContains(response, '<section class="brief__section"', count=300)
    assertContains(response, '<li id="source-', count=1000)
    cache.clear()
    assert count_queries(client, big.get_absolute_url()) == small_count


def test_brief_page_for_an_editor_also_costs_at_most_15_queries(
    admin_client, django_assert_max_num_queries
):
    big = make_big_brief(sections=30, actors=50, references=60)
    with django_assert_max_num_queries(15):
        assert admin_client.get(big.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "url, most",
    [
        ("/", 3),
        ("/actors/", 3),  # the page, its count, the aliases
        ("/actors/person-0/", 11),
        ("/actors/state-1/", 11),
        ("/authors/big-author/", 2),
        ("/meetings/meeting-0/", 4),
        ("/sanctions/sanction-0/", 3),
        ("/releases/release-0/", 4),
        ("/timeline/", 7),
        ("/search/?q=Number1", 5),
        ("/feed/", 2),
        ("/big-brief-cite/", 2),
    ],
)
def test_every_reading_page_costs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, url, most
):
    brief = make_big_brief(sections=30, actors=200, references=60)
    if url == "/big-brief-cite/":
        url = brief.get_absolute_url() + "cite.bib"
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200


# --- The cache of the rendered brief --------------------------------------------------


def test_a_cached_brief_is_served_without_a_query(
    client, seeded, django_assert_num_queries
):
    first = client.get(BRIEF_URL)
    with django_assert_num_queries(0):
        second = client.get(BRIEF_URL)
    assert second.content == first.content


def test_an_editors_view_is_never_cached_for_the_public(client, admin_client):
    draft = make_publication("draft", status=Publication.Status.DRAFT)
    assert admin_client.get(draft.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404


def edit_section(brief):
    section = brief.sections.get(position=1)
    section.body = "A wholly new first paragraph."
    section.save()
    return "A wholly new first paragraph."


def edit_actor_name(brief):
    actor = Actor.objects.get(slug="keith-kellogg")
    actor.name = "Keith P. Kellogg"
    actor.save()
    return "Keith P. Kellogg"


def add_alias(brief):
    european_union = Actor.objects.get(slug="european-union")
    ActorAlias.objects.create(actor=european_union, name="Western allies")
    return 'title="European Union" rel="noopener noreferrer">Western allies</a>'


def edit_meeting_date(brief):
    meeting = Meeting.objects.get(slug="kellogg-lukashenko-minsk-2025-06-21")
    meeting.date = datetime.date(2025, 6, 22)
    meeting.save()
    return "22 June 2025"


def edit_participant_role(brief):
    participation = MeetingParticipant.objects.get(
        meeting__slug="szijjarto-minsk-2023-02", actor__slug="peter-szijjarto"
    )
    participation.role = MeetingParticipant.Role.DELEGATION
    participation.save()
    return 'Péter Szijjártó</a> <span class="role">delegation'


def edit_sanction_status(brief):
    sanction = Sanction.objects.get(slug="eu-sanctions-belarus")
    sanction.status = Sanction.Status.LIFTED
    sanction.save()
    return '<span class="status status--lifted">Lifted</span>'


def edit_nationality_count(brief):
    count = NationalityCount.objects.get(country__slug="japan")
    count.count = 3
    count.save()
    return "Japan 3"


def delete_nationality_count(brief):
    NationalityCount.objects.get(country__slug="sweden").delete()
    return "not given 5"


def record_source_url(brief):
    reference = brief.source_references.get(number=1)
    reference.url = "https://example.org/arrived"
    reference.save()
    return 'href="https://example.org/arrived"'


def edit_author_position(brief):
    author = Author.objects.get(slug="ruslan-bortnik")
    author.position = "Head of Research"
    author.save()
    return "Head of Research"


def discuss_another_meeting(brief):
    make_meeting("new-meeting", title="A newly added meeting").publications.add(brief)
    return "A newly added meeting"


def credit_another_author(brief):
    make_contribution(brief, make_author("new-author", "Nora Newcomer"), position=3)
    return "Nora Newcomer"


@pytest.mark.parametrize(
    "edit",
    [
        edit_section,
        edit_actor_name,
        add_alias,
        edit_meeting_date,
        edit_participant_role,
        edit_sanction_status,
        edit_nationality_count,
        delete_nationality_count,
        record_source_url,
        edit_author_position,
        discuss_another_meeting,
        credit_another_author,
    ],
)
def test_an_edit_to_any_row_the_brief_shows_appears_at_once(client, seeded, edit):
    before = client.get(BRIEF_URL).content.decode()
    expected = edit(seeded)
    assert expected not in before
    assertContains(client.get(BRIEF_URL), expected)


def test_unpublishing_a_cached_brief_hides_it_at_once(client, seeded):
    assert client.get(BRIEF_URL).status_code == 200
    seeded.status = Publication.Status.DRAFT
    seeded.save()
    assert client.get(BRIEF_URL).status_code == 404


def test_contribution_edits_are_rows_too(client, seeded):
    client.get(BRIEF_URL)
    Contribution.objects.filter(publication=seeded, role="copy_editor").delete()
    assertNotContains(client.get(BRIEF_URL), "Lillian Aronson")


def test_brief_index_links_each_published_brief_with_authors_and_date(client, seeded):
    make_publication("draft", status=Publication.Status.DRAFT, title="Secret draft")
    response = client.get(reverse("briefs:publication_list"))
    assert f"{seeded.title} Ruslan Bortnik · 15 July 2025" in text_of(response)
    assertContains(response, f'<h2><a href="{BRIEF_URL}">A Turning Point')
    assertContains(response, '<time datetime="2025-07-15">15 July 2025</time>')
    assertContains(response, 'name="q"')
    assertNotContains(response, "Secret draft")
