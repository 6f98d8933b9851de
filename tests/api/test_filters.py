"""Every filter, and dates filtered by the interval a partial date covers."""

import datetime

import pytest

from briefs.models import Actor, Sanction
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
)

pytestmark = pytest.mark.django_db


def slugs(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


@pytest.fixture
def brief():
    return make_publication("a-brief")


@pytest.fixture
def dated_meetings(brief):
    """Four meetings, each dated at one precision, all in 2023."""
    meetings = [
        make_meeting("on-a-day", datetime.date(2023, 10, 20), "day"),
        make_meeting("in-a-month", datetime.date(2023, 10, 1), "month"),
        make_meeting("in-a-season", datetime.date(2023, 9, 1), "season"),
        make_meeting("in-a-year", datetime.date(2023, 1, 1), "year"),
    ]
    for meeting in meetings:
        meeting.publications.add(brief)
    return meetings


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # "autumn 2023" ends on 30 November, "2023" on 31 December.
        (
            "date_after=2023-09-01",
            ["in-a-month", "in-a-season", "in-a-year", "on-a-day"],
        ),
        (
            "date_after=2023-10-15",
            ["in-a-month", "in-a-season", "in-a-year", "on-a-day"],
        ),
        ("date_after=2023-10-21", ["in-a-month", "in-a-season", "in-a-year"]),
        ("date_after=2023-11-01", ["in-a-season", "in-a-year"]),
        ("date_after=2023-12-01", ["in-a-year"]),
        ("date_after=2024-01-01", []),
        # Each starts on its first day: 1 January, 1 September, 1 October.
        ("date_before=2023-08-31", ["in-a-year"]),
        ("date_before=2023-09-01", ["in-a-season", "in-a-year"]),
        ("date_before=2023-10-19", ["in-a-month", "in-a-season", "in-a-year"]),
        (
            "date_before=2023-10-20",
            ["in-a-month", "in-a-season", "in-a-year", "on-a-day"],
        ),
        # Overlapping a range: the month of October is (1, 31 October).
        ("date_after=2023-11-15&date_before=2023-11-20", ["in-a-season", "in-a-year"]),
    ],
)
def test_meetings_filter_by_the_interval_of_their_date(
    client, dated_meetings, query, expected
):
    assert slugs(client, f"/api/meetings/?{query}") == expected


def test_a_winter_runs_into_the_next_year(client, brief):
    winter = make_meeting("a-winter", datetime.date(2023, 12, 1), "season")
    winter.publications.add(brief)
    assert slugs(client, "/api/meetings/?date_after=2024-02-29") == ["a-winter"]
    assert slugs(client, "/api/meetings/?date_after=2024-03-01") == []


def test_releases_filter_by_the_interval_of_their_date(client, brief):
    release = make_release(
        "in-june", date=datetime.date(2025, 6, 1), date_precision="month"
    )
    release.publications.add(brief)
    assert slugs(client, "/api/releases/?date_after=2025-06-30") == ["in-june"]
    assert slugs(client, "/api/releases/?date_after=2025-07-01") == []
    assert slugs(client, "/api/releases/?date_before=2025-06-01") == ["in-june"]
    assert slugs(client, "/api/releases/?date_before=2025-05-31") == []


def test_sanctions_filter_by_the_time_they_are_in_force(client, brief):
    ended = make_sanction(
        "ended-in-2020",
        start_date=datetime.date(2018, 1, 1),
        start_date_precision="year",
        end_date=datetime.date(2020, 1, 1),
        end_date_precision="year",
    )
    ongoing = make_sanction(
        "since-spring-2022",
        start_date=datetime.date(2022, 3, 1),
        start_date_precision="season",
    )
    undated = make_sanction("undated")
    for sanction in (ended, ongoing, undated):
        sanction.publications.add(brief)
    assert slugs(client, "/api/sanctions/?date_after=2020-12-31") == [
        "ended-in-2020",
        "since-spring-2022",
    ]
    assert slugs(client, "/api/sanctions/?date_after=2021-01-01") == [
        "since-spring-2022"
    ]
    assert slugs(client, "/api/sanctions/?date_before=2022-03-01") == [
        "ended-in-2020",
        "since-spring-2022",
    ]
    assert slugs(client, "/api/sanctions/?date_before=2021-12-31") == ["ended-in-2020"]


