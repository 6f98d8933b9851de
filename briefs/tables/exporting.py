"""
Exporting a whole table as a stream: constant memory, whatever its size.

Rows come from a server-side cursor (PostgreSQL) in natural-key order and go
straight to the file; a many-to-many column is a second cursor, in the same
order, merged in as the rows pass. One snapshot serves both cursors, so a
write during a long export cannot tear a row from its links.
"""

from django.db import connection, transaction

from briefs.tables.columns import SlugColumn, SlugListColumn, columns_of
from briefs.tables.files import WRITERS

CHUNK = 5000


def export_table(model_name, stream, file_format, progress=None):
    """Write every row of a table to a binary stream; return how many."""
    _resource, model, columns, key = columns_of(model_name)
    writer = WRITERS[file_format](stream, [column.name for column in columns])
    by_name = {column.name: column for column in columns}
    order = [lookup_of(by_name[name]) for name in key]
    plain = [column for column in columns if not isinstance(column, SlugListColumn)]
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        rows = (
            model.objects.order_by(*order)
            .values_list("pk", *(lookup_of(column) for column in plain))
            .iterator(chunk_size=CHUNK)
        )
        links = {
            column: links_in_order(column, order)
            for column in columns
            if isinstance(column, SlugListColumn)
        }
        total = model.objects.count()
        renderers = [
            (position, function)
            for position, column in enumerate(plain)
            if (function := column.renderer()) is not None
        ]
        # Where each many-to-many column goes, left to right.
        inserts = [
            (position, links[column], column.renderer())
            for position, column in enumerate(columns)
            if column in links
        ]
        count = 0
        for pk, *values in rows:
            for position, function in renderers:
                values[position] = function(values[position])
            for position, link, function in inserts:
                values.insert(position, function(link.take(pk)))
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
        return tuple(slugs)
