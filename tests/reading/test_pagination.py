"""Long lists come a page at a time: /actors/ and /timeline/."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from briefs.models import Actor, Meeting, PrisonerRelease, Sanction
from briefs.reading.views import ActorListView, TimelineView
from tests.factories import make_actor, make_publication
from tests.helpers import statistics_gathered


def many_actors(count, start=0):
    return Actor.objects.bulk_create(
        Actor(slug=f"actor-{n:04}", name=f"Actor {n:04}", kind="person")
        for n in range(start, start + count)
    )


def many_meetings(count, start=0):
    """``count`` meetings a day apart from 1 January 2000."""
    return Meeting.objects.bulk_create(
        Meeting(
            slug=f"meeting-{n:04}",
            title=f"Meeting {n:04}",
            date=datetime.date(2000, 1, 1) + datetime.timedelta(days=n),
            date_precision="day",
        )
        for n in range(start, start + count)
    )


def many_dated_facts(count, start=0):
    """``count`` releases and as many sanctions, imposed and ended, a day apart
    from 1 January 2000 like ``many_meetings``."""
    actor, other = make_actor(f"actor-a-{start}"), make_actor(f"actor-b-{start}")
    days = [
        (n, datetime.date(2000, 1, 1) + datetime.timedelta(days=n))
        for n in range(start, start + count)
    ]
    releases = PrisonerRelease.objects.bulk_create(
        PrisonerRelease(
            slug=f"release-{n:04}",
            title=f"Release {n:04}",
            date=day,
            date_precision="month",
            released_by=actor,
            total=1,
        )
        for n, day in days
    )
    sanctions = Sanction.objects.bulk_create(
        Sanction(
            slug=f"sanction-{n:04}",
            title=f"Sanction {n:04}",
            imposed_by=actor,
            target=other,
            start_date=day,
            start_date_precision="day",
            end_date=day + datetime.timedelta(days=1),
            end_date_precision="season",
        )
        for n, day in days
    )
    return releases, sanctions


@pytest.mark.django_db
def test_actors_come_a_page_at_a_time(client):
    make_publication().actors.add(*many_actors(ActorListView.paginate_by + 5))

    first = client.get("/actors/")
    second = client.get("/actors/?page=2")

    assert len(first.context["actors"]) == ActorListView.paginate_by
    assert len(second.context["actors"]) == 5
    assert b'rel="next" href="?page=2"' in first.content
    assert client.get("/actors/?page=x").status_code == 404


@pytest.mark.django_db
def test_the_timeline_comes_a_page_at_a_time(client):
    meetings = many_meetings(TimelineView.paginate_by + 3)
    make_publication(publication_date=datetime.date(1999, 1, 1)).meetings.add(*meetings)

    first = client.get("/timeline/")
    last = client.get("/timeline/?page=2")

    shown = sum(len(events) for year, events in first.context["years"])
    assert shown == TimelineView.paginate_by
    assert b'rel="next" href="?page=2"' in first.content
    # The brief itself is an event too.
    assert sum(len(events) for year, events in last.context["years"]) == 4
    assert client.get("/timeline/?page=x").status_code == 404  # as /actors/


def queries_of(client, url):
    statistics_gathered()  # of the rows just written in bulk
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/actors/", "/timeline/"])
def test_a_long_list_costs_the_same_queries_at_ten_rows_and_at_a_thousand(client, url):
    # Published before its meetings: on the first page with them, both kinds loaded.
    brief = make_publication(publication_date=datetime.date(1999, 1, 1))
    brief.actors.add(*many_actors(10))
    brief.meetings.add(*many_meetings(10))
    few = queries_of(client, url)
    brief.actors.add(*many_actors(990, start=10))
    brief.meetings.add(*many_meetings(990, start=10))
    assert queries_of(client, url) == few


@pytest.mark.django_db
def test_a_timeline_page_of_every_kind_costs_the_same_queries_at_ten_events_and_a_thousand(
    client,
):
    def discuss(brief, count, start=0):
        releases, sanctions = many_dated_facts(count, start)
        brief.meetings.add(*many_meetings(count, start))
        brief.releases.add(*releases)
        brief.sanctions.add(*sanctions)

    # Every kind is on the first page, each event with its brief; the brief
    # itself too, published before them.
    brief = make_publication(publication_date=datetime.date(1999, 1, 1))
    discuss(brief, 3)
    few = queries_of(client, "/timeline/")
    kinds = {
        event.kind
        for _, events in client.get("/timeline/").context["years"]
        for event in events
    }
    assert len(kinds) == 5
    discuss(brief, 250, start=3)
    assert queries_of(client, "/timeline/") == few
    assert queries_of(client, "/timeline/?page=4") == few
