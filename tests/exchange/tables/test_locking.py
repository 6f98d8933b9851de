"""An admin save and an import on PostgreSQL: whichever comes second waits for the other.

Each side runs in a thread of its own, so with a database connection of its
own. The first is paused where it holds its first lock; the second starts,
and once the test sees a connection waiting for a lock (or after a few
seconds) the first goes on. Every wait is bounded: a lock timeout on each
connection, a timeout on each thread and on each pause.
"""

import csv
import io
import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from briefs.curation.forms import VersionedModelForm
from briefs.exchange.tables import TableError, export_table, import_table, writing
from briefs.models import Actor, PrisonerRelease, Sanction
from tests.factories import (
    make_actor,
    make_nationality_count,
    make_release,
    make_sanction,
    make_user,
)
from tests.helpers import form_data, logged_in_client

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="SQLite lets one writer in at a time: there is no lock order to get wrong.",
    ),
]

SECONDS = 20


def someone_waits_for_a_lock():
    """True once another connection to this database waits for a lock."""
    deadline = time.monotonic() + SECONDS / 2
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            # Inside a transaction the activity view is a snapshot: refresh it.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                "current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.05)
    return False


class Side(threading.Thread):
    """Runs ``work`` on a connection of its own; keeps its result or its error."""

    def __init__(self, work):
        super().__init__(daemon=True)
        self.work = work
        self.result = self.error = None

    def run(self):
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"SET lock_timeout = '{SECONDS}s'")
            self.result = self.work()
        except Exception as error:  # noqa: BLE001 - the test reports it
            self.error = error
        finally:
            connection.close()

    def finish(self):
        self.join(SECONDS * 2)
        assert not self.is_alive(), "still waiting: nobody gave way"
        if self.error is not None:
            raise self.error
        return self.result


@pytest.fixture
def sanctions(db):
    eu, belarus = make_actor("eu", kind="organization"), make_actor("belarus")
    for slug in ("potash", "aviation", "banking"):
        make_sanction(slug, imposed_by=eu, target=belarus, sector="old")
    stream = io.BytesIO()
    export_table("sanction", stream, "csv")
    rows = list(csv.reader(io.StringIO(stream.getvalue().decode())))
    sector = rows[0].index("sector")
    for row in rows[1:]:
        row[sector] = "from the file"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def editor(db):
    return logged_in_client(make_user("edna", "Editor"))


def change_url(sanction):
    return reverse("admin:briefs_sanction_change", args=[sanction.pk])


class Pause:
    """Where one side stops until the other is seen waiting for a lock."""

    def __init__(self):
        self.reached = threading.Event()
        self.go_on = threading.Event()

    def __call__(self):
        if not self.reached.is_set():
            self.reached.set()
            self.go_on.wait(SECONDS)

    def then(self, second):
        """Once the first side is here, start ``second``; let the first go on
        when someone waits for a lock."""
        assert self.reached.wait(SECONDS)
        second.start()
        someone_waits_for_a_lock()
        self.go_on.set()


def pause_after_clean(monkeypatch, pause, model):
    clean = VersionedModelForm.clean

    def clean_then_pause(form):
        cleaned = clean(form)  # the row is locked from here to the commit
        if isinstance(form.instance, model):
            pause()
        return cleaned

    monkeypatch.setattr(VersionedModelForm, "clean", clean_then_pause)


def test_an_import_waits_for_an_admin_save_that_began_first(
    sanctions, editor, monkeypatch
):
    sanction = Sanction.objects.get(slug="potash")
    data = form_data(editor.get(change_url(sanction))) | {"status": "lifted"}
    pause = Pause()
    pause_after_clean(monkeypatch, pause, Sanction)
    admin = Side(lambda: editor.post(change_url(sanction), data))
    importer = Side(lambda: import_table("sanction", sanctions, "csv"))
    admin.start()
    pause.then(importer)
    assert admin.finish().status_code == 302
    assert importer.finish().updated == 3
    sanction.refresh_from_db()
    assert (sanction.status, sanction.sector) == ("in_force", "from the file")


def test_an_admin_save_waits_for_an_import_that_began_first(sanctions, editor):
    sanction = Sanction.objects.get(slug="potash")
    data = form_data(editor.get(change_url(sanction))) | {"status": "lifted"}
    pause = Pause()

    def pause_once_writing(stage, done, total):
        # The import has locked what it writes by the time it writes.
        if stage == "importing":
            pause()

    importer = Side(
        lambda: import_table("sanction", sanctions, "csv", progress=pause_once_writing)
    )
    admin = Side(lambda: editor.post(change_url(sanction), data))
    importer.start()
    pause.then(admin)
    assert importer.finish().updated == 3
    page = admin.finish()
    # The import changed the row after the editor opened it: the editor is told.
    assert page.status_code == 200
    assert "after you opened it" in page.content.decode()
    sanction.refresh_from_db()
    assert (sanction.status, sanction.sector) == ("in_force", "from the file")


@pytest.fixture
def release(db):
    release = make_release("r", total=14)
    make_nationality_count(release, make_actor("poland"), 3)
    make_actor("lithuania")
    return release


def test_an_import_of_parts_waits_for_an_admin_save_of_their_parent(
    release, editor, monkeypatch
):
    url = reverse("admin:briefs_prisonerrelease_change", args=[release.pk])
    data = form_data(editor.get(url))
    [count] = [name for name in data if name.endswith("-0-count")]
    data[count] = "4"
    pause = Pause()
    pause_after_clean(monkeypatch, pause, PrisonerRelease)
    counts = b"release,country,count\nr,lithuania,2\n"
    admin = Side(lambda: editor.post(url, data))
    importer = Side(lambda: import_table("nationalitycount", counts, "csv"))
    admin.start()
    pause.then(importer)
    assert admin.finish().status_code == 302
    assert importer.finish().created == 1
    assert sorted(release.nationality_counts.values_list("count", flat=True)) == [2, 4]


def test_an_actor_rows_country_is_read_once_the_actor_table_is_locked(db, monkeypatch):
    # Another connection turns the state a row names into an organization
    # just before the import takes its lock: the import must see it.
    make_actor("belarus")
    lock = writing.lock

    def lock_after_a_change(model, referenced=()):
        change = Side(
            lambda: Actor.objects.filter(slug="belarus").update(kind="organization")
        )
        change.start()
        change.finish()
        lock(model, referenced)

    monkeypatch.setattr(writing, "lock", lock_after_a_change)
    with pytest.raises(TableError) as raised:
        import_table("actor", b"slug,name,kind,country\nx,X,person,belarus\n", "csv")
    assert [str(problem) for problem in raised.value.problems] == [
        "Row 1, column “country” (value “belarus”): “Belarus” is not a state."
    ]
    assert not Actor.objects.filter(slug="x").exists()
