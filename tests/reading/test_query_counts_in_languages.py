"""The listing pages cost the same number of queries at 10 briefs and at 1,000,
in English and in Hungarian alike."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from briefs.domain import derived
from briefs.models import (
    Actor,
    Author,
    Contribution,
    Meeting,
    Publication,
)
from tests.helpers import statistics_gathered

pytestmark = pytest.mark.django_db

LISTS = ["/", "/search/?q=brief", "/actors/", "/timeline/"]


def many_briefs(count, start=0):
    """``count`` published briefs, half in Hungarian, each with its author, an
    actor it mentions and a meeting it discusses: built in bulk."""
    numbers = range(start, start + count)
    briefs = Publication.objects.bulk_create(
        Publication(
            slug=f"brief-{n:04}",
            title=f"Brief number {n}",
            series="A Series",
            publisher="An Institute",
            publication_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=n),
            language=["en", "hu"][n % 2],
            summary=f"The summary of brief {n}.",
            status=Publication.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in numbers
    )
    authors = Author.objects.bulk_create(
        Author(slug=f"author-{n:04}", name=f"Author {n}") for n in numbers
    )
    Contribution.objects.bulk_create(
        Contribution(publication=brief, author=author, position=1)
        for brief, author in zip(briefs, authors, strict=True)
    )
    actors = Actor.objects.bulk_create(
        Actor(slug=f"actor-{n:04}", name=f"Actor {n}", kind=Actor.Kind.PERSON)
        for n in numbers
    )
    Publication.actors.through.objects.bulk_create(
        Publication.actors.through(publication=brief, actor=actor)
        for brief, actor in zip(briefs, actors, strict=True)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            slug=f"meeting-{n:04}",
            title=f"Meeting {n}",
            date=datetime.date(2000, 1, 1) + datetime.timedelta(days=n),
            date_precision="day",
        )
        for n in numbers
    )
    Meeting.publications.through.objects.bulk_create(
        Meeting.publications.through(meeting=meeting, publication=brief)
        for brief, meeting in zip(briefs, meetings, strict=True)
    )
    # Bulk writes send no signals: note them, as every bulk door does.
    with derived.write() as changes:
        changes.rows_written(Publication, briefs)
        changes.rows_written(Actor, actors)
        changes.rows_written(Meeting, meetings)
    statistics_gathered()


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_a_listing_costs_the_same_queries_at_10_briefs_and_at_1000_in_either_language(
    client,
):
    urls = [prefix + url for url in LISTS for prefix in ("", "/hu")]
    many_briefs(10)
    few = {url: queries_of(client, url) for url in urls}
    many_briefs(990, start=10)
    assert Publication.objects.count() == 1000
    many = {url: queries_of(client, url) for url in urls}

    assert many == few
    for url in LISTS:
        assert few["/hu" + url] == few[url], url
