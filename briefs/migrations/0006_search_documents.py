"""
Stored, GIN-indexed full-text documents of briefs and actors, on PostgreSQL only.

One weighted tsvector a row, weighted as search weighs it: a brief's title
A; its series, summary and section headings B; section bodies C. An
actor's name and aliases A, position B, description C. Statement triggers
keep each document true whoever writes: the admin, imports (COPY fires
them too), bundles, the corpus generator. SQLite searches word by word and
needs none of it.
"""

from dataclasses import dataclass

from django.db import migrations


@dataclass
class Document:
    table: str  # briefs_search_<name>: (id, document)
    source: str
    children: tuple  # (table, foreign key column)
    expression: str  # over the source row "p"

    @property
    def name(self):
        return f"{self.table}_documents"

    def create(self):
        refresh = f"{self.table}_refresh"
        sql = f"""
        CREATE TABLE {self.table} (id bigint PRIMARY KEY, document tsvector NOT NULL);
        CREATE INDEX {self.table}_gin ON {self.table} USING gin (document);
        CREATE FUNCTION {refresh}(ids bigint[]) RETURNS void LANGUAGE sql AS $$
            DELETE FROM {self.table} WHERE id = ANY(ids);
            INSERT INTO {self.table} (id, document)
            SELECT p.id, {self.expression} FROM {self.source} p WHERE p.id = ANY(ids);
        $$;
        CREATE FUNCTION {self.table}_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN TRUNCATE {self.table}; RETURN NULL; END $$;
        CREATE TRIGGER {self.table}_truncated AFTER TRUNCATE ON {self.source}
            FOR EACH STATEMENT EXECUTE FUNCTION {self.table}_truncate();
        """
        for table, key in ((self.source, "id"), *self.children):
            function = f"{self.table}_from_{table}"
            sql += f"""
            CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    PERFORM {refresh}(ARRAY(SELECT {key} FROM new_rows));
                ELSIF TG_OP = 'DELETE' THEN
                    PERFORM {refresh}(ARRAY(SELECT {key} FROM old_rows));
                ELSE
                    PERFORM {refresh}(ARRAY(
                        SELECT {key} FROM new_rows UNION SELECT {key} FROM old_rows));
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER {function}_inserted AFTER INSERT ON {table}
                REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION {function}();
            CREATE TRIGGER {function}_updated AFTER UPDATE ON {table}
                REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION {function}();
            CREATE TRIGGER {function}_deleted AFTER DELETE ON {table}
                REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION {function}();
            """
        return sql + f"SELECT {refresh}(ARRAY(SELECT id FROM {self.source}));"

    def drop(self):
        functions = [
            f"{self.table}_refresh(bigint[])",
            f"{self.table}_truncate()",
            *(
                f"{self.table}_from_{table}()"
                for table, _ in ((self.source, "id"), *self.children)
            ),
        ]
        return f"DROP TABLE {self.table};" + "".join(
            f"DROP FUNCTION {function} CASCADE;" for function in functions
        )


def weighted(text, weight):
    return f"setweight(to_tsvector('english', coalesce({text}, '')), '{weight}')"


def joined(table, column, key, order):
    return (
        f"(SELECT string_agg(c.{column}, E'\\n' ORDER BY c.{order}) "
        f"FROM {table} c WHERE c.{key} = p.id)"
    )


DOCUMENTS = [
    Document(
        "briefs_search_publication",
        "briefs_publication",
        (("briefs_section", "publication_id"),),
        " || ".join(
            [
                weighted("p.title", "A"),
                weighted("p.series", "B"),
                weighted("p.summary", "B"),
                weighted(
                    joined("briefs_section", "heading", "publication_id", "position"),
                    "B",
                ),
                weighted(
                    joined("briefs_section", "body", "publication_id", "position"),
                    "C",
                ),
            ]
        ),
    ),
    Document(
        "briefs_search_actor",
        "briefs_actor",
        (("briefs_actoralias", "actor_id"),),
        " || ".join(
            [
                weighted("p.name", "A"),
                weighted("p.position", "B"),
                weighted("p.description", "C"),
                weighted(joined("briefs_actoralias", "name", "actor_id", "name"), "A"),
            ]
        ),
    ),
]


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # Without parameters: many statements in one go.
            with schema_editor.connection.cursor() as cursor:
                for document in DOCUMENTS:
                    cursor.execute(statements(document))

    return run


class Migration(migrations.Migration):
    dependencies = [("briefs", "0005_publications_on_a_shared_base")]

    operations = [
        migrations.RunPython(
            on_postgresql(Document.create), on_postgresql(Document.drop)
        )
    ]
