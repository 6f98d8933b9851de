"""
Actors' names, positions and descriptions, meetings' titles and places, and
the titles of sanctions and prisoner releases, in every language
(briefs.models.base.Translated).

Today's values are the English ones, and they stay where they are: the
English field (``name_en``) keeps the column the field had (``name``), in
the rows and in their history, so no value moves and none is lost; only
Django's name for the field changes. Each other language gets a column of
its own, empty until a curator fills it, in the rows and in their history.

On PostgreSQL the stored search documents take the Hungarian values beside
the English ones (an actor is found as "Lukasenko" and as "Lukashenko"),
and the Hungarian names get a trigram index like the English ones
(migrations 0006, 0012).
"""

import importlib

from django.db import migrations, models

search_documents = importlib.import_module("briefs.migrations.0006_search_documents")
Document, weighted, joined = (
    search_documents.Document,
    search_documents.weighted,
    search_documents.joined,
)

ORIGINAL, OTHERS = "en", ("hu",)
LANGUAGE_NAMES = {"en": "English", "hu": "Hungarian"}

# (model, field, the field as it was): each becomes field_en on the same column.
TRANSLATED = [
    ("actor", "name", models.CharField(max_length=200)),
    (
        "actor",
        "position",
        models.CharField(
            blank=True, help_text="Title or office, as the brief gives it.", max_length=300
        ),
    ),
    ("actor", "description", models.TextField(blank=True)),
    ("meeting", "title", models.CharField(max_length=300)),
    ("meeting", "place", models.CharField(blank=True, max_length=200)),
    ("sanction", "title", models.CharField(max_length=300)),
    ("prisonerrelease", "title", models.CharField(max_length=300)),
]


def in_language(field, name, code):
    _name, _path, args, kwargs = field.deconstruct()
    kwargs["verbose_name"] = f"{name.replace('_', ' ')} ({LANGUAGE_NAMES[code]})"
    if code == ORIGINAL:
        kwargs["db_column"] = name
    else:
        kwargs["blank"] = True
    return type(field)(*args, **kwargs)


def field_operations():
    state, database = [], []
    for model, name, field in TRANSLATED:
        for table in (model, f"historical{model}"):
            state += [
                migrations.RenameField(table, name, f"{name}_{ORIGINAL}"),
                migrations.AlterField(
                    table, f"{name}_{ORIGINAL}", in_language(field, name, ORIGINAL)
                ),
            ]
            database += [
                migrations.AddField(table, f"{name}_{code}", in_language(field, name, code))
                for code in OTHERS
            ]
    return state, database


STATE, ADDED = field_operations()

PERMISSIONS = ("add", "change", "delete", "view", "import", "export")
ORDERING = {
    "actor": {"ordering": [f"name_{ORIGINAL}"]},
    "actoralias": {
        "ordering": [f"actor__name_{ORIGINAL}", "name"],
        "verbose_name_plural": "actor aliases",
    },
    "meeting": {
        "ordering": ["date", f"title_{ORIGINAL}"],
        "default_related_name": "meetings",
    },
    "nationalitycount": {
        "ordering": ["release", "-count", f"country__name_{ORIGINAL}"]
    },
    "prisonerrelease": {
        "ordering": ["date", f"title_{ORIGINAL}"],
        "default_related_name": "releases",
    },
    "sanction": {
        "ordering": [f"title_{ORIGINAL}"],
        "default_related_name": "sanctions",
    },
}
for options in ORDERING.values():
    options["default_permissions"] = PERMISSIONS


def every_language(column, weight):
    """The column in English as before, each other language's stemmed in that
    language (briefs_search_config, migration 0026b): "Fehéroroszországban"
    finds "Fehéroroszország" as a query parsed in Hungarian."""
    return [weighted(f"p.{column}", weight)] + [
        f"setweight(to_tsvector(briefs_search_config('{code}'), "
        f"coalesce(p.{column}_{code}, '')), '{weight}')"
        for code in OTHERS
    ]


