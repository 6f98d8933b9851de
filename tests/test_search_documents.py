"""On PostgreSQL a brief's stored search document follows every write to it or its sections."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from briefs.models import Publication, Section
from briefs.reading.search import search
from tests.conftest import make_publication, make_section

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="stored search documents are PostgreSQL's (SQLite searches word by word)",
)


def found(text):
    return [hit.item for hit in search(text, AnonymousUser()) if hit.kind == "Brief"]


@pytest.mark.django_db
def test_a_brief_is_found_by_its_title_and_its_sections_as_they_change():
    brief = make_publication("a-brief", title="Potash quotas")
    section = make_section(brief, body="The ferries to Klaipeda stopped.")

    assert found("potash") == [brief]
    assert found("klaipeda") == [brief]

    section.body = "The trains to Vilnius stopped."
    section.save()
    assert found("klaipeda") == []
    assert found("vilnius") == [brief]

    Section.objects.filter(publication=brief).delete()
    assert found("vilnius") == []

    Publication.objects.filter(pk=brief.pk).update(title="Timber quotas")
    assert found("potash") == []
    assert found("timber") == [brief]


@pytest.mark.django_db
def test_a_title_outweighs_a_section_body():
    in_body = make_publication("in-body", title="Other matters")
    make_section(in_body, body="Notes on aviation.")
    in_title = make_publication("in-title", title="Aviation")

    assert found("aviation") == [in_title, in_body]


@pytest.mark.django_db
def test_a_deleted_brief_leaves_no_document():
    brief = make_publication("a-brief", title="Potash quotas")
    make_section(brief)
    brief.delete()

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM briefs_search_document")
        assert cursor.fetchone() == (0,)
