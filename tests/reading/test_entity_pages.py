"""The pages of authors, actors, meetings, sanctions and releases."""

import pytest
from pytest_django.asserts import assertContains

from briefs.models import Actor
from tests.helpers import text_of

pytestmark = pytest.mark.django_db


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
