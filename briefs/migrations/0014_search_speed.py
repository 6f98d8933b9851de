"""
Stored search documents kept in the row, compressed with lz4 where the
server has it (PostgreSQL only).

A word found in most briefs makes PostgreSQL read every document: to
match it (a sequential scan is then cheaper than the index) and to rank
the hits. Kept out of line, each document costs lookups in its TOAST
table and pglz decompression; kept in the row (STORAGE MAIN: out of line
only when a row would not fit a page) and compressed with lz4, a read is
a plain page read and a fast decompression. The documents are rewritten
so the rows already there take the new storage.
"""

from django.db import migrations

TABLES = [
    ("briefs_search_publication", "briefs_publication"),
    ("briefs_search_actor", "briefs_actor"),
    ("briefs_search_meeting", "briefs_meeting"),
    ("briefs_search_sanction", "briefs_sanction"),
    ("briefs_search_prisonerrelease", "briefs_prisonerrelease"),
]


def storage(main, compression):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
                "WHERE name = 'default_toast_compression'"
            )
            row = cursor.fetchone()
            method = compression if row and row[0] else "default"
            for table, source in TABLES:
                cursor.execute(
                    f"ALTER TABLE {table} ALTER COLUMN document SET STORAGE {main}, "
                    f"ALTER COLUMN document SET COMPRESSION {method}"
                )
                # Written afresh, the documents take the column's new storage.
                cursor.execute(
                    f"SELECT {table}_refresh(ARRAY(SELECT id FROM {source}))"
                )

    return run


class Migration(migrations.Migration):
    dependencies = [("briefs", "0013_actor_is_public")]

    operations = [
        migrations.RunPython(storage("MAIN", "lz4"), storage("EXTENDED", "default"))
    ]
