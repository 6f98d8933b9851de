"""A Hungarian reader sees the Hungarian names and titles wherever the site
and the API name an actor or a fact, English where there is none; the API
gives every language's own value too."""

import json

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from briefs.models import Actor
from tests.factories import make_actor, make_publication
from tests.helpers import SEED_SLUG

pytestmark = pytest.mark.django_db

MEETING = "/meetings/kellogg-lukashenko-minsk-2025-06-21/"


def hungarian(client, url):
    """The page as a Hungarian reader opens it: under /hu/."""
    return client.get("/hu" + url)


def test_a_hungarian_reader_sees_the_hungarian_names_on_every_page(client, seeded):
    actor = hungarian(client, "/actors/alexander-lukashenko/")
    assertContains(actor, "Alekszandr Lukasenko")
    assertContains(actor, "Fehéroroszország elnöke")
    meeting = hungarian(client, MEETING)
    assertContains(meeting, "Keith Kellogg és Alekszandr Lukasenko találkozója")
    assertContains(meeting, "Minszk")
    assertContains(hungarian(client, "/actors/"), "Fehéroroszország")
    timeline = hungarian(client, "/timeline/")
    assertContains(timeline, "Fehéroroszország 14 politikai foglyot enged szabadon")
    brief = hungarian(client, f"/briefs/{SEED_SLUG}/")
    assertContains(brief, "Európai Unió Fehéroroszország elleni szankciói")


def test_an_english_reader_sees_the_english_names_as_before(client, seeded):
    actor = client.get("/actors/alexander-lukashenko/")
    assertContains(actor, "Alexander Lukashenko")
    assertNotContains(actor, "Fehéroroszország elnöke")
    assertContains(client.get(MEETING), "Keith Kellogg meets Alexander Lukashenko")


def test_a_name_without_its_hungarian_form_falls_back_to_english(client):
    brief = make_publication("a-brief")
    state = make_actor("state-a", name="Stateland")
    brief.actors.add(state)
    page = hungarian(client, "/actors/state-a/")
    assertContains(page, "Stateland")


def test_the_hungarian_actor_index_is_in_hungarian_alphabetical_order(client):
    brief = make_publication("a-brief")
    for slug, english, magyar in [
        ("belarus", "Belarus", "Fehéroroszország"),
        ("hungary", "Hungary", "Magyarország"),
        ("china", "China", "Kína"),
        ("austria", "Austria", ""),
    ]:
        brief.actors.add(make_actor(slug, name=english, name_hu=magyar))
    text = hungarian(client, "/actors/").content.decode()
    found = [text.index(name) for name in ("Austria", "Fehér", "Kína", "Magyar")]
    assert found == sorted(found)
    english = client.get("/actors/").content.decode()
    found = [english.index(name) for name in ("Austria", "Belarus", "China", "Hun")]
    assert found == sorted(found)


def test_the_api_gives_the_requests_language_and_every_languages_own_value(
    client, seeded
):
    actor = client.get("/api/actors/alexander-lukashenko").json()
    assert actor["name"] == "Alexander Lukashenko"
    assert actor["names"] == {
        "en": "Alexander Lukashenko",
        "hu": "Alekszandr Lukasenko",
    }
    assert actor["positions"]["hu"] == "Fehéroroszország elnöke"
    assert actor["country"]["names"]["hu"] == "Fehéroroszország"
    meeting = client.get("/api/meetings/kellogg-lukashenko-minsk-2025-06-21").json()
    assert meeting["places"] == {"en": "Minsk", "hu": "Minszk"}
    assert meeting["titles"]["hu"].startswith("Keith Kellogg és Alekszandr")


def test_the_api_answers_in_english_with_the_names_in_every_language(client, seeded):
    # One address, one answer (caches key by the address): the name in the
    # site's default language, and every language's in ``names``.
    actor = client.get("/api/actors/alexander-lukashenko", HTTP_ACCEPT_LANGUAGE="hu")
    assert actor.json()["name"] == "Alexander Lukashenko"
    assert actor.json()["names"] == {
        "en": "Alexander Lukashenko",
        "hu": "Alekszandr Lukasenko",
    }


def test_the_json_ld_names_actors_in_the_readers_language(client, seeded):
    page = hungarian(client, f"/briefs/{SEED_SLUG}/").content.decode()
    script = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "Alekszandr Lukasenko" in json.dumps(json.loads(script), ensure_ascii=False)


def test_a_hungarian_name_is_searched_like_the_english_one(client):
    brief = make_publication("a-brief")
    brief.actors.add(make_actor("belarus", name="Belarus", name_hu="Fehéroroszország"))
    for query in ("Fehéroroszország", "Belarus"):
        assertContains(client.get("/search/", {"q": query}), "/actors/belarus/")


def test_the_text_of_a_brief_links_its_actors_by_their_names_in_its_language(db):
    brief = make_publication("a-brief", language="hu")
    belarus = make_actor("belarus", name="Belarus", name_hu="Fehéroroszország")
    brief.actors.add(belarus)
    brief.sections.create(position=1, body="Fehéroroszország elnöke nyilatkozott.")
    html = brief.sections.get().body_html
    assert 'href="/hu/actors/belarus/"' in html
    assert Actor.objects.get(slug="belarus").name_hu in html
