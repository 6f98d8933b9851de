"""
Each edition's search document in its own language (PostgreSQL only).

A brief's stored document (migration 0006) was stemmed as English; an
edition in Hungarian is now stemmed as Hungarian ("tárgyalásai" finds
"tárgyalás"), each edition by the text-search configuration of its
``language``. ``briefs_search_config(code)`` maps a language's ISO 639-1
code to the configuration PostgreSQL has for it (its Snowball stemmers),
and to ``simple`` (words as they are) for one it has none for: a language
added to ``settings.LANGUAGES`` is stemmed as well as PostgreSQL can, with
no migration. Search parses a query with the same function
(``briefs.reading.search``). SQLite searches word by word and needs none of it.
"""

import importlib

from django.db import migrations

search_documents = importlib.import_module("briefs.migrations.0006_search_documents")
Document, joined = search_documents.Document, search_documents.joined

# ISO 639-1 codes of the languages PostgreSQL stems, and its configurations.
CONFIGURATIONS = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan",
    "da": "danish", "nl": "dutch", "en": "english", "fi": "finnish",
    "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian",
    "lt": "lithuanian", "ne": "nepali", "nb": "norwegian", "no": "norwegian",
    "nn": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sr": "serbian", "es": "spanish", "sv": "swedish", "ta": "tamil",
    "tr": "turkish", "yi": "yiddish",
}  # fmt: skip

CONFIG_FUNCTION = """
CREATE OR REPLACE FUNCTION briefs_search_config(language text) RETURNS regconfig
LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT c.cfgname::regconfig FROM pg_ts_config c
         JOIN (VALUES {pairs}) AS l(code, name) ON l.name = c.cfgname
         WHERE l.code = split_part(lower($1), '-', 1) LIMIT 1),
        'simple'::regconfig)
$$;
""".format(
    pairs=", ".join(f"('{code}', '{name}')" for code, name in CONFIGURATIONS.items())
)


def weighted(text, weight):
    """As 0006's, in the edition's own language."""
    return (
        "setweight(to_tsvector(briefs_search_config(p.language), "
        f"coalesce({text}, '')), '{weight}')"
    )


def publication_document(weight):
    return Document(
        "briefs_search_publication",
        "briefs_publication",
        (("briefs_section", "publication_id"),),
        " || ".join(
            [
                weight("p.title", "A"),
                weight("p.series", "B"),
                weight("p.summary", "B"),
                weight(
                    joined("briefs_section", "heading", "publication_id", "position"),
                    "B",
                ),
                weight(
                    joined("briefs_section", "body", "publication_id", "position"),
                    "C",
                ),
            ]
        ),
    )


def refresh_function(document):
    return f"""
    CREATE OR REPLACE FUNCTION {document.table}_refresh(ids bigint[]) RETURNS void
    LANGUAGE sql AS $$
        DELETE FROM {document.table} WHERE id = ANY(ids);
        INSERT INTO {document.table} (id, document)
        SELECT p.id, {document.expression} FROM {document.source} p WHERE p.id = ANY(ids);
    $$;
    SELECT {document.table}_refresh(ARRAY(SELECT id FROM {document.source}));
    """


def per_language(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(CONFIG_FUNCTION)
        cursor.execute(refresh_function(publication_document(weighted)))


def in_english(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            refresh_function(publication_document(search_documents.weighted))
        )
        cursor.execute("DROP FUNCTION briefs_search_config(text)")


class Migration(migrations.Migration):
    dependencies = [("briefs", "0026_editions")]

    operations = [migrations.RunPython(per_language, in_english)]
