"""
Writing checked rows: COPY on PostgreSQL, executemany on SQLite, history in SQL.

Rows arrive here batch by batch as they pass their checks, inside the
import's transaction, which a problem found later rolls back. New rows get
their ids before they are written (one block of the table's sequence on
PostgreSQL), so rows of the file that refer to each other, and their history
records, need no round trip per row.
"""

from django.db import connection
from django.db.models import DateTimeField
from django.utils import timezone

SQLITE_PARAMETERS = 900  # below SQLite's smallest limit on query parameters


def quote(name):
    return connection.ops.quote_name(name)


def lock(model, referenced=()):
    """Keep other writers off the table until the import commits.

    What the import checked against (which keys exist, which ids are free)
    stays true until it writes; readers are not held up. SQLite locks the
    whole database for a writing transaction anyway.

    On PostgreSQL the locks are taken in the order an admin save takes
    them, so that whichever of the two comes second waits for the other to
    commit; in any other order each could hold what the other waits for, a
    deadlock. An admin save locks its row (SELECT … FOR UPDATE), then writes
    it, then its parts (the counts of a release): so the import first locks
    the rows of other tables its rows point to (``referenced``: pairs of
    model and ids), as the foreign key checks of its writes would, but up
    front; then its own table, in EXCLUSIVE mode, the weakest that also keeps
    out SELECT … FOR UPDATE. Tables go in the order of their names, so two
    imports wait for each other too.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for related, ids in sorted(referenced, key=lambda pair: table_of(pair[0])):
            if ids:
                cursor.execute(
                    f"SELECT 1 FROM {quote(table_of(related))} "
                    f"WHERE {quote(related._meta.pk.column)} = ANY(%s) "
                    f"ORDER BY {quote(related._meta.pk.column)} FOR KEY SHARE",
                    [sorted(ids)],
                )
        cursor.execute(f"LOCK TABLE {quote(table_of(model))} IN EXCLUSIVE MODE")


def table_of(model):
    return model._meta.db_table


def allocate_ids(model, count):
    """The first of ``count`` consecutive ids no row of the table has or had."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One call reserves the block: no other writer holds the table.
            cursor.execute(
                "SELECT setval(seq, nextval(seq) + %s - 1) - %s + 1 FROM "
                "(SELECT pg_get_serial_sequence(%s, %s)::regclass AS seq) AS s",
                [count, count, quote(table), model._meta.pk.column],
            )
            return cursor.fetchone()[0]
        # AUTOINCREMENT: never reuse the id of a deleted row.
        cursor.execute(
            f"SELECT max(coalesce((SELECT max(id) FROM {quote(table)}), 0), "
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [table],
        )
        return cursor.fetchone()[0] + 1


def db_values(fields, rows):
    """Rows as SQLite takes them: dates, times and decimals as Django stores them.

    A row may run on past ``fields`` (an UPDATE's trailing id): those values
    pass as they are. PostgreSQL adapts Python values itself.
    """
    if connection.vendor == "postgresql":
        return rows
    converted = [
        (position, field)
        for position, field in enumerate(fields)
        if field.get_internal_type() in STORED_AS_TEXT
    ]
    if not converted:
        return rows
    prepared = []
    for row in rows:
        row = list(row)
        for position, field in converted:
            row[position] = field.get_db_prep_save(row[position], connection)
        prepared.append(row)
    return prepared


STORED_AS_TEXT = {"DateField", "DateTimeField", "DecimalField"}


