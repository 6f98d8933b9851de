"""A whole database moves as ``dumpdata`` writes it (the way from SQLite to
PostgreSQL): loaded into an empty database it is the same database, its
history exactly as it was, without the rows a database keeps for itself."""

import datetime
import io
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal

from briefs.models import Actor, Meeting, Publication
from tests.factories import make_user
from tests.helpers import BRIEF_URL, empty_database, row_counts, save_in_admin

pytestmark = pytest.mark.django_db

MEETING = "kellogg-lukashenko-minsk-2025-06-21"
# What a database keeps for itself: never moved as data.
NOT_DATA = {"briefs.pagegeneration", "briefs.storedarticle"}


def dump():
    out = io.StringIO()
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--exclude=contenttypes",
        "--exclude=auth.permission",
        stdout=out,
    )
    return out.getvalue()


def history_counts():
    return {
        model._meta.label: model.history.count()
        for model in apps.get_app_config("briefs").get_models()
        if hasattr(model, "history")
    }


def test_a_dumped_database_loads_into_an_empty_one_exactly(
    seeded, editor_client, client, tmp_path
):
    meeting = Meeting.objects.get(slug=MEETING)
    save_in_admin(editor_client, meeting, place="Minsk, Palace of Independence")
    client.get(BRIEF_URL)  # a stored article, and a page generation
    dumped = dump()
    models = {obj["model"] for obj in json.loads(dumped)}
    assert not models & NOT_DATA
    assert not any(model.startswith("django_tasks") for model in models)
    history, rows = history_counts(), row_counts()

    empty_database()
    path = tmp_path / "database.json"
    path.write_text(dumped)
    call_command("loaddata", str(path), verbosity=0)

    assert history_counts() == history
    assert row_counts() == rows
    assert dump() == dumped
    # What the rows make is made again, here.
    moved = Meeting.objects.get(slug=MEETING)
    assert moved.history.first().history_user.username == "edna"
    assert Actor.objects.filter(is_public=True).exists()
    assert all(Publication.objects.values_list("summary_html", flat=True))
    assert client.get(BRIEF_URL).status_code == 200


def test_groups_made_under_other_ids_move_with_their_ids(seeded, tmp_path):
    # Groups made again (as after a flush) have other ids than the groups an
    # empty database's migrations made.
    Group.objects.all().delete()
    emit_post_migrate_signal(0, False, "default")
    make_user("edna", "Editor")
    dumped = dump()

    empty_database()
    path = tmp_path / "database.json"
    path.write_text(dumped)
    call_command("loaddata", str(path), verbosity=0)

    assert dump() == dumped
    assert User.objects.get(username="edna").has_perm("briefs.publish_publication")


def test_a_time_below_the_millisecond_moves_exactly(seeded, tmp_path):
    record = Meeting.objects.get(slug=MEETING).history.get()
    moment = datetime.datetime(2025, 7, 15, 12, 0, 0, 500, tzinfo=datetime.UTC)
    Meeting.history.filter(pk=record.pk).update(history_date=moment)
    dumped = dump()

    empty_database()
    path = tmp_path / "database.json"
    path.write_text(dumped)
    call_command("loaddata", str(path), verbosity=0)

    assert Meeting.history.get(pk=record.pk).history_date == moment
    assert dump() == dumped
