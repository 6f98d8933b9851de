"""
Each brief's full-text document, stored and GIN-indexed, on PostgreSQL only.

briefs_search_document holds one tsvector a brief, weighted as search
weighs it (title A; series, summary and section headings B; section
bodies C). Triggers keep it true whoever writes: the admin, imports
(COPY fires them too), bundles, the corpus generator. SQLite searches
word by word and needs none of it.
"""

from django.db import migrations

DOCUMENT = """
    setweight(to_tsvector('english', coalesce(p.title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(p.series, '')), 'B')
    || setweight(to_tsvector('english', coalesce(p.summary, '')), 'B')
    || setweight(to_tsvector('english', coalesce((
        SELECT string_agg(s.heading, E'\\n' ORDER BY s.position)
        FROM briefs_section s WHERE s.publication_id = p.id), '')), 'B')
    || setweight(to_tsvector('english', coalesce((
        SELECT string_agg(s.body, E'\\n' ORDER BY s.position)
        FROM briefs_section s WHERE s.publication_id = p.id), '')), 'C')
"""

CREATE = f"""
CREATE TABLE briefs_search_document (
    publication_id bigint PRIMARY KEY,
    document tsvector NOT NULL
);
CREATE INDEX briefs_search_document_gin ON briefs_search_document USING gin (document);

CREATE FUNCTION briefs_refresh_search_documents(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM briefs_search_document WHERE publication_id = ANY(ids);
    INSERT INTO briefs_search_document (publication_id, document)
    SELECT p.id, {DOCUMENT} FROM briefs_publication p WHERE p.id = ANY(ids);
$$;

CREATE FUNCTION briefs_publication_documents() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM briefs_search_document
        WHERE publication_id IN (SELECT id FROM old_rows);
    ELSE
        PERFORM briefs_refresh_search_documents(ARRAY(SELECT id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION briefs_section_documents() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM briefs_refresh_search_documents(
            ARRAY(SELECT DISTINCT publication_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM briefs_refresh_search_documents(
            ARRAY(SELECT DISTINCT publication_id FROM old_rows));
    ELSE
        PERFORM briefs_refresh_search_documents(ARRAY(
            SELECT publication_id FROM new_rows
            UNION SELECT publication_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION briefs_truncate_search_documents() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE briefs_search_document;
    RETURN NULL;
END $$;

CREATE TRIGGER briefs_publication_inserted AFTER INSERT ON briefs_publication
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION briefs_publication_documents();
CREATE TRIGGER briefs_publication_updated AFTER UPDATE ON briefs_publication
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION briefs_publication_documents();
CREATE TRIGGER briefs_publication_deleted AFTER DELETE ON briefs_publication
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION briefs_publication_documents();
CREATE TRIGGER briefs_publication_truncated AFTER TRUNCATE ON briefs_publication
    FOR EACH STATEMENT EXECUTE FUNCTION briefs_truncate_search_documents();
CREATE TRIGGER briefs_section_inserted AFTER INSERT ON briefs_section
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION briefs_section_documents();
CREATE TRIGGER briefs_section_updated AFTER UPDATE ON briefs_section
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION briefs_section_documents();
CREATE TRIGGER briefs_section_deleted AFTER DELETE ON briefs_section
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION briefs_section_documents();

SELECT briefs_refresh_search_documents(ARRAY(SELECT id FROM briefs_publication));
"""

DROP = """
DROP TABLE briefs_search_document;
DROP FUNCTION briefs_refresh_search_documents(bigint[]) CASCADE;
DROP FUNCTION briefs_publication_documents() CASCADE;
DROP FUNCTION briefs_section_documents() CASCADE;
DROP FUNCTION briefs_truncate_search_documents() CASCADE;
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # Without parameters: many statements in one go.
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("briefs", "0004_history_of_record_parts")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