class RowInserter:
    """Inserts rows as they come: COPY on PostgreSQL, batches of executemany on SQLite.

    COPY streams, so the server loads one batch while the import checks the
    next on the other core.
    """

    def __init__(self, table, fields):
        self.table = table
        self.fields = fields
        self.names = ", ".join(quote(field.column) for field in fields)

    def __enter__(self):
        self.cursor = connection.cursor()
        if connection.vendor == "postgresql":
            self.copying = self.cursor.cursor.copy(
                f"COPY {quote(self.table)} ({self.names}) FROM STDIN"
            )
            self.copy = self.copying.__enter__()
        return self

    def write(self, rows):
        if connection.vendor == "postgresql":
            write_row = self.copy.write_row
            for row in rows:
                write_row(row)
        elif rows:
            marks = ", ".join(["%s"] * len(self.fields))
            self.cursor.executemany(
                f"INSERT INTO {quote(self.table)} ({self.names}) VALUES ({marks})",
                db_values(self.fields, rows),
            )

    def __exit__(self, *exc_info):
        try:
            if connection.vendor == "postgresql":
                self.copying.__exit__(*exc_info)
        finally:
            self.cursor.close()


class PartsInserter:
    """A RowInserter kept open from one part of a file to the next.

    On PostgreSQL a COPY under way holds the connection: the first query run
    meanwhile ends it, and the next rows start another. A file whose parts
    need no query (new rows only) goes in one COPY, which the server loads
    while the import checks the next part.
    """

    def __init__(self, table, fields):
        self.table = table
        self.fields = fields
        self.inserter = None
        self.watching = None

    def __enter__(self):
        if connection.vendor == "postgresql":
            self.watching = connection.execute_wrapper(self.end_before)
            self.watching.__enter__()
        return self

    def write(self, rows):
        if self.inserter is None:
            self.inserter = RowInserter(self.table, self.fields).__enter__()
        self.inserter.write(rows)

    def end_before(self, execute, *query):
        self.end()
        return execute(*query)

    def end(self, *exc_info):
        inserter, self.inserter = self.inserter, None
        if inserter is not None:
            inserter.__exit__(*(exc_info or (None, None, None)))

    def __exit__(self, *exc_info):
        try:
            self.end(*exc_info)
        finally:
            if self.watching is not None:
                self.watching.__exit__(*exc_info)


def insert_rows(table, fields, rows):
    with RowInserter(table, fields) as inserter:
        inserter.write(rows)


def update_rows(table, fields, rows):
    """Rows are (values of ``fields``..., id)."""
    if not rows:
        return
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(table)} SET {assignments} WHERE id = %s",
            db_values(fields, rows),
        )


def delete_rows(table, column, ids):
    with connection.cursor() as cursor:
        for chunk in chunks(sorted(ids)):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"DELETE FROM {quote(table)} WHERE {quote(column)} IN ({marks})", chunk
            )


def chunks(values, size=SQLITE_PARAMETERS):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def record_history(model, ids, history_type, user, reason):
    """One history record per written row, copied in SQL from the rows themselves.

    What django-simple-history's own save handler writes, without loading the
    rows back into Python: the row's values, when, who, why, and whether it
    was created ("+") or changed ("~"). ``ids`` is a range or a list.
    """
    if not ids or not hasattr(model, "history"):
        return
    history_model = model.history.model
    # The columns the history table keeps (not the stored HTML, for one).
    kept = {field.column for field in history_model._meta.concrete_fields}
    tracked = [
        field.column for field in model._meta.concrete_fields if field.column in kept
    ]
    names = ", ".join(quote(column) for column in tracked)
    extra = ", ".join(
        quote(column)
        for column in (
            "history_date",
            "history_change_reason",
            "history_type",
            "history_user_id",
        )
    )
    when = HISTORY_DATE.get_db_prep_save(timezone.now(), connection)
    values = [when, reason, history_type, getattr(user, "pk", None)]
    sql = (
        f"INSERT INTO {quote(history_model._meta.db_table)} ({names}, {extra}) "
        f"SELECT {names}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} "
    )
    with connection.cursor() as cursor:
        if isinstance(ids, range):
            cursor.execute(
                sql + "WHERE id BETWEEN %s AND %s", [*values, ids[0], ids[-1]]
            )
        elif connection.vendor == "postgresql":
            cursor.execute(sql + "WHERE id = ANY(%s)", [*values, list(ids)])
        else:
            for chunk in chunks(sorted(ids)):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(sql + f"WHERE id IN ({marks})", [*values, *chunk])


HISTORY_DATE = DateTimeField()
