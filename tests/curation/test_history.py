"""The history of every record: who changed what, and restoring a version."""

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection
from pytest_django.asserts import assertContains

from briefs import models
from briefs.models.base import has_history
from tests.factories import (
    make_actor,
    make_meeting,
)
from tests.helpers import (
    ADMIN_MODELS,
    admin_url,
    form_data,
    save_in_admin,
)

pytestmark = pytest.mark.django_db


def test_a_change_is_recorded_with_who_when_and_which_fields(editor_client):
    meeting = make_meeting("talks", place="Minsk")
    response = save_in_admin(
        editor_client, meeting, place_en="Vitebsk", outcome="Talks"
    )
    assert response.status_code == 302, response.context["errors"]

    latest, previous = meeting.history.all()[:2]
    assert latest.history_user.username == "edna"
    assert latest.history_date > previous.history_date
    delta = latest.diff_against(previous)
    assert set(delta.changed_fields) == {"place_en", "outcome"}

    page = editor_client.get(admin_url(models.Meeting, "history", meeting.pk))
    assertContains(page, "edna")
    assertContains(page, "<strong>Place (English):</strong>")
    assertContains(page, "Vitebsk")


def test_a_previous_version_can_be_restored(editor_client):
    meeting = make_meeting("talks", place="Minsk")
    save_in_admin(editor_client, meeting, place_en="Vitebsk")
    original = meeting.history.earliest()
    revert_url = admin_url(
        models.Meeting, "simple_history", meeting.pk, original.history_id
    )

    page = editor_client.get(revert_url)
    assertContains(page, "Minsk")
    response = editor_client.post(revert_url, form_data(page))
    assert response.status_code == 302, response.context["errors"]

    meeting.refresh_from_db()
    assert meeting.place == "Minsk"
    restored = meeting.history.first()
    assert restored.history_user.username == "edna"
    assert restored.history_change_reason == f"Restored version {original.history_id}"


@pytest.mark.seeded_by_command  # what loading records
def test_a_seeded_row_has_a_first_version_so_its_first_change_says_what_changed(
    seeded, editor_client
):
    for model in ADMIN_MODELS:
        assert model.history.count() == model.objects.count(), model.__name__
    meeting = models.Meeting.objects.get(slug="kellogg-lukashenko-minsk-2025-06-21")
    assert meeting.history.get().history_change_reason == "Loaded from a fixture"

    save_in_admin(editor_client, meeting, place_en="Minsk, Palace of Independence")

    latest, loaded = meeting.history.all()[:2]
    assert latest.diff_against(loaded).changed_fields == ["place_en"]


def test_changes_made_inline_are_recorded_in_the_parts_history(editor_client):
    meeting = make_meeting("talks")
    kellogg = make_actor("keith-kellogg", name="Keith Kellogg", kind="person")
    response = save_in_admin(
        editor_client,
        meeting,
        **{
            "participations-TOTAL_FORMS": "1",
            "participations-0-position": "1",
            "participations-0-actor": str(kellogg.pk),
            "participations-0-role": "visitor",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    record = models.MeetingParticipant.history.get()
    assert (record.actor_id, record.history_type) == (kellogg.pk, "+")
    assert record.history_user.username == "edna"


def test_history_is_indexed_by_what_it_is_read_by_only():
    # Each index costs every history record an import writes (one a row):
    # history is read by the row's id, newest first.
    read_by = {"history_id", "id", "history_date", "history_user_id"}
    with connection.cursor() as cursor:
        for model in apps.get_app_config("briefs").get_models():
            if not hasattr(model, "history"):
                continue
            table = model.history.model._meta.db_table
            constraints = connection.introspection.get_constraints(cursor, table)
            indexed = {
                column
                for constraint in constraints.values()
                if constraint["index"] or constraint["primary_key"]
                for column in constraint["columns"]
            }
            assert indexed == read_by, table


def test_history_names_its_user_without_a_foreign_key_the_database_checks():
    # A check a record at commit: an import of 50,000 meetings and their
    # participants spent half a second on them. Django clears the user of
    # the records of a user it deletes (SET_NULL), so none is left dangling.
    with connection.cursor() as cursor:
        for model in apps.get_app_config("briefs").get_models():
            if not has_history(model):
                continue
            table = model.history.model._meta.db_table
            constraints = connection.introspection.get_constraints(cursor, table)
            checked = [
                c["foreign_key"] for c in constraints.values() if c["foreign_key"]
            ]
            assert checked == [], table


def test_deleting_a_curator_keeps_the_records_of_what_they_did(editor_client):
    meeting = make_meeting("talks", place="Minsk")
    save_in_admin(editor_client, meeting, place_en="Vitebsk")
    User.objects.get(username="edna").delete()

    latest = meeting.history.first()
    assert (latest.place_en, latest.history_user_id) == ("Vitebsk", None)
    assert meeting.history.count() == 2
