"""
Exporting a whole table as a stream: constant memory, whatever its size.

Rows come in natural-key order and go straight to the file. On PostgreSQL
a CSV is written by the server itself (``COPY (...) TO STDOUT WITH (FORMAT
csv)``, cells rendered in SQL); other formats read the rows through COPY in
binary, which psycopg decodes in C; many-to-many columns are aggregated by
the server. On
SQLite a cursor reads the rows and a second one the links, in the same
order, merged as they pass, in one read transaction. Either way the export
reads one snapshot: a write during a long export cannot tear a row from its
links.

A ``scope`` limits an export to some rows of each table (a dataset release
writes the published corpus only): rows outside it are left out, links to
them too, and a reference to one is written empty.
"""

from django.contrib.postgres.aggregates import StringAgg
from django.db import connection, models, transaction
from django.db.models import Case, F, OuterRef, Subquery, When

from briefs.exchange.formats import FORMULA_TRIGGERS
from briefs.exchange.tables.columns import SlugColumn, SlugListColumn, columns_of
from briefs.exchange.tables.files import WRITERS

CHUNK = 5000


def export_table(model_name, stream, file_format, progress=None, scope=None):
    """Write every row of a table to a binary stream; return how many.

    ``scope`` maps a model to the queryset of its rows to write; a model it
    does not name is written whole.
    """
    _resource, model, columns, key = columns_of(model_name)
    selection = Selection(model, columns, key, scope or {})
    renderers = [
        (position, function)
        for position, column in enumerate(columns)
        if (function := column.renderer()) is not None
    ]
    if file_format == "csv" and connection.vendor == "postgresql":
        statement = server_csv(selection)
        if statement:
            return copy_csv(selection.rows, statement, stream, progress)
    writer = WRITERS[file_format](stream, [column.name for column in columns])
    count = 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            rows = copied_rows(selection)
        else:
            rows = merged_rows(selection)
        total = selection.rows.count()
        for values in rows:
            for position, function in renderers:
                values[position] = function(values[position])
            writer.write(values)
            count += 1
            if progress and count % CHUNK == 0:
                progress("exporting", count, total)
    writer.close()
    if progress:
        progress("exporting", count, count)
    return count


def lookup_of(column):
    if isinstance(column, SlugColumn):
        return f"{column.field.name}__slug"
    return column.attname


class Selection:
    """The rows of a table to write, in key order, and what to read for each column.

    A reference (outside the key) to a model the scope limits reads the
    related slug only where that row is in scope.
    """

    def __init__(self, model, columns, key, scope):
        self.model = model
        self.columns = columns
        self.scope = scope
        self.rows = scope.get(model, model.objects.all())
        self.key = key
        by_name = {column.name: column for column in columns}
        self.order = [lookup_of(by_name[name]) for name in key]
        self.references = {
            f"reference_{position}": Case(
                When(
                    **{f"{column.field.name}__in": scope[column.related_model]},
                    then=F(f"{column.field.name}__slug"),
                )
            )
            for position, column in enumerate(columns)
            if isinstance(column, SlugColumn)
            and column.name not in key
            and column.related_model in scope
        }

    def lookup(self, position, column):
        name = f"reference_{position}"
        return name if name in self.references else lookup_of(column)

    def linked(self, column, links):
        """``links`` (rows of a many-to-many table) whose two ends are both in scope."""
        source = column.field.m2m_field_name()
        target = column.field.m2m_reverse_field_name()
        if self.model in self.scope:
            links = links.filter(**{f"{source}__in": self.rows.values("pk")})
        if column.related_model in self.scope:
            links = links.filter(
                **{f"{target}__in": self.scope[column.related_model].values("pk")}
            )
        return links


def copied_rows(selection):
    """Each row as a list, many-to-many columns as slugs joined by the server."""
    queryset = ordered_values(selection)
    sql = connection.ops.compose_sql(*queryset.query.sql_with_params())
    with connection.cursor() as cursor:
        without_jit(cursor)
        raw = cursor.cursor
        raw.execute(f"{sql} LIMIT 0")
        types = [column.type_code for column in raw.description]
        with raw.copy(f"COPY ({sql}) TO STDOUT (FORMAT BINARY)") as copy:
            copy.set_types(types)
            for row in copy.rows():
                yield list(row)


def server_csv(selection):
    """A COPY statement that writes the whole CSV, or None if a column needs Python.

    The server renders each cell as the Python path does (dates as ISO,
    booleans as 1 and 0, formula-like text behind an apostrophe, nothing for
    empty), so the file is the same either way, and PostgreSQL writes it at
    the speed of COPY. A date and time (a publication's published_at) needs
    Python's rendering of its UTC offset: such a table takes the Python path.
    """
    columns = selection.columns
    cells = []
    for position, column in enumerate(columns):
        cell = sql_text(column, f"q.c{position}")
        if cell is None:
            return None
        cells.append(f"{cell} AS {connection.ops.quote_name(column.name)}")
    positions = {column.name: position for position, column in enumerate(columns)}
    outer_order = ", ".join(f"q.c{positions[name]}" for name in selection.key)
    names = ", ".join(f"c{position}" for position in range(len(columns)))
    sql = connection.ops.compose_sql(*ordered_values(selection).query.sql_with_params())
    return (
        f"COPY (SELECT {', '.join(cells)} FROM ({sql}) AS q({names}) "
        f"ORDER BY {outer_order}) TO STDOUT WITH (FORMAT csv, HEADER)"
    )


