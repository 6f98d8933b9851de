"""Two editors on one record: a save over a newer change is refused."""

import pytest
from pytest_django.asserts import assertContains

from briefs import models
from tests.factories import (
    make_actor,
    make_meeting,
    make_participant,
    make_publication,
    make_section,
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
        form_data(first_form) | {"place_en": "Vitebsk"},
    )
    assert saved.status_code == 302
    refused = second.post(
        admin_url(models.Meeting, "change", meeting.pk),
        form_data(second_form) | {"place_en": "Brest"},
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


def test_a_stale_publication_form_does_not_revert_a_section_changed_meanwhile(
    editor_client,
):
    brief = make_publication()
    section = make_section(brief, body="First words.")
    stale = editor_client.get(admin_url(models.Publication, "change", brief.pk))
    assertContains(stale, 'name="sections-0-version"')
    section.body = "Words another editor wrote."
    section.save()  # through the section's own form, or an import

    refused = editor_client.post(
        admin_url(models.Publication, "change", brief.pk), form_data(stale)
    )

    assert refused.status_code == 200
    assertContains(refused, "This section was changed")
    section.refresh_from_db()
    assert section.body == "Words another editor wrote."


def test_a_stale_meeting_form_does_not_revert_a_participants_role_changed_meanwhile(
    editor_client,
):
    meeting = make_meeting("talks")
    participant = make_participant(meeting, make_actor("person-a"), role="visitor")
    stale = editor_client.get(admin_url(models.Meeting, "change", meeting.pk))
    assertContains(stale, 'name="participations-0-version"')
    participant.role = models.MeetingParticipant.Role.HOST
    participant.save()

    refused = editor_client.post(
        admin_url(models.Meeting, "change", meeting.pk), form_data(stale)
    )

    assert refused.status_code == 200
    assertContains(refused, "This meeting participant was changed")
    participant.refresh_from_db()
    assert participant.role == models.MeetingParticipant.Role.HOST


def test_inline_rows_nobody_else_touched_save_as_before(editor_client):
    brief = make_publication()
    section = make_section(brief, body="First words.")
    form = editor_client.get(admin_url(models.Publication, "change", brief.pk))

    saved = editor_client.post(
        admin_url(models.Publication, "change", brief.pk),
        form_data(form) | {"sections-0-body": "Better words."},
    )

    assert saved.status_code == 302
    section.refresh_from_db()
    assert section.body == "Better words."
