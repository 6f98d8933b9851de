"""Every list on an entity page comes a page at a time, at a fixed number of queries.

An actor may impose tens of thousands of sanctions, a meeting have hundreds
of participants: the actor's, author's, meeting's, sanction's and release's
pages show each list LIST_PAGE rows at a time, each list paged by its own
query parameter (``?sanctions=2``), and cost as many queries at a thousand
rows as at a few.
"""

import datetime
import html
import re

import pytest
from django.http import QueryDict
from pytest_django.asserts import assertContains

from briefs.domain import derived
from briefs.models import (
    Actor,
    Contribution,
    Evidence,
    Meeting,
    MeetingParticipant,
    PrisonerRelease,
    Publication,
    Sanction,
)
from briefs.reading.selectors import LIST_PAGE
from tests.factories import make_actor, make_author
from tests.helpers import statistics_gathered

pytestmark = pytest.mark.django_db

# Each page, its lists, and the most queries it may cost: the generation
# its ETag is made of, the row (and its aliases or breakdown), and a count
# and a page for each list.
PAGES = [
    (
        "/actors/hub/",
        [
            "meetings",
            "held_here",
            "sanctions",
            "releases",
            "nationals",
            "evidence",
            "briefs",
        ],
        17,
    ),
    ("/authors/writer/", ["briefs"], 4),
    ("/meetings/meeting-0/", ["participants", "releases", "evidence", "briefs"], 10),
    ("/sanctions/sanction-0/", ["releases", "evidence", "briefs"], 8),
    ("/releases/release-0/", ["relief", "evidence", "briefs"], 9),
]


def many(model, count, **fields):
    """``count`` rows of ``model``, each made by ``fields``' functions of its number."""
    return model.objects.bulk_create(
        model(**{name: value(n) for name, value in fields.items()})
        for n in range(count)
    )


def build(count):
    """An actor, an author, a meeting, a sanction and a release with ``count`` rows
    in every list of their pages, all of it public."""
    hub = make_actor("hub", "Hub", kind=Actor.Kind.STATE)
    other = make_actor("other", "Other")
    author = make_author("writer")
    day = datetime.date(2020, 1, 1)
    briefs = many(
        Publication,
        count,
        slug=lambda n: f"brief-{n:04}",
        title=lambda n: f"Brief {n:04}",
        status=lambda n: Publication.Status.PUBLISHED,
        publication_date=lambda n: day + datetime.timedelta(days=n),
        published_at=lambda n: datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    )
    brief = briefs[0]
    people = many(
        Actor,
        count,
        slug=lambda n: f"person-{n:04}",
        name=lambda n: f"Person {n:04}",
        kind=lambda n: Actor.Kind.PERSON,
        country=lambda n: hub,
    )
    meetings = many(
        Meeting,
        count,
        slug=lambda n: f"meeting-{n}",
        title=lambda n: f"Meeting {n:04}",
        date=lambda n: day + datetime.timedelta(days=n),
        date_precision=lambda n: "day",
        country=lambda n: hub,
    )
    sanctions = many(
        Sanction,
        count,
        slug=lambda n: f"sanction-{n}",
        title=lambda n: f"Sanction {n:04}",
        imposed_by=lambda n: hub,
        target=lambda n: other,
    )
    releases = many(
        PrisonerRelease,
        count,
        slug=lambda n: f"release-{n}",
        title=lambda n: f"Release {n:04}",
        released_by=lambda n: hub,
        meeting=lambda n: meetings[0],
        total=lambda n: 1,
        date=lambda n: day + datetime.timedelta(days=n),
        date_precision=lambda n: "day",
    )
    many(MeetingParticipant, count, meeting=lambda n: meetings[n], actor=lambda n: hub)
    many(
        MeetingParticipant,
        count,
        meeting=lambda n: meetings[0],
        actor=lambda n: people[n],
        position=lambda n: n + 1,
    )
    many(Contribution, count, publication=lambda n: briefs[n], author=lambda n: author)
    # What each brief discusses: the first brief everything, every brief the
    # first of each, so each has a page and every list its briefs.
    for link, column, rows in [
        (Publication.actors.through, "actor", [hub, other, *people]),
        (Meeting.publications.through, "meeting", meetings),
        (Sanction.publications.through, "sanction", sanctions),
        (PrisonerRelease.publications.through, "prisonerrelease", releases),
    ]:
        pairs = {(brief, row) for row in rows} | {(each, rows[0]) for each in briefs}
        link.objects.bulk_create(
            link(publication=each, **{column: row}) for each, row in pairs
        )
    relief = PrisonerRelease.sanctions_relief.through
    pairs = {(release, sanctions[0]) for release in releases}
    pairs |= {(releases[0], sanction) for sanction in sanctions}
    relief.objects.bulk_create(
        relief(prisonerrelease=release, sanction=sanction)
        for release, sanction in pairs
    )
    subjects = [
        {
            "meeting": lambda n: meetings[n],
            "actor": lambda n: hub,
            "fact": "participant",
        },
        {
            "meeting": lambda n: meetings[0],
            "actor": lambda n: people[n],
            "fact": "participant",
        },
        {"sanction": lambda n: sanctions[0], "fact": "status"},
        {"release": lambda n: releases[0], "fact": "total"},
    ]
    for number, subject in enumerate(subjects):
        fact = subject.pop("fact")
        many(
            Evidence,
            count,
            publication=lambda n: brief,
            number=lambda n, number=number: number * count + n + 1,
            fact=lambda n, fact=fact: fact,
            value=lambda n: f"value {n}",
            quote=lambda n: "A quote.",
            **subject,
        )
    # Bulk writes send no signals: note them, as every bulk door does.
    with derived.write() as changes:
        changes.rows_written(Publication, briefs)
        changes.rows_written(Actor, [hub, other, *people])
    statistics_gathered()


def expected_rows(url, name, count):
    if url == "/meetings/meeting-0/" and name in ("participants", "evidence"):
        return count + 1  # The hub takes part too, and a quote says so.
    return count


@pytest.mark.parametrize("count", [LIST_PAGE + 5, 8 * LIST_PAGE])
def test_every_list_comes_a_page_at_a_time_at_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    build(count)
    for url, names, most in PAGES:
        totals = {name: expected_rows(url, name, count) for name in names}
        last_pages = {
            name: (total - 1) // LIST_PAGE + 1 for name, total in totals.items()
        }

        with django_assert_max_num_queries(most):
            first = client.get(url)
        with django_assert_max_num_queries(most):
            last = client.get(url, last_pages)

        assert first.status_code == last.status_code == 200
        for name, total in totals.items():
            where = f"{url} {name}"
            shown = first.context["lists"][name]
            assert len(shown.page) == LIST_PAGE, where
            assert shown.page.paginator.count == total, where
            assertContains(first, f'<a href="?{name}=2#{name}">Next</a>', html=False)
            rest = last.context["lists"][name]
            assert len(rest.page) == total - (last_pages[name] - 1) * LIST_PAGE, where
            # Its link back keeps every other list on the page it is on.
            links = re.findall(rf'href="\?([^"#]*)#{name}"', last.content.decode())
            back = {**last_pages, name: last_pages[name] - 1}
            assert {key: str(value) for key, value in back.items()} in [
                QueryDict(html.unescape(link)).dict() for link in links
            ], where