# The first characters of a cell a spreadsheet would take for a formula
# (briefs/exchange/formats.py), as code points: ascii() is cheaper than left().
FORMULA_START = "(" + ", ".join(str(ord(c)) for c in FORMULA_TRIGGERS) + ")"


def sql_text(column, value):
    """SQL for a column's cell as text, or None if only Python renders it."""
    field = column.field
    if isinstance(column, SlugColumn | SlugListColumn) or isinstance(
        field, models.CharField | models.TextField
    ):
        text = value
    elif isinstance(field, models.BooleanField):
        return f"CASE WHEN {value} THEN '1' WHEN NOT {value} THEN '0' END"
    elif isinstance(field, models.DateTimeField):
        return None
    elif isinstance(field, models.DateField):
        return f"to_char({value}, 'YYYY-MM-DD')"
    elif isinstance(field, models.IntegerField | models.DecimalField):
        text = f"{value}::text"
    else:
        return None
    # NULL, not '': PostgreSQL quotes an empty string in CSV, Python does not.
    return (
        f"NULLIF(CASE WHEN ascii({text}) IN {FORMULA_START} "
        f"THEN '''' || {text} ELSE {text} END, '')"
    )


def without_jit(cursor):
    """The planner prices an export high enough to compile it, which costs
    half a second and saves less; the setting ends with the transaction."""
    cursor.execute("SET LOCAL jit = off")


def copy_csv(rows, statement, stream, progress):
    total = rows.count() if progress else 0
    lines = 0
    with transaction.atomic(), connection.cursor() as cursor:
        without_jit(cursor)
        with cursor.cursor.copy(statement) as copy:
            for data in copy:
                stream.write(data)
                if progress:
                    # Line ends, roughly rows: a cell may hold a line break.
                    lines += bytes(data).count(b"\n")
                    progress("exporting", min(lines, total), total)
        count = cursor.cursor.rowcount
    if progress:
        progress("exporting", count, count)
    return count


def ordered_values(selection):
    """Every column's value, many-to-many slugs joined by the server, in key order."""
    columns = selection.columns
    links = {
        f"links_{position}": linked_slugs(selection, column)
        for position, column in enumerate(columns)
        if isinstance(column, SlugListColumn)
    }
    names = [
        f"links_{position}"
        if isinstance(column, SlugListColumn)
        else selection.lookup(position, column)
        for position, column in enumerate(columns)
    ]
    return (
        selection.rows.annotate(**selection.references, **links)
        .order_by(*selection.order)
        .values_list(*names)
    )


def linked_slugs(selection, column):
    through = column.field.remote_field.through
    source = column.field.m2m_field_name()
    slug = f"{column.field.m2m_reverse_field_name()}__slug"
    return Subquery(
        selection.linked(column, through.objects.filter(**{source: OuterRef("pk")}))
        .values(source)
        .annotate(slugs=StringAgg(slug, ",", order_by=slug))
        .values("slugs")
    )


def merged_rows(selection):
    """Each row as a list; many-to-many columns read by a second cursor, in step."""
    columns = selection.columns
    plain = [
        selection.lookup(position, column)
        for position, column in enumerate(columns)
        if not isinstance(column, SlugListColumn)
    ]
    rows = (
        selection.rows.annotate(**selection.references)
        .order_by(*selection.order)
        .values_list("pk", *plain)
        .iterator(chunk_size=CHUNK)
    )
    inserts = [
        (position, LinksInOrder(selection, column))
        for position, column in enumerate(columns)
        if isinstance(column, SlugListColumn)
    ]
    for pk, *values in rows:
        for position, links in inserts:
            values.insert(position, links.take(pk))
        yield values


class LinksInOrder:
    """The related slugs of each row, read alongside the rows in the same order."""

    def __init__(self, selection, column):
        through = column.field.remote_field.through
        source = column.field.m2m_field_name()
        target = column.field.m2m_reverse_field_name()
        self.pairs = (
            selection.linked(column, through.objects.all())
            .order_by(
                *(f"{source}__{lookup}" for lookup in selection.order),
                f"{target}__slug",
            )
            .values_list(f"{source}_id", f"{target}__slug")
            .iterator(chunk_size=CHUNK)
        )
        self.pending = next(self.pairs, None)

    def take(self, owner):
        slugs = []
        while self.pending is not None and self.pending[0] == owner:
            slugs.append(self.pending[1])
            self.pending = next(self.pairs, None)
        return ",".join(slugs)
