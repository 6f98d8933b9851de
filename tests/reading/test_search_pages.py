"""Search results come a page at a time, for the same few queries on any page."""

import re

import pytest

from briefs.models import Publication
from briefs.reading.views import SearchView
from tests.factories import (
    make_actor,
    make_meeting,
    make_publication,
    make_release,
    make_sanction,
    make_section,
)
from tests.snapshots import restored, take_snapshot

pytestmark = pytest.mark.django_db

# The page generation its ETag is made of, the kinds anything matches (on
# PostgreSQL), the page of hits with the count of all of them, and the rows
# of each of the five kinds shown on it.
QUERIES_PER_PAGE = 8


def make_potash_everywhere():
    """More hits of every kind than one page holds: 25 a kind, 125 in all."""
    brief = make_publication("potash-brief", title="Potash brief")
    imposer, target = make_actor("imposer"), make_actor("target")
    for n in range(24):
        make_publication(f"potash-{n:02}", title=f"Potash study {n:02}")
    for n in range(25):
        brief.actors.add(make_actor(f"potash-trader-{n:02}"))
        brief.meetings.add(make_meeting(f"potash-talks-{n:02}"))
        brief.sanctions.add(
            make_sanction(f"potash-ban-{n:02}", imposed_by=imposer, target=target)
        )
        brief.releases.add(make_release(f"potash-release-{n:02}", released_by=target))
    return 125


@pytest.fixture(scope="module")
def potash_snapshot(django_db_setup, django_db_blocker):
    """``make_potash_everywhere()`` taken once for the module (tests/snapshots.py)."""
    with django_db_blocker.unblock():
        return take_snapshot(make_potash_everywhere)


@pytest.fixture
def potash_everywhere(db, potash_snapshot):
    """``make_potash_everywhere()``'s rows and count, restored for the test."""
    return restored(potash_snapshot, make_potash_everywhere)


def hits_on(response):
    return [(hit.kind, hit.item.pk) for hit in response.context["hits"]]


def test_search_results_come_a_page_at_a_time(client, potash_everywhere):
    pages = -(-potash_everywhere // SearchView.paginate_by)
    first = client.get("/search/", {"q": "potash"})

    assert f"{potash_everywhere} results for “potash”" in first.content.decode()
    assert len(hits_on(first)) == SearchView.paginate_by
    # The links keep the query.
    assert b'rel="next" href="?q=potash&amp;page=2"' in first.content
    seen = hits_on(first)
    for number in range(2, pages + 1):
        page = client.get("/search/", {"q": "potash", "page": number})
        assert f'rel="prev" href="?q=potash&amp;page={number - 1}"' in (
            page.content.decode()
        )
        # Counted with the page's hits.
        assert f"{potash_everywhere} results for “potash”" in page.content.decode()
        seen += hits_on(page)
    assert len(seen) == len(set(seen)) == potash_everywhere
    assert {kind for kind, pk in seen} == {
        "Brief",
        "Actor",
        "Meeting",
        "Sanction",
        "Prisoner release",
    }
    assert b'rel="next"' not in page.content
    too_far = client.get("/search/", {"q": "potash", "page": pages + 1})
    assert too_far.status_code == 404
    for impossible in ("0", "-1", "x", str(2**64)):
        page = client.get("/search/", {"q": "potash", "page": impossible})
        assert page.status_code == 404, impossible


@pytest.mark.parametrize("number", [1, 2, 7])
def test_a_page_of_results_costs_the_same_few_queries(
    client, potash_everywhere, django_assert_max_num_queries, number
):
    with django_assert_max_num_queries(QUERIES_PER_PAGE):
        response = client.get("/search/", {"q": "potash", "page": number})
    assert response.status_code == 200
    assert len(re.findall(r'class="search-result"', response.content.decode())) > 0


def test_the_public_never_finds_a_draft_nor_counts_it(client, admin_client):
    draft = make_publication(
        "draft", status=Publication.Status.DRAFT, title="Potash draft"
    )
    make_section(draft, body="Potash, potash, potash.")

    assert (
        "Nothing found for “potash”"
        in client.get("/search/", {"q": "potash"}).content.decode()
    )
    make_publication("public", title="Potash in public")
    page = client.get("/search/", {"q": "potash"})
    assert hits_on(page) == [("Brief", Publication.objects.get(slug="public").pk)]
    assert "1 result for “potash”" in page.content.decode()
    # An editor previews drafts, so finds them.
    assert (
        "2 results for “potash”"
        in admin_client.get("/search/", {"q": "potash"}).content.decode()
    )


def test_a_search_that_finds_one_kind_loads_only_that_kind(
    client, django_assert_max_num_queries
):
    make_publication("potash-brief", title="Potash brief")
    # The generation of its ETag, the kinds anything matches (on PostgreSQL),
    # the page, its briefs.
    with django_assert_max_num_queries(4):
        response = client.get("/search/", {"q": "potash"})
    assert hits_on(response) == [("Brief", Publication.objects.get().pk)]