def test_briefs_filter_by_date_actor_and_author(client):
    early = make_publication("early", publication_date=datetime.date(2024, 1, 10))
    late = make_publication("late", publication_date=datetime.date(2025, 1, 10))
    envoy = make_actor("envoy", kind=Actor.Kind.PERSON)
    early.actors.add(envoy)
    writer = make_author("writer")
    make_contribution(late, writer)
    make_contribution(late, writer, role="editor", position=2)
    assert slugs(client, "/api/briefs/?date_after=2024-06-01") == ["late"]
    assert slugs(client, "/api/briefs/?date_before=2024-06-01") == ["early"]
    assert slugs(client, "/api/briefs/?actor=envoy") == ["early"]
    assert slugs(client, "/api/briefs/?author=writer") == ["late"]


def test_facts_filter_by_brief(client, brief):
    other = make_publication("other-brief")
    make_meeting("here").publications.add(brief)
    make_meeting("there").publications.add(other)
    make_sanction("sanction-here").publications.add(brief)
    make_release("release-there").publications.add(other)
    assert slugs(client, "/api/meetings/?brief=a-brief") == ["here"]
    assert slugs(client, "/api/sanctions/?brief=a-brief") == ["sanction-here"]
    assert slugs(client, "/api/releases/?brief=a-brief") == []
    assert slugs(client, "/api/releases/?brief=other-brief") == ["release-there"]


def test_actors_filter_by_kind_country_and_brief(client, brief):
    state = make_actor("a-state")
    person = make_actor("a-person", kind=Actor.Kind.PERSON, country=state)
    outsider = make_actor("outsider", kind=Actor.Kind.PERSON)
    brief.actors.add(state, person)
    make_publication("other-brief").actors.add(outsider)
    assert slugs(client, "/api/actors/?kind=person") == ["a-person", "outsider"]
    assert slugs(client, "/api/actors/?country=a-state") == ["a-person"]
    assert slugs(client, "/api/actors/?brief=a-brief") == ["a-person", "a-state"]


def test_meetings_filter_by_participant_and_country(client, brief):
    host = make_actor("host-state")
    envoy = make_actor("envoy", kind=Actor.Kind.PERSON)
    visit = make_meeting("visit", country=host)
    make_participant(visit, envoy)
    make_participant(visit, host, position=2)
    visit.publications.add(brief)
    make_meeting("elsewhere").publications.add(brief)
    assert slugs(client, "/api/meetings/?actor=envoy") == ["visit"]
    assert slugs(client, "/api/meetings/?country=host-state") == ["visit"]


def test_sanctions_filter_by_actor_status_and_sector(client, brief):
    union = make_actor("union")
    state = make_actor("state-b")
    banks = make_sanction(
        "on-banks",
        imposed_by=union,
        target=state,
        sector="Banking",
        status=Sanction.Status.EASED,
    )
    potash = make_sanction("on-potash", target=state, sector="Potash")
    for sanction in (banks, potash):
        sanction.publications.add(brief)
    assert slugs(client, "/api/sanctions/?actor=state-b") == ["on-banks", "on-potash"]
    assert slugs(client, "/api/sanctions/?imposed_by=union") == ["on-banks"]
    assert slugs(client, "/api/sanctions/?target=state-b&sector=banking") == [
        "on-banks"
    ]
    assert slugs(client, "/api/sanctions/?status=eased") == ["on-banks"]
    assert slugs(client, "/api/sanctions/?status=in_force") == ["on-potash"]
    assert client.get("/api/sanctions/?status=repealed").status_code == 422


def test_releases_filter_by_actor_and_nationality(client, brief):
    belarus = make_actor("belarus-like")
    japan = make_actor("japan-like")
    release = make_release("a-release", released_by=belarus)
    make_nationality_count(release, japan, 2)
    make_nationality_count(release, make_actor("poland-like"), 3)
    release.publications.add(brief)
    make_release("another").publications.add(brief)
    assert slugs(client, "/api/releases/?actor=belarus-like") == ["a-release"]
    assert slugs(client, "/api/releases/?actor=japan-like") == ["a-release"]
    assert slugs(client, "/api/releases/?country=japan-like") == ["a-release"]
    assert slugs(client, "/api/releases/?country=belarus-like") == []


def test_a_cursor_walks_a_list_a_page_at_a_time(client, brief):
    for number in range(7):
        make_meeting(f"meeting-{number}").publications.add(brief)
    seen = []
    url = "/api/meetings/?page_size=3"
    while url:
        page = client.get(url).json()
        seen += [row["slug"] for row in page["results"]]
        url = page["next"]
    assert seen == [f"meeting-{number}" for number in range(7)]
