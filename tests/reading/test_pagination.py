"""Long lists come a page at a time: /actors/ and /timeline/."""

import datetime

import pytest

from briefs.models import Actor, Meeting
from briefs.reading.views import ActorListView, TimelineView
from tests.factories import make_publication


@pytest.mark.django_db
def test_actors_come_a_page_at_a_time(client):
    count = ActorListView.paginate_by + 5
    actors = Actor.objects.bulk_create(
        Actor(slug=f"actor-{n:04}", name=f"Actor {n:04}", kind="person")
        for n in range(count)
    )
    make_publication().actors.add(*actors)

    first = client.get("/actors/")
    second = client.get("/actors/?page=2")

    assert len(first.context["actors"]) == ActorListView.paginate_by
    assert len(second.context["actors"]) == 5
    assert b'rel="next" href="?page=2"' in first.content
    assert client.get("/actors/?page=x").status_code == 404


@pytest.mark.django_db
def test_the_timeline_comes_a_page_at_a_time(client):
    count = TimelineView.paginate_by + 3
    meetings = Meeting.objects.bulk_create(
        Meeting(
            slug=f"meeting-{n:04}",
            title=f"Meeting {n:04}",
            date=datetime.date(2000, 1, 1) + datetime.timedelta(days=n),
            date_precision="day",
        )
        for n in range(count)
    )
    make_publication(publication_date=datetime.date(1999, 1, 1)).meetings.add(*meetings)

    first = client.get("/timeline/")
    last = client.get("/timeline/?page=2")

    shown = sum(len(events) for year, events in first.context["years"])
    assert shown == TimelineView.paginate_by
    assert b'rel="next" href="?page=2"' in first.content
    # The brief itself is an event too.
    assert sum(len(events) for year, events in last.context["years"]) == 4
    assert client.get("/timeline/?page=x").status_code == 200
