"""Search: every kind of row is found and named; PostgreSQL ranks title hits first."""

import re

import pytest
from django.db import connection
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import make_publication, make_section

pytestmark = pytest.mark.django_db


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
