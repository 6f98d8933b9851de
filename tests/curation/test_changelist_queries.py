"""Every changelist costs the same number of queries at 10 rows and at 10,000."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from briefs import models
from tests.factories import (
    make_actor,
    make_meeting,
    make_publication,
    make_release,
)
from tests.helpers import (
    ADMIN_MODELS,
    admin_url,
    statistics_gathered,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def parents(db):
    """The few rows generated rows hang from: a corpus has few states and briefs."""
    states = [make_actor(f"state-{n}") for n in range(3)]
    return SimpleNamespace(
        states=states,
        publication=make_publication("parent-brief"),
        meeting=make_meeting("parent-meeting", country=states[0]),
        release=make_release("parent-release", released_by=states[0], total=10**9),
    )


def actors(prefix, numbers, kind):
    return models.Actor.objects.bulk_create(
        models.Actor(slug=f"{prefix}-{n}", name=f"{prefix} {n}", kind=kind)
        for n in numbers
    )


def make_rows(model, parents, numbers):
    """Unsaved rows of ``model``, one per number, with the rows they refer to."""
    day = datetime.date(2000, 1, 1)
    states = parents.states

    def state(n):
        return states[n % len(states)]

    def other_state(n):
        return states[(n + 1) % len(states)]

    M = models
    build = {
        M.Author: lambda n: M.Author(slug=f"author-{n}", name=f"Author {n}"),
        M.Actor: lambda n: M.Actor(
            slug=f"actor-{n}", name=f"Actor {n}", kind="person", country=state(n)
        ),
        M.Publication: lambda n: M.Publication(
            slug=f"brief-{n}",
            title=f"Brief {n}",
            series="HIIA Perspective",
            publisher="HIIA",
            publication_date=day + datetime.timedelta(days=n),
        ),
        M.Meeting: lambda n: M.Meeting(
            slug=f"meeting-{n}",
            title=f"Meeting {n}",
            date=day + datetime.timedelta(days=n),
            date_precision="day",
            country=state(n),
        ),
        M.Sanction: lambda n: M.Sanction(
            slug=f"sanction-{n}",
            title=f"Sanction {n}",
            imposed_by=state(n),
            target=other_state(n),
            start_date=day,
            start_date_precision="year",
        ),
        M.PrisonerRelease: lambda n: M.PrisonerRelease(
            slug=f"release-{n}",
            title=f"Release {n}",
            date=day,
            date_precision="year",
            released_by=state(n),
            released_to=other_state(n),
            meeting=parents.meeting,
            total=n,
        ),
        M.Section: lambda n: M.Section(publication=parents.publication, position=n),
        M.SourceReference: lambda n: M.SourceReference(
            publication=parents.publication, number=n, anchor_text=f"source {n}"
        ),
        M.ActorAlias: lambda n: M.ActorAlias(actor=state(n), name=f"Alias {n}"),
        M.Evidence: lambda n: M.Evidence(
            publication=parents.publication,
            number=n,
            meeting=parents.meeting,
            fact="date",
            value=f"day {n}",
            quote=f"Words {n}.",
        ),
    }
    if model in build:
        return [build[model](n) for n in numbers]
    # Rows that must each name a different partner.
    if model is M.Contribution:
        authors = M.Author.objects.bulk_create(
            M.Author(slug=f"author-{n}", name=f"Author {n}") for n in numbers
        )
        return [
            M.Contribution(publication=parents.publication, author=author, position=n)
            for n, author in zip(numbers, authors, strict=True)
        ]
    if model is M.MeetingParticipant:
        people = actors("person", numbers, M.Actor.Kind.PERSON)
        return [
            M.MeetingParticipant(meeting=parents.meeting, actor=actor, position=n)
            for n, actor in zip(numbers, people, strict=True)
        ]
    if model is M.NationalityCount:
        countries = actors("country", numbers, M.Actor.Kind.STATE)
        return [
            M.NationalityCount(release=parents.release, country=country, count=1)
            for country in countries
        ]
    raise AssertionError(f"No rows for {model.__name__}")


def changelist_queries(client, model):
    statistics_gathered()  # of the rows just written in bulk
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return response.context["cl"].result_count, [query["sql"] for query in queries]


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model.__name__)
def test_a_changelist_costs_the_same_queries_at_10_rows_and_at_10000(
    model, parents, editor_client
):
    model.objects.bulk_create(make_rows(model, parents, range(1, 11)))
    few, at_few = changelist_queries(editor_client, model)
    model.objects.bulk_create(
        make_rows(model, parents, range(11, 10_001)), batch_size=2000
    )
    many, at_many = changelist_queries(editor_client, model)

    assert few < 20 and many >= 10_000
    assert len(at_many) == len(at_few), "\n".join(at_many)
