"""Two editors on one record: a save over a newer change is refused."""

import pytest
from pytest_django.asserts import assertContains

from briefs import models
from tests.factories import (
    make_meeting,
    make_user,
)
from tests.helpers import (
    admin_url,
    form_data,
    logged_in_client,
    save_in_admin,
)

pytestmark = pytest.mark.django_db


def test_a_second_save_over_a_newer_change_is_refused_and_the_first_survives(
    editor,
):
    meeting = make_meeting("talks", place="Minsk")
    first = logged_in_client(editor)
    second = logged_in_client(make_user("sam", "Editor"))
    first_form = first.get(admin_url(models.Meeting, "change", meeting.pk))
    second_form = second.get(admin_url(models.Meeting, "change", meeting.pk))

    saved = first.post(
        admin_url(models.Meeting, "change", meeting.pk),
        form_data(first_form) | {"place": "Vitebsk"},
    )
    assert saved.status_code == 302
    refused = second.post(
        admin_url(models.Meeting, "change", meeting.pk),
        form_data(second_form) | {"place": "Brest"},
    )

    assert refused.status_code == 200
    assertContains(refused, "was changed by edna on")
    assertContains(refused, "your changes were not saved")
    meeting.refresh_from_db()
    assert meeting.place == "Vitebsk"
    assert meeting.history.count() == 2  # created, then edna's change only


def test_an_editor_refused_for_a_conflict_can_save_after_reopening(editor_client):
    meeting = make_meeting("talks", place="Minsk")
    stale = editor_client.get(admin_url(models.Meeting, "change", meeting.pk))
    meeting.place = "Vitebsk"
    meeting.save()  # someone else, or an import
    refused = editor_client.post(
        admin_url(models.Meeting, "change", meeting.pk),
        form_data(stale) | {"outcome": "x"},
    )
    assert refused.status_code == 200

    assert save_in_admin(editor_client, meeting, outcome="x").status_code == 302
    meeting.refresh_from_db()
    assert (meeting.place, meeting.outcome) == ("Vitebsk", "x")


def test_restoring_an_old_version_over_a_newer_change_is_refused(editor_client):
    meeting = make_meeting("talks", place="Minsk")
    revert_url = admin_url(
        models.Meeting, "simple_history", meeting.pk, meeting.history.get().history_id
    )
    page = editor_client.get(revert_url)
    meeting.place = "Vitebsk"
    meeting.save()
    response = editor_client.post(revert_url, form_data(page))
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.place == "Vitebsk"
