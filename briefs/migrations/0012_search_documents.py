"""
Stored, GIN-indexed full-text documents of meetings, sanctions and prisoner
releases, kept like those of briefs and actors (migration 0006), and
trigram indexes on actors' names and aliases, so a name is found in any
script and with another ending ("Лукашенку" finds "Лукашенко"). PostgreSQL
only: SQLite searches word by word and needs none of it.
"""

import importlib

from django.db import migrations

search_documents = importlib.import_module("briefs.migrations.0006_search_documents")
Document, weighted = search_documents.Document, search_documents.weighted

DOCUMENTS = [
    Document(
        "briefs_search_meeting",
        "briefs_meeting",
        (),
        " || ".join(
            [
                weighted("p.title", "A"),
                weighted("p.place", "B"),
                weighted("p.topics", "B"),
                weighted("p.outcome", "C"),
                weighted("p.significance", "C"),
            ]
        ),
    ),
    Document(
        "briefs_search_sanction",
        "briefs_sanction",
        (),
        " || ".join(
            [
                weighted("p.title", "A"),
                weighted("p.sector", "B"),
                weighted("p.status_note", "C"),
                weighted("p.description", "C"),
            ]
        ),
    ),
    Document(
        "briefs_search_prisonerrelease",
        "briefs_prisonerrelease",
        (),
        " || ".join([weighted("p.title", "A"), weighted("p.description", "C")]),
    ),
]

NAME_INDEXES = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX briefs_actor_name_trgm ON briefs_actor USING gin (name gin_trgm_ops);
CREATE INDEX briefs_actoralias_name_trgm
    ON briefs_actoralias USING gin (name gin_trgm_ops);
"""
DROP_NAME_INDEXES = """
DROP INDEX briefs_actor_name_trgm;
DROP INDEX briefs_actoralias_name_trgm;
"""


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                for sql in statements():
                    cursor.execute(sql)

    return run


def create():
    return [NAME_INDEXES, *(document.create() for document in DOCUMENTS)]


def drop():
    return [DROP_NAME_INDEXES, *(document.drop() for document in DOCUMENTS)]


class Migration(migrations.Migration):
    dependencies = [("briefs", "0011_rendered_html")]

    operations = [migrations.RunPython(on_postgresql(create), on_postgresql(drop))]
