"""Partial dates in the admin: the live preview, and what a saved date keeps."""

import datetime

import pytest
from pytest_django.asserts import assertContains

from briefs import models
from tests.factories import (
    make_meeting,
)
from tests.helpers import (
    admin_url,
    form_data,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "precision", "approximate", "reads"),
    [
        ("21/06/2025", "day", "", "21 June 2025"),
        ("17/02/2023", "month", "", "February 2023"),
        ("2023-10-05", "season", "", "autumn 2023"),
        ("30/06/2025", "month", "1", "c. June 2025"),
        ("03/03/2020", "year", "", "2020"),
    ],
)
def test_the_date_preview_reads_as_the_site_will(
    editor_client, typed, precision, approximate, reads
):
    answer = editor_client.get(
        admin_url(models.Meeting, "date_preview"),
        {"date": typed, "precision": precision, "approximate": approximate},
    ).json()
    assert answer == {"text": reads, "error": ""}


@pytest.mark.parametrize(
    ("typed", "precision", "error"),
    [
        ("21/06/2025", "", "Give the precision of this date."),
        ("31/02/2025", "day", "Enter a valid date."),
    ],
)
def test_the_date_preview_says_what_is_wrong(editor_client, typed, precision, error):
    answer = editor_client.get(
        admin_url(models.Sanction, "date_preview"),
        {"date": typed, "precision": precision},
    ).json()
    assert answer == {"text": "", "error": error}


def test_the_change_form_shows_how_the_stored_date_reads(editor_client):
    meeting = make_meeting(
        "szijjarto-in-minsk", date=datetime.date(2023, 9, 1), precision="season"
    )
    response = editor_client.get(admin_url(models.Meeting, "change", meeting.pk))
    assertContains(response, 'class="partial-date-preview"')
    assertContains(response, "autumn 2023")
    assertContains(response, "briefs/admin/partial-date-preview.js")


def test_a_date_saved_with_a_precision_keeps_no_day_the_brief_does_not_give(
    editor_client,
):
    meeting = make_meeting("szijjarto-in-minsk")
    page = editor_client.get(admin_url(models.Meeting, "change", meeting.pk))
    data = form_data(page) | {"date": "17/02/2023", "date_precision": "month"}
    response = editor_client.post(admin_url(models.Meeting, "change", meeting.pk), data)
    assert response.status_code == 302, response.context["errors"]
    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2023, 2, 1)
    assert str(meeting.when) == "February 2023"
