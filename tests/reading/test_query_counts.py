"""Every reading page costs a fixed number of queries, whatever the size of the brief."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pytest_django.asserts import assertContains

from briefs.domain import derived
from briefs.models import (
    Actor,
    ActorAlias,
    Evidence,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    PrisonerRelease,
    Publication,
    Sanction,
    Section,
    SourceReference,
    StoredArticle,
    facts_of,
)
from tests.factories import (
    make_actor,
    make_author,
    make_contribution,
    make_meeting,
    make_nationality_count,
    make_participant,
    make_publication,
    make_release,
    make_sanction,
    make_section,
    make_source_reference,
    make_translation,
)
from tests.helpers import statistics_gathered
from tests.snapshots import restored, take_snapshot

pytestmark = pytest.mark.django_db


def make_big_brief(sections=300, actors=500, references=1000):
    """A brief with hundreds of parts, built in bulk."""
    brief = make_publication("big-brief", title="A very long brief")
    make_contribution(brief, make_author("big-author"))
    states = Actor.objects.bulk_create(
        Actor(slug=f"state-{n}", name=f"Stateland{n}", kind=Actor.Kind.STATE)
        for n in range(10)
    )
    people = Actor.objects.bulk_create(
        Actor(
            slug=f"person-{n}",
            name=f"Person Number{n}",
            kind=Actor.Kind.PERSON,
            position="Envoy",
            country=states[n % 10],
        )
        for n in range(actors - len(states))
    )
    everyone = states + people
    ActorAlias.objects.bulk_create(
        ActorAlias(actor=actor, name=f"Alias{n}") for n, actor in enumerate(everyone)
    )
    brief.actors.add(*everyone)
    SourceReference.objects.bulk_create(
        SourceReference(publication=brief, number=n, anchor_text=f"source {n}")
        for n in range(1, references + 1)
    )
    per_section = references // sections + 1
    Section.objects.bulk_create(
        Section(
            publication=brief,
            position=p,
            heading=f"Part {p}",
            body="\n\n".join(
                f"Person Number{(p + k) % len(people)} met Alias{(p * 3 + k) % actors} "
                f"and [said so][{min(p * per_section + k, references)}]."
                for k in range(per_section)
            ),
        )
        for p in range(sections)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            slug=f"meeting-{n}",
            title=f"Meeting {n}",
            date=datetime.date(2024, 1, 1 + n),
            date_precision="day",
            country=states[0],
        )
        for n in range(25)
    )
    MeetingParticipant.objects.bulk_create(
        MeetingParticipant(meeting=meeting, actor=people[k], position=k)
        for meeting in meetings
        for k in range(8)
    )
    brief.meetings.add(*meetings)
    sanctions = Sanction.objects.bulk_create(
        Sanction(
            slug=f"sanction-{n}",
            title=f"Sanction {n}",
            imposed_by=people[0],
            target=states[n % 10],
        )
        for n in range(20)
    )
    brief.sanctions.add(*sanctions)
    releases = PrisonerRelease.objects.bulk_create(
        PrisonerRelease(
            slug=f"release-{n}",
            title=f"Release {n}",
            released_by=people[0],
            released_to=states[1],
            meeting=meetings[n],
            total=100,
            date=datetime.date(2024, 6, 1),
            date_precision="month",
        )
        for n in range(10)
    )
    NationalityCount.objects.bulk_create(
        NationalityCount(release=release, country=state, count=5)
        for release in releases
        for state in states
    )
    for release in releases:
        release.sanctions_relief.add(*sanctions[:5])
    brief.releases.add(*releases)
    # Bulk writes send no signals: note them, as every bulk door does.
    with derived.write() as changes:
        changes.rows_written(Publication, [brief])
    return brief


def back_every_fact(brief):
    """Evidence for every fact of every record the brief discusses, quoting its sections."""
    records = [
        *brief.meetings.prefetch_related("participations__actor"),
        *brief.sanctions.all(),
        *brief.releases.prefetch_related("nationality_counts__country"),
    ]
    sections = list(brief.sections.all())
    rows = []
    for record in records:
        kind = {Meeting: "meeting", Sanction: "sanction"}.get(type(record), "release")
        for fact, actor in facts_of(record):
            section = sections[len(rows) % len(sections)]
            first_sentence = section.paragraphs[0].split(" and ")[0]
            rows.append(
                Evidence(
                    publication=brief,
                    number=len(rows) + 1,
                    fact=fact,
                    actor=actor,
                    value="stated",
                    rank="preferred",
                    section=section.position,
                    quote=first_sentence,
                    sources="1",
                    **{kind: record},
                )
            )
    Evidence.objects.bulk_create(rows)
    return len(rows)


def make_small_brief():
    """One of each part and fact, so every prefetch of the page has rows to fetch."""
    brief = make_publication("small-brief")
    make_contribution(brief, make_author("small-author"))
    make_source_reference(brief, 1, "said")
    make_section(brief, body="Small Actor [said][1] so.")
    actor = make_actor("small-actor", "Small Actor", kind=Actor.Kind.PERSON)
    ActorAlias.objects.create(actor=actor, name="Small")
    brief.actors.add(actor)
    meeting = make_meeting("small-meeting")
    make_participant(meeting, actor)
    sanction = make_sanction("small-sanction")
    release = make_release("small-release", meeting=meeting)
    make_nationality_count(release, make_actor("small-state"), 1)
    release.sanctions_relief.add(sanction)
    for fact in (meeting, sanction, release):
        fact.publications.add(brief)
    return brief


def count_queries(client, url):
    statistics_gathered()  # of the rows just written in bulk
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_brief_page_costs_at_most_19_queries_however_big_the_brief(
    client, django_assert_max_num_queries
):
    # The generation its ETag is made of, the brief with its stored article,
    # 14 to render it (its editions among them), and 3 to store the first
    # article it has.
    big = make_big_brief()
    backed = back_every_fact(big)
    small = make_small_brief()
    back_every_fact(small)
    small_count = count_queries(client, small.get_absolute_url())
    with django_assert_max_num_queries(19):
        response = client.get(big.get_absolute_url())
    assert response.status_code == 200
    assertContains(response, '<section class="brief__section"', count=300)
    assertContains(response, '<li id="source-', count=1000)
    # Every fact is backed, and every quote marked in the text.
    assert backed > 300
    assertContains(response, 'class="evidence-marker"', count=backed)
    assertContains(response, '<mark class="evidence" id="evidence-', count=backed)
    # Once stored, the article is served with its ETag in two queries.
    with django_assert_max_num_queries(2):
        assert client.get(big.get_absolute_url()).content == response.content
    StoredArticle.objects.all().delete()
    assert count_queries(client, big.get_absolute_url()) == small_count


def test_brief_page_for_an_editor_also_costs_at_most_16_queries(
    admin_client, django_assert_max_num_queries
):
    big = make_big_brief(sections=30, actors=50, references=60)
    with django_assert_max_num_queries(16):
        assert admin_client.get(big.get_absolute_url()).status_code == 200


def test_a_translations_page_costs_four_queries_more_than_its_originals(client):
    # Its original (joined), the original's facts and its other editions
    # through it, and its own links to facts, which a translation has none of.
    big = make_big_brief(sections=30, actors=50, references=60)
    translation = make_translation(big, "nagy-jelentes")
    Section.objects.bulk_create(
        Section(publication=translation, position=s.position, body=s.body)
        for s in big.sections.all()
    )
    original = count_queries(client, big.get_absolute_url())
    StoredArticle.objects.all().delete()

    assert count_queries(client, translation.get_absolute_url()) <= original + 4
    assertContains(client.get(translation.get_absolute_url()), 'class="fact"', count=55)


def make_middling_brief():
    back_every_fact(make_big_brief(sections=30, actors=200, references=60))


@pytest.fixture(scope="module")
def middling_brief_snapshot(django_db_setup, django_db_blocker):
    """``make_middling_brief()`` taken once for every page (tests/snapshots.py)."""
    with django_db_blocker.unblock():
        return take_snapshot(make_middling_brief)


@pytest.fixture
def middling_brief(db, middling_brief_snapshot):
    """A brief of 30 sections, 200 actors and 60 sources, every fact backed."""
    restored(middling_brief_snapshot, make_middling_brief)
    return Publication.objects.get(slug="big-brief")


# Each page's count includes the page generation its ETag is made of. An
# entity page's lists come a page at a time, each a count and a page (one
# query while it is empty; tests/reading/test_entity_lists.py).
READING_PAGES = [
    ("/", 4),
    ("/actors/", 3),  # the page and its count
    ("/actors/person-0/", 15),  # the actor, its aliases, 7 lists
    ("/actors/state-1/", 15),
    ("/authors/big-author/", 4),
    ("/meetings/meeting-0/", 10),  # the meeting, 4 lists
    ("/sanctions/sanction-0/", 8),
    ("/releases/release-0/", 9),  # … and its breakdown
    ("/timeline/", 8),
    ("/search/?q=Number1", 6),
    ("/feed/", 3),
    ("/big-brief-cite/", 4),  # the brief, its credits, the newest dataset release
]


@pytest.mark.parametrize("url, most", READING_PAGES)
def test_every_reading_page_costs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, url, most, middling_brief
):
    brief = middling_brief
    if url == "/big-brief-cite/":
        url = brief.get_absolute_url() + "cite.bib"
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("url, most", READING_PAGES)
def test_every_reading_page_costs_as_many_queries_in_hungarian(
    client, django_assert_max_num_queries, url, most, middling_brief
):
    # Every other actor has a Hungarian name: the rest fall back to English.
    Actor.objects.filter(slug__endswith="0").update(name_hu="Magyar név")
    if url == "/big-brief-cite/":
        url = middling_brief.get_absolute_url() + "cite.bib"
    with translation.override("hu"), django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200
