"""
The stored search documents of actors, meetings, sanctions and releases
look up each language's text-search configuration once a refresh, not once
a row and column (PostgreSQL only).

Migration 0027 stems each Hungarian column with
``briefs_search_config('hu')`` (0026b). That is a SQL function with a
subquery, which PostgreSQL neither inlines nor evaluates once for a
statement: it ran for every row and column, 13 µs a call. 50,000 meetings
imported in one statement made 100,000 calls, 1.3 of the 2.1 s their
documents took. Each refresh is now PL/pgSQL that looks the configurations
up first and passes them to its one INSERT. The documents are the same,
so none is made again. A brief's document (0026b) keeps its per-row
lookup: each edition has its own language.

Its statements are planned for the ids of each call, as a SQL function's
were: PL/pgSQL would otherwise keep, after five calls, a plan made without
them, chosen while the table was small, and go on scanning the table as it
grew (a corpus of 400 briefs, written in one transaction with 18,000
small updates, took 78 s instead of 29 s).
"""

import importlib

from django.db import migrations

names_in_every_language = importlib.import_module(
    "briefs.migrations.0027_names_in_every_language"
)
AFTER, SOURCES, OTHERS = (
    names_in_every_language.AFTER,
    names_in_every_language.SOURCES,
    names_in_every_language.OTHERS,
)


def refresh(table, expression, *, looked_up):
    """The function each trigger calls (0006), with the configurations of
    the languages ``looked_up`` found once, before its INSERT."""
    for code in looked_up:
        expression = expression.replace(
            f"briefs_search_config('{code}')", f"config_{code}"
        )
    declarations = "".join(
        f"config_{code} regconfig := briefs_search_config('{code}');"
        for code in looked_up
    )
    return f"""
    CREATE OR REPLACE FUNCTION {table}_refresh(ids bigint[]) RETURNS void
    LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
    DECLARE {declarations}
    BEGIN
        DELETE FROM {table} WHERE id = ANY(ids);
        INSERT INTO {table} (id, document)
        SELECT p.id, {expression} FROM {SOURCES[table]} p WHERE p.id = ANY(ids);
    END $$;
    """


def replace_refreshes(looked_up):
    """Back again, the configurations are looked up once a row and column, as
    in 0027 (the documents are the same either way)."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for table, expression in AFTER.items():
                schema_editor.execute(refresh(table, expression, looked_up=looked_up))

    return run


class Migration(migrations.Migration):
    dependencies = [("briefs", "0030_history_user_unconstrained")]

    operations = [
        migrations.RunPython(replace_refreshes(OTHERS), replace_refreshes(()))
    ]
