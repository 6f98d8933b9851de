"""The suite's snapshot of the seed (tests/snapshots.py) is what loading writes.

``seeded`` restores it for some 400 tests instead of running
``load_initial_data``; here both are run in the same database and compared
table by table, row by row, derived columns, history and PostgreSQL's
search documents included, within a test's transaction and committed.
"""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from briefs.models import PageGeneration
from tests.snapshots import every_row, restart_empty_sequences, written_between

pytestmark = pytest.mark.django_db


def every_table(since):
    """Every row of every table, those of no model too (PostgreSQL's search
    documents), but the page generation's; a time from ``since`` on is "when
    it was written"."""
    now = timezone.now()
    return {
        name: (columns, {written(row, since, now) for row in rows})
        for name, (columns, rows) in every_row(
            connection.introspection.table_names()
        ).items()
        if name != PageGeneration._meta.db_table
    }


def generation():
    return PageGeneration.objects.get().value


def written(row, since, now):
    return tuple(
        "written now" if written_between(value, since, now) else value for value in row
    )


def test_the_snapshot_restores_every_row_the_command_writes(seed_snapshot):
    # Both stamp the times they write after the snapshot was taken.
    since = seed_snapshot.built_at[0]
    start = generation()
    with transaction.atomic():
        restart_empty_sequences()
        call_command("load_initial_data", verbosity=0)
        loaded = every_table(since)
        moved_by_loading = generation() - start
        transaction.set_rollback(True)
    assert seed_snapshot.restore()
    assert every_table(since) == loaded
    # Each moves the page generation on once, in its own transaction.
    assert moved_by_loading == generation() - start == 1


@pytest.mark.django_db(transaction=True)
def test_a_restored_snapshot_commits_as_the_command_does(seed_snapshot):
    since = seed_snapshot.built_at[0]

    def committed():
        return every_table(since), generation()

    start = PageGeneration.objects.get_or_create(pk=1, defaults={"value": 1})[0].value
    restart_empty_sequences()
    call_command("load_initial_data", verbosity=0)
    loaded, after_loading = committed()
    with transaction.atomic(), connection.cursor() as cursor:
        for table in seed_snapshot.tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table.name)}")
    restart_empty_sequences()
    assert seed_snapshot.restore()
    restored, after_restoring = committed()
    assert restored == loaded
    # Each moved the page generation on once, when it committed.
    assert after_loading - start == after_restoring - after_loading == 1
