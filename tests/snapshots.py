"""Data built once and restored for each test: the seeded database, and the
larger data sets a module's tests share.

``load_initial_data`` takes some 1,200 queries and one to two seconds (more
on a busy machine), and some 400 tests start from what it loads; a module's query-count tests build the
same hundreds of rows for every page they measure. ``take_snapshot(build)``
runs ``build`` once, in a transaction it then rolls back, and keeps every
row it added to every table of a model: the rows with their ids and what
the app derives from them (stored HTML, ``Actor.is_public``,
``Evidence.quote_found``, history records). ``Snapshot.restore()`` writes
them into the test's database with one ``executemany`` a table, the times
the build stamped moved on as if it had just run, then moves the page
generation on (``derived.move_generation_on()``), as the build's own write
did: the derived data came back with the rows, and no answer cached before
may be served. Each test gets its own copy, in its own transaction (or,
in a transactional test, committed), so no test sees another's writes.
Tables that are no model's (PostgreSQL's search documents) are the
database's to keep: its triggers fill them as the rows go in.

tests/domain/test_seed_snapshot.py checks that the seed restored is, table
by table and row by row, what ``load_initial_data`` writes; tests of
loading itself run the command (tests/domain/test_fixtures.py, and tests
marked ``seeded_by_command``).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from briefs.domain import derived
from briefs.models import PageGeneration

# The page generation is a counter every write moves on, the build's too:
# a restore moves it on itself rather than copy it.
COUNTERS = {PageGeneration._meta.db_table}


@dataclass(frozen=True)
class TableRows:
    """The rows a table gained, as the database returned them, and where in
    them are the times of the build (a history record's date, a row's
    ``created_at``)."""

    name: str
    columns: tuple
    rows: list
    stamped: list  # (row, column) positions

    def rows_stamped_at(self, shift):
        """The rows, their times of building moved on by ``shift``."""
        rows = [list(row) for row in self.rows]
        for row, column in self.stamped:
            rows[row][column] += shift
        return rows


@dataclass(frozen=True)
class Snapshot:
    tables: list
    built_at: tuple  # when the build started and finished
    value: Any  # what the build returned

    def restore(self):
        """Write the rows back and return True; or return False, writing
        nothing, when any of their tables already holds rows (a test made
        some first): only the build knows what it would do with them."""
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            held = " OR ".join(
                f"EXISTS (SELECT 1 FROM {quote(table.name)})" for table in self.tables
            )
            cursor.execute(f"SELECT CASE WHEN {held} THEN 1 ELSE 0 END")
            if cursor.fetchone()[0]:
                return False
            # As if the build had just finished (never a time to come).
            shift = timezone.now() - self.built_at[1]
            for table in self.tables:
                columns = ", ".join(quote(column) for column in table.columns)
                marks = ", ".join(["%s"] * len(table.columns))
                cursor.executemany(
                    f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})",
                    table.rows_stamped_at(shift),
                )
            # PostgreSQL's sequences do not follow ids given explicitly;
            # SQLite's AUTOINCREMENT does (and this list is empty there).
            models = [model_tables()[table.name] for table in self.tables]
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
            derived.move_generation_on()
        return True


def take_snapshot(build):
    """Run ``build()`` as one write in a transaction that is rolled back, and
    keep the rows it added and what it returned (plain data: its model instances would
    outlive their rows). The tables it fills start empty, numbered from 1 (as
    on a fresh database), so the snapshot's ids are the same whenever it is
    taken. Outside any test's transaction: from a fixture of module or
    session scope, in ``django_db_blocker.unblock()``.
    """
    with transaction.atomic():
        restart_empty_sequences()
        before = every_row()
        started = timezone.now()
        # One write, its derived data settled once at its end: a builder's
        # hundreds of saves would each be a write of its own.
        with derived.write():
            value = build()
        finished = timezone.now()
        after = every_row()
        transaction.set_rollback(True)
    tables = []
    for name, (columns, rows) in after.items():
        if name in COUNTERS:
            continue
        if before[name][1] - rows:
            raise AssertionError(
                f"The build changed or deleted rows of {name} that were there "
                "before it ran: a snapshot of added rows cannot restore that."
            )
        key = columns.index(model_tables()[name]._meta.pk.column)
        added = sorted(rows - before[name][1], key=lambda row: row[key])
        if added:
            stamped = [
                (r, c)
                for r, row in enumerate(added)
                for c, cell in enumerate(row)
                if written_between(cell, started, finished)
            ]
            tables.append(TableRows(name, columns, added, stamped))
    return Snapshot(tables, (started, finished), value)


def restored(snapshot, build):
    """``snapshot``'s rows in this test's database, or, where they cannot be
    restored, ``build()`` run afresh; what the build returns."""
    return snapshot.value if snapshot.restore() else build()


def written_between(value, start, end):
    """Whether ``value`` is a time from ``start`` to ``end``; SQLite gives
    times back naive, in UTC."""
    if not isinstance(value, datetime.datetime):
        return False
    if timezone.is_naive(value):
        value = value.replace(tzinfo=datetime.UTC)
    return start <= value <= end


def model_tables():
    """Every table of a model, many-to-many links and history included."""
    return {
        model._meta.db_table: model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def every_row(tables=None):
    """{table: (columns, set of rows)} for every table of a model (or ``tables``)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        contents = {}
        for name in tables or model_tables():
            if name not in existing:
                continue
            cursor.execute(f"SELECT * FROM {quote(name)}")
            columns = tuple(column[0] for column in cursor.description)
            contents[name] = (columns, set(cursor.fetchall()))
    return contents


def restart_empty_sequences():
    """Number the next row of every empty table 1."""
    with connection.cursor() as cursor:
        empty = [
            sequence
            for sequence in connection.introspection.sequence_list()
            if not table_has_rows(cursor, sequence["table"])
        ]
        for sql in connection.ops.sequence_reset_by_name_sql(no_style(), empty):
            cursor.execute(sql)


def table_has_rows(cursor, name):
    cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(name)} LIMIT 1")
    return cursor.fetchone() is not None
