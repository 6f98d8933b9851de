"""
Writing checked rows: COPY on PostgreSQL, executemany on SQLite, history in SQL.

Rows arrive here batch by batch as they pass their checks, inside the
import's transaction, which a problem found later rolls back. On PostgreSQL
they are written in a thread of their own (``Writes``), so that the server
loads a part of the file, with its links and history, while the import
checks the next. New rows get their ids before they are written (one block
of the table's sequence on PostgreSQL), so rows of the file that refer to
each other, and their history records, need no round trip per row.
"""

import queue
import threading

from django.db import connection
from django.db.models import DateTimeField
from django.utils import timezone

from briefs.models.base import has_history

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


class Writes:
    """The writes of an import, run in the order they are handed over.

    On PostgreSQL they run in a thread of their own, on the import's
    connection and inside its transaction, while the import reads and checks
    the next part of the file: the server loads a part's rows, runs its
    statement's triggers (the search documents) and copies their history
    while Python reads the next part, each on a core of its own. The thread
    waits on the socket most of the time, so it holds Python's lock little.
    Any query the import itself makes (through Django's cursor) first waits
    for every write handed over before it: it sees them, and the two never
    share the connection at once. The first error stops the writes after it
    and is raised in the import's own thread, which rolls everything back.

    On SQLite each write runs at once (one writer at a time, and no COPY).
    """

    def __init__(self):
        self.thread = None

    def __enter__(self):
        if connection.vendor != "postgresql":
            return self
        connection.ensure_connection()
        # A few writes at most wait their turn (a part's rows, links and
        # history): memory holds a part or two, not the file.
        self.tasks = queue.Queue(maxsize=4)
        self.error = None
        self.stopping = False
        self.thread = threading.Thread(
            target=self.work, args=(connection.connection,), daemon=True
        )
        self.thread.start()
        self.watching = connection.execute_wrapper(self.before_query)
        self.watching.__enter__()
        return self

    def work(self, raw_connection):
        """Run the writes handed over, in order, on psycopg's own connection
        (Django's belongs to the import's thread), until handed None. After
        an error the writes are taken and dropped, so the import never waits."""
        cursor = None
        while (write := self.tasks.get()) is not None:
            try:
                if self.error is None and not self.stopping:
                    cursor = cursor or raw_connection.cursor()
                    write(cursor)
            except BaseException as error:  # noqa: BLE001 - raised in the import's thread
                self.error = error
            finally:
                self.tasks.task_done()
        self.tasks.task_done()

    def run(self, write):
        """Run ``write(cursor)`` after every write handed over before it."""
        if self.thread is None:
            with connection.cursor() as cursor:
                write(cursor)
            return
        self.raise_error()
        self.tasks.put(write)

    def wait(self):
        """Until every write handed over is done; raises the first error."""
        if self.thread is not None:
            self.tasks.join()
            self.raise_error()

    def raise_error(self):
        if self.error is not None:
            self.stopping = True
            error, self.error = self.error, None
            # Django's exceptions, as its own cursor would raise them.
            with connection.wrap_database_errors:
                raise error

    def before_query(self, execute, *query):
        self.wait()
        return execute(*query)

    def __exit__(self, *exc_info):
        if self.thread is None:
            return
        try:
            if exc_info[0] is None:
                self.wait()
        finally:
            # On an error, writes not yet begun are dropped: all roll back.
            self.stopping = True
            self.tasks.put(None)
            self.thread.join()
            self.watching.__exit__(*exc_info)

    # --- What is written ---------------------------------------------------------

    def insert(self, table, fields, rows):
        """Insert rows: COPY on PostgreSQL, executemany on SQLite."""
        if not rows:
            return
        names = ", ".join(quote(field.column) for field in fields)
        if connection.vendor == "postgresql":
            statement = f"COPY {quote(table)} ({names}) FROM STDIN"

            def write(cursor):
                with cursor.copy(statement) as copy:
                    write_row = copy.write_row
                    for row in rows:
                        write_row(row)

        else:
            marks = ", ".join(["%s"] * len(fields))
            statement = f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})"
            prepared = db_values(fields, rows)

            def write(cursor):
                cursor.executemany(statement, prepared)

        self.run(write)

    def update(self, table, fields, rows):
        """Rows are (values of ``fields``..., id)."""
        if not rows:
            return
        assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
        statement = f"UPDATE {quote(table)} SET {assignments} WHERE id = %s"
        prepared = db_values(fields, rows)
        self.run(lambda cursor: cursor.executemany(statement, prepared))

    def delete(self, table, column, ids):
        for chunk in chunks(sorted(ids)):
            marks = ", ".join(["%s"] * len(chunk))
            statement = f"DELETE FROM {quote(table)} WHERE {quote(column)} IN ({marks})"
            self.run(lambda cursor, s=statement, c=chunk: cursor.execute(s, c))

    def history(self, model, ids, history_type, user, reason):
        """One history record per written row, copied in SQL from the rows themselves.

        What django-simple-history's own save handler writes, without loading
        the rows back into Python: the row's values, when, who, why, and
        whether it was created ("+") or changed ("~"). ``ids`` is a range or a
        list.
        """
        if not ids or not has_history(model):
            return
        history_model = model.history.model
        # The columns the history table keeps (not the stored HTML, for one).
        kept = {field.column for field in history_model._meta.concrete_fields}
        tracked = [
            field.column
            for field in model._meta.concrete_fields
            if field.column in kept
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
        if isinstance(ids, range):
            statements = [(sql + "WHERE id BETWEEN %s AND %s", [ids[0], ids[-1]])]
        elif connection.vendor == "postgresql":
            statements = [(sql + "WHERE id = ANY(%s)", [list(ids)])]
        else:
            statements = [
                (sql + f"WHERE id IN ({', '.join(['%s'] * len(chunk))})", chunk)
                for chunk in chunks(sorted(ids))
            ]
        for statement, where in statements:
            self.run(
                lambda cursor, s=statement, w=where: cursor.execute(s, [*values, *w])
            )


def chunks(values, size=SQLITE_PARAMETERS):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


HISTORY_DATE = DateTimeField()
