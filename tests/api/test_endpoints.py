"""Every endpoint answers with the published facts, shaped as its schema says."""

import pytest

from tests.helpers import SEED_SLUG

pytestmark = pytest.mark.django_db


def results(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"]


# A related actor: its slug, its name and its name in every language.
KELLOGG = {"en": "Keith Kellogg", "hu": "Keith Kellogg"}


def test_the_brief_list_gives_each_brief_with_its_credits(client, seeded):
    # Each edition its row: English, and its Hungarian translation.
    [brief] = results(client, "/api/briefs/?language=en")
    assert len(results(client, "/api/briefs/")) == 2
    assert brief["slug"] == SEED_SLUG
    assert brief["publication_date"] == "2025-07-15"
    assert [credit["role"] for credit in brief["credits"]] == ["author", "copy_editor"]
    assert brief["credits"][0]["name"] == "Ruslan Bortnik"
    assert brief["url"] == f"http://testserver/briefs/{SEED_SLUG}/"
    assert brief["number"] == "2025/1"
    assert brief["doi"] == "10.5555/hiia-perspective.2025.1"


def test_a_brief_has_its_text_as_markdown_and_as_the_site_renders_it(client, seeded):
    brief = client.get(f"/api/briefs/{SEED_SLUG}").json()
    page = client.get(f"/briefs/{SEED_SLUG}/").content.decode()
    first = brief["sections"][0]
    assert first["markdown"] == seeded.sections.first().body
    assert first["html"] in page
    assert brief["summary_html"] in page
    assert len(brief["sources"]) == 21
    assert {
        "number": 1,
        "anchor_text": brief["sources"][0]["anchor_text"],
        "url": "",
    } == (brief["sources"][0])
    assert "kellogg-lukashenko-minsk-2025-06-21" in brief["meetings"]
    kellogg = {"slug": "keith-kellogg", "name": "Keith Kellogg", "names": KELLOGG}
    assert kellogg in brief["actors"]


def test_an_actor_has_its_aliases_and_identifiers(client, seeded):
    actor = client.get("/api/actors/alexander-lukashenko").json()
    # The English forms, and the Cyrillic and Hungarian ones (issue 24).
    assert {"Lukashenka", "Lukashenko", "Лукашенко", "Аляксандр Лукашэнка"} <= set(
        actor["aliases"]
    )
    assert len(actor["aliases"]) == 8
    assert actor["country"] == {
        "slug": "belarus",
        "name": "Belarus",
        "names": {"en": "Belarus", "hu": "Fehéroroszország"},
    }
    with_wikidata = [
        actor
        for actor in results(client, "/api/actors/?page_size=200")
        if actor["identifiers"]
    ]
    assert with_wikidata
    identifier = with_wikidata[0]["identifiers"][0]
    assert identifier["scheme"] == "wikidata"
    assert identifier["url"] == f"https://www.wikidata.org/wiki/{identifier['value']}"


def test_a_meeting_has_its_participants_with_their_roles(client, seeded):
    meeting = client.get("/api/meetings/kellogg-lukashenko-minsk-2025-06-21").json()
    assert {
        "actor": {"slug": "keith-kellogg", "name": "Keith Kellogg", "names": KELLOGG},
        "role": "visitor",
    } in (meeting["participants"])
    assert meeting["date"] == {
        "edtf": "2025-06-21",
        "text": "21 June 2025",
        "precision": "day",
        "approximate": False,
        "earliest": "2025-06-21",
        "latest": "2025-06-21",
    }
    assert meeting["releases"] == ["belarus-prisoner-release-2025-06"]
    # The brief's editions: the original, then its Hungarian translation.
    assert meeting["briefs"] == [SEED_SLUG, seeded.translations.get().slug]


def test_a_season_comes_as_edtf_and_as_an_interval(client, seeded):
    meeting = client.get("/api/meetings/szijjarto-minsk-2023-autumn").json()
    assert meeting["date"]["edtf"] == "2023-23"
    assert meeting["date"]["text"] == "autumn 2023"
    assert (meeting["date"]["earliest"], meeting["date"]["latest"]) == (
        "2023-09-01",
        "2023-11-30",
    )


def test_a_release_has_its_nationality_breakdown(client, seeded):
    release = client.get("/api/releases/belarus-prisoner-release-2025-06").json()
    assert release["total"] == 14
    counts = {row["country"]["slug"]: row["count"] for row in release["breakdown"]}
    assert counts["japan"] == 2 and counts["poland"] == 3
    assert release["unaccounted"] == 14 - sum(counts.values())
    assert release["meeting"] == "kellogg-lukashenko-minsk-2025-06-21"
    assert release["date"]["edtf"] == "2025-06"


def test_a_sanction_has_its_parties_and_status(client, seeded):
    sanctions = results(client, "/api/sanctions/")
    assert {sanction["status"] for sanction in sanctions} <= {
        "proposed",
        "in_force",
        "eased",
        "lifted",
    }
    one = client.get(f"/api/sanctions/{sanctions[0]['slug']}").json()
    assert one == sanctions[0]
    assert set(one["imposed_by"]) == {"slug", "name", "names"}


@pytest.mark.parametrize(
    "kind", ["briefs", "actors", "meetings", "sanctions", "releases"]
)
def test_an_unknown_slug_is_not_found(client, db, kind):
    response = client.get(f"/api/{kind}/no-such-thing")
    assert response.status_code == 404
    assert "ETag" not in response


def test_the_openapi_document_names_every_endpoint(client, db):
    document = client.get("/api/openapi.json").json()
    assert {
        "/api/briefs/",
        "/api/briefs/{slug}",
        "/api/actors/",
        "/api/actors/{slug}",
        "/api/meetings/",
        "/api/meetings/{slug}",
        "/api/sanctions/",
        "/api/sanctions/{slug}",
        "/api/releases/",
        "/api/releases/{slug}",
    } <= set(document["paths"])
    schemas = document["components"]["schemas"]
    assert {"PartialDateOut", "MeetingOut", "SanctionOut", "ReleaseOut"} <= set(schemas)


def test_a_fact_has_its_evidence_best_first_with_the_words_on_the_page(client, seeded):
    release = client.get("/api/releases/belarus-prisoner-release-2025-06").json()
    totals = [row for row in release["evidence"] if row["fact"] == "total"]
    # Best first: both editions' "14" (each in its own words), then "dozens".
    assert [(row["value"], row["rank"], row["language"]) for row in totals][:3] == [
        ("14", "preferred", "en"),
        ("14", "preferred", "hu"),
        ("dozens", "normal", "en"),
    ]
    preferred = totals[0]
    assert preferred["brief"] == SEED_SLUG
    assert preferred["text"] == "abstract"
    assert preferred["quote_found"] is True
    page_url, anchor = preferred["url"].split("#")
    assert page_url == f"http://testserver/briefs/{SEED_SLUG}/"
    page = client.get(f"/briefs/{SEED_SLUG}/").content.decode()
    assert f'id="{anchor}"' in page
    nationalities = [row for row in release["evidence"] if row["fact"] == "nationality"]
    assert {row["actor"] for row in nationalities} >= {"japan", "poland"}


def test_the_api_itself_says_where_to_go(client, db):
    response = client.get("/api/")
    assert response.status_code == 200
    index = response.json()
    assert index["docs"] == "http://testserver/api/docs"
    assert index["openapi"] == "http://testserver/api/openapi.json"
    assert index["endpoints"]["meetings"] == {
        "list": "http://testserver/api/meetings/",
        "one": "http://testserver/api/meetings/{slug}",
    }
    assert set(index["endpoints"]) == {
        "briefs",
        "actors",
        "meetings",
        "sanctions",
        "releases",
    }
    assert index["datasets"] == "http://testserver/data/"
    for url in [
        index["docs"],
        index["openapi"],
        index["endpoints"]["meetings"]["list"],
    ]:
        assert client.get(url).status_code == 200
