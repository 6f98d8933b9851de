"""Timelines: of one brief on its page, and of every published brief."""

import datetime

import pytest

from tests.factories import make_meeting, make_publication, make_release, make_sanction
from tests.helpers import BRIEF_URL, text_of

pytestmark = pytest.mark.django_db


def test_brief_timeline_lists_its_dated_events_in_order_with_their_precision(
    client, seeded
):
    timeline = text_of(client.get(BRIEF_URL)).split("Timeline", 2)[2]
    dates = ["February 2023", "autumn 2023", "29 May 2024", "June 2025", "21 June 2025"]
    positions = [timeline.index(date) for date in dates]
    assert positions == sorted(positions)


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
    for item in items:
        item.publications.add(brief)
    page = text_of(client.get("/timeline/"))
    expected = [
        "2020 Sanctions imposed Dated sanction",
        "autumn 2023 Meeting Autumn meeting",
        "29 May 2024 Meeting Day meeting",
        "June 2025 Prisoner release Month release",
        "15 July 2025 Brief published",
    ]
    positions = [page.index(entry) for entry in expected]
    assert positions == sorted(positions)
    assert "Undated sanction" not in page
