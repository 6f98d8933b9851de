"""
Exporting a whole table as a stream: constant memory, whatever its size.

Rows come in natural-key order and go straight to the file. On PostgreSQL
the query runs inside ``COPY (...) TO STDOUT`` in binary, which psycopg
decodes in C, with each many-to-many column aggregated by the server; on
SQLite a cursor reads the rows and a second one the links, in the same
order, merged as they pass, in one read transaction. Either way the export
reads one snapshot: a write during a long export cannot tear a row from its
links.
"""

from django.contrib.postgres.aggregates import StringAgg
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery

from briefs.tables.columns import SlugColumn, SlugListColumn, columns_of
from briefs.tables.files import WRITERS

CHUNK = 5000


def export_table(model_name, stream, file_format, progress=None):
    """Write every row of a table to a binary stream; return how many."""
    _resource, model, columns, key = columns_of(model_name)
    writer = WRITERS[file_format](stream, [column.name for column in columns])
    by_name = {column.name: column for column in columns}
    order = [lookup_of(by_name[name]) for name in key]
    renderers = [
        (position, function)
        for position, column in enumerate(columns)
        if (function := column.renderer()) is not None
    ]
    count = 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            rows = copied_rows(model, columns, order)
        else:
            rows = merged_rows(model, columns, order)
        total = model.objects.count()
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


def copied_rows(model, columns, order):
    """Each row as a list, many-to-many columns as slugs joined by the server."""
    links = {
        f"links_{position}": linked_slugs(column)
        for position, column in enumerate(columns)
        if isinstance(column, SlugListColumn)
    }
    names = [
        f"links_{position}" if isinstance(column, SlugListColumn) else lookup_of(column)
        for position, column in enumerate(columns)
    ]
    queryset = model.objects.annotate(**links).order_by(*order).values_list(*names)
    sql = connection.ops.compose_sql(*queryset.query.sql_with_params())
    with connection.cursor() as cursor:
        raw = cursor.cursor
        raw.execute(f"{sql} LIMIT 0")
        types = [column.type_code for column in raw.description]
        with raw.copy(f"COPY ({sql}) TO STDOUT (FORMAT BINARY)") as copy:
            copy.set_types(types)
            for row in copy.rows():
                yield list(row)


def linked_slugs(column):
    through = column.field.remote_field.through
    source = column.field.m2m_field_name()
    slug = f"{column.field.m2m_reverse_field_name()}__slug"
    return Subquery(
        through.objects.filter(**{source: OuterRef("pk")})
        .values(source)
        .annotate(slugs=StringAgg(slug, ",", order_by=slug))
        .values("slugs")
    )


def merged_rows(model, columns, order):
    """Each row as a list; many-to-many columns read by a second cursor, in step."""
    plain = [column for column in columns if not isinstance(column, SlugListColumn)]
    rows = (
        model.objects.order_by(*order)
        .values_list("pk", *(lookup_of(column) for column in plain))
        .iterator(chunk_size=CHUNK)
    )
    inserts = [
        (position, links_in_order(column, order))
        for position, column in enumerate(columns)
        if isinstance(column, SlugListColumn)
    ]
    for pk, *values in rows:
        for position, links in inserts:
            values.insert(position, links.take(pk))
        yield values


class links_in_order:
    """The related slugs of each row, read alongside the rows in the same order."""

    def __init__(self, column, order):
        through = column.field.remote_field.through
        source = column.field.m2m_field_name()
        target = column.field.m2m_reverse_field_name()
        self.pairs = (
            through.objects.order_by(
                *(f"{source}__{lookup}" for lookup in order), f"{target}__slug"
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