BEFORE = {
    "briefs_search_actor": " || ".join(
        [
            weighted("p.name", "A"),
            weighted("p.position", "B"),
            weighted("p.description", "C"),
            weighted(joined("briefs_actoralias", "name", "actor_id", "name"), "A"),
        ]
    ),
    "briefs_search_meeting": " || ".join(
        [
            weighted("p.title", "A"),
            weighted("p.place", "B"),
            weighted("p.topics", "B"),
            weighted("p.outcome", "C"),
            weighted("p.significance", "C"),
        ]
    ),
    "briefs_search_sanction": " || ".join(
        [
            weighted("p.title", "A"),
            weighted("p.sector", "B"),
            weighted("p.status_note", "C"),
            weighted("p.description", "C"),
        ]
    ),
    "briefs_search_prisonerrelease": " || ".join(
        [weighted("p.title", "A"), weighted("p.description", "C")]
    ),
}

AFTER = {
    "briefs_search_actor": " || ".join(
        [
            *every_language("name", "A"),
            *every_language("position", "B"),
            *every_language("description", "C"),
            weighted(joined("briefs_actoralias", "name", "actor_id", "name"), "A"),
        ]
    ),
    "briefs_search_meeting": " || ".join(
        [
            *every_language("title", "A"),
            *every_language("place", "B"),
            weighted("p.topics", "B"),
            weighted("p.outcome", "C"),
            weighted("p.significance", "C"),
        ]
    ),
    "briefs_search_sanction": " || ".join(
        [
            *every_language("title", "A"),
            weighted("p.sector", "B"),
            weighted("p.status_note", "C"),
            weighted("p.description", "C"),
        ]
    ),
    "briefs_search_prisonerrelease": " || ".join(
        [*every_language("title", "A"), weighted("p.description", "C")]
    ),
}

SOURCES = {
    "briefs_search_actor": "briefs_actor",
    "briefs_search_meeting": "briefs_meeting",
    "briefs_search_sanction": "briefs_sanction",
    "briefs_search_prisonerrelease": "briefs_prisonerrelease",
}


def refresh_function(table, expression):
    """The function each trigger calls, making a row's document (migration 0006)."""
    return f"""
    CREATE OR REPLACE FUNCTION {table}_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
        DELETE FROM {table} WHERE id = ANY(ids);
        INSERT INTO {table} (id, document)
        SELECT p.id, {expression} FROM {SOURCES[table]} p WHERE p.id = ANY(ids);
    $$;
    SELECT {table}_refresh(ARRAY(SELECT id FROM {SOURCES[table]}));
    """


NAME_INDEXES = "".join(
    f"CREATE INDEX briefs_actor_name_{code}_trgm "
    f"ON briefs_actor USING gin (name_{code} gin_trgm_ops);"
    for code in OTHERS
)
DROP_NAME_INDEXES = "".join(f"DROP INDEX briefs_actor_name_{code}_trgm;" for code in OTHERS)


def on_postgresql(documents, indexes):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(indexes)
            for table, expression in documents.items():
                cursor.execute(refresh_function(table, expression))

    return run


class Migration(migrations.Migration):
    dependencies = [("briefs", "0026b_search_per_language")]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=STATE),
        # Rows are ordered by their English names and titles, as before.
        *(
            migrations.AlterModelOptions(model, options)
            for model, options in ORDERING.items()
        ),
        # The public actor index: the same columns under the field's new name.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex("actor", "briefs_actor_public_name"),
                migrations.AddIndex(
                    "actor",
                    models.Index(
                        fields=["is_public", f"name_{ORIGINAL}"],
                        name="briefs_actor_public_name",
                    ),
                ),
            ]
        ),
        *ADDED,
        migrations.RunPython(
            on_postgresql(AFTER, NAME_INDEXES), on_postgresql(BEFORE, DROP_NAME_INDEXES)
        ),
    ]
