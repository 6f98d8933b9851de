"""Timelines: of one brief on its page, and of every published brief."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from briefs.domain import dates
from briefs.models import Publication
from briefs.reading import selectors, timeline
from tests.factories import make_meeting, make_publication, make_release, make_sanction
from tests.helpers import BRIEF_URL, text_of

pytestmark = pytest.mark.django_db


def discuss(brief, items):
    for item in items:
        item.publications.add(brief)


def timeline_text(client, brief, items):
    """The public timeline's words once ``brief`` discusses ``items``."""
    discuss(brief, items)
    return text_of(client.get("/timeline/"))


def assert_in_order(page, entries):
    positions = [page.index(entry) for entry in entries]
    assert positions == sorted(positions)


def test_brief_timeline_lists_its_dated_events_in_order_with_their_precision(
    client, seeded
):
    timeline = text_of(client.get(BRIEF_URL)).split("Timeline", 2)[2]
    dates = ["February 2023", "autumn 2023", "29 May 2024", "June 2025", "21 June 2025"]
    assert_in_order(timeline, dates)


def test_timeline_lists_every_dated_item_of_published_briefs_in_order(client):
    brief = make_publication(publication_date=datetime.date(2025, 7, 15))
    items = [
        make_meeting("m-day", date=datetime.date(2024, 5, 29), title="Day meeting"),
        make_meeting(
            "m-season",
            date=datetime.date(2023, 9, 1),
            precision="season",
            title="Autumn meeting",
        ),
        make_release("r-month", date=datetime.date(2025, 6, 1), title="Month release"),
        make_sanction(
            "s-dated",
            title="Dated sanction",
            start_date=datetime.date(2020, 1, 1),
            start_date_precision="year",
        ),
        make_sanction("s-undated", title="Undated sanction"),
    ]
    page = timeline_text(client, brief, items)
    expected = [
        "2020 Sanctions imposed Dated sanction",
        "autumn 2023 Meeting Autumn meeting",
        "29 May 2024 Meeting Day meeting",
        "June 2025 Prisoner release Month release",
        "15 July 2025 Brief published",
    ]
    assert_in_order(page, expected)
    assert "Undated sanction" not in page


def test_coarser_dates_come_first_among_events_starting_on_one_day(client):
    brief = make_publication(publication_date=datetime.date(1990, 1, 1))
    first_of = datetime.date(2023, 1, 1)
    autumn = datetime.date(2023, 9, 1)
    items = [
        # Titles sort against the precisions, so only the precision can order them.
        make_meeting("day-jan", date=first_of, title="A day"),
        make_release("month-jan", date=first_of, title="B month"),
        make_sanction(
            "year", title="C year", start_date=first_of, start_date_precision="year"
        ),
        make_meeting("day-sep", date=autumn, title="D day"),
        make_sanction(
            "month-sep",
            title="E month",
            start_date=datetime.date(2020, 1, 1),
            start_date_precision="year",
            end_date=autumn,
            end_date_precision="month",
        ),
        make_meeting("season", date=autumn, precision="season", title="F season"),
    ]
    page = timeline_text(client, brief, items)
    expected = [
        "2023 Sanctions imposed C year",
        "January 2023 Prisoner release B month",
        "1 January 2023 Meeting A day",
        "autumn 2023 Meeting F season",
        "September 2023 Sanctions ended E month",
        "1 September 2023 Meeting D day",
    ]
    assert_in_order(page, expected)


def test_the_database_orders_the_timeline_as_events_does():
    brief = make_publication(publication_date=datetime.date(2023, 1, 1))
    day = datetime.date(2023, 1, 1)
    meetings = [
        make_meeting("m-1", date=day, precision="year", title="Same"),
        make_meeting("m-2", date=day, title="Same"),
        make_meeting("m-3", date=day, precision="month", title="Other"),
    ]
    releases = [make_release("r-1", date=day, date_precision="year", title="Same")]
    sanctions = [
        make_sanction(
            "s-1",
            title="Same",
            start_date=day,
            start_date_precision="month",
            end_date=day,
            end_date_precision="day",
        )
    ]
    discuss(brief, [*meetings, *releases, *sanctions])

    def shown(events):
        return [(event.kind, event.title, str(event.when)) for event in events]

    ordered = timeline.events(meetings, releases, sanctions, [brief])
    assert shown(selectors.timeline_events(AnonymousUser())) == shown(ordered)


def test_a_timeline_event_names_only_the_briefs_its_reader_may_read(
    client, editor_client
):
    meeting = make_meeting(title="A shared meeting")
    meeting.publications.add(
        make_publication("public-brief", title="The public brief"),
        make_publication(
            "draft-brief", title="The draft brief", status=Publication.Status.DRAFT
        ),
    )

    public = text_of(client.get("/timeline/"))
    assert "Meeting A shared meeting · in The public brief" in public
    assert "The draft brief" not in public
    editors = text_of(editor_client.get("/timeline/"))
    assert "A shared meeting · in The draft brief, The public brief" in editors


def test_timeline_links_are_those_of_the_pages_and_escape_what_they_show(client):
    brief = make_publication("brief_2", title="Brief <b>&</b> “quotes”")
    items = [
        make_meeting("meeting-2025_a", title='Meeting <script>alert("x")</script>'),
        make_release("release-9", title="Release 'one'"),
        make_sanction(
            "sanction-z",
            title="Sanction & co",
            start_date=datetime.date(2020, 1, 1),
            start_date_precision="year",
            start_date_approximate=True,
        ),
    ]
    discuss(brief, items)

    response = client.get("/timeline/")

    page = response.content.decode()
    for item in [brief, *items]:
        assert f'href="{item.get_absolute_url()}"' in page
    assert "<script>alert" not in page and "<b>&</b>" not in page
    assert "Meeting &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "Release &#x27;one&#x27;" in page
    text = text_of(response)
    assert (
        "c. 2020 Sanctions imposed Sanction & co · in Brief <b>&</b> “quotes”" in text
    )


def test_precision_names_sort_backwards_as_a_timeline_orders_them():
    # The database sorts by the stored name, so a new precision must keep this.
    order = timeline.PRECISION_ORDER
    assert sorted(order, reverse=True) == sorted(order, key=order.get)
    assert set(order) == set(dates.DatePrecision)
