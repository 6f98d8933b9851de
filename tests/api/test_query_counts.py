"""A list page costs the same few queries at 5 rows and at 60."""

import datetime

import pytest
from django.utils import translation

from briefs.models import Actor
from tests.factories import (
    make_actor,
    make_alias,
    make_author,
    make_contribution,
    make_meeting,
    make_nationality_count,
    make_participant,
    make_publication,
    make_release,
    make_sanction,
    make_translation,
)
from tests.snapshots import restored, take_snapshot

pytestmark = pytest.mark.django_db

# What a list page reads: its rows, then each prefetched relation once.
# Briefs: their editions (an original's translations, a translation's
# original's). Meetings, sanctions and releases: one query more for their
# evidence, one for the translations of the briefs discussing them.
# Each with the page generation its ETag and cache key are made of.
QUERIES = {"briefs": 5, "actors": 3, "meetings": 7, "sanctions": 6, "releases": 7}


def make_facts(size):
    """``size`` briefs, each with an author, an actor, a meeting, a sanction, a release."""
    for number in range(size):
        brief = make_publication(
            f"brief-{number}", publication_date=datetime.date(2025, 1, 1)
        )
        make_contribution(brief, make_author(f"author-{number}"))
        if number % 2:
            # Every other brief in two editions: its translation states its facts.
            make_translation(brief, f"brief-{number}-hu")
        state = make_actor(f"state-{number}", wikidata_id=f"Q{number + 1}")
        person = make_actor(f"person-{number}", kind=Actor.Kind.PERSON, country=state)
        make_alias(person, f"Alias {number}")
        brief.actors.add(state, person)
        meeting = make_meeting(f"meeting-{number}", country=state)
        make_participant(meeting, person)
        meeting.publications.add(brief)
        sanction = make_sanction(f"sanction-{number}", target=state)
        sanction.publications.add(brief)
        release = make_release(f"release-{number}", released_by=state, meeting=meeting)
        make_nationality_count(release, state, 1)
        release.sanctions_relief.add(sanction)
        release.publications.add(brief)


@pytest.fixture(scope="module")
def size(request):
    """How many of each fact: a parameter of the module's scope, so that its
    tests are grouped by it and share one snapshot of each size."""
    return request.param


@pytest.fixture(scope="module")
def facts_snapshot(size, django_db_setup, django_db_blocker):
    """``make_facts(size)`` taken once for every list (tests/snapshots.py)."""
    with django_db_blocker.unblock():
        return take_snapshot(lambda: make_facts(size))


@pytest.fixture
def facts(db, facts_snapshot, size):
    restored(facts_snapshot, lambda: make_facts(size))


@pytest.mark.parametrize("size", [5, 60], indirect=True)
@pytest.mark.parametrize("kind", sorted(QUERIES))
def test_a_list_page_costs_the_same_queries_at_any_size(
    client, django_assert_max_num_queries, size, kind, facts
):
    with django_assert_max_num_queries(QUERIES[kind]):
        response = client.get(f"/api/{kind}/?page_size=200")
    assert len(response.json()["results"]) >= size


@pytest.mark.parametrize("size", [5, 60], indirect=True)
@pytest.mark.parametrize("kind", sorted(QUERIES))
def test_a_list_page_costs_as_many_queries_in_hungarian(
    client, django_assert_max_num_queries, size, kind, facts
):
    Actor.objects.filter(kind=Actor.Kind.STATE).update(name_hu="Állam")
    with translation.override("hu"), django_assert_max_num_queries(QUERIES[kind]):
        response = client.get(f"/api/{kind}/?page_size=200")
    assert len(response.json()["results"]) >= size
