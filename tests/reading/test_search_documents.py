"""On PostgreSQL stored search documents follow every write to a brief, an actor or their parts."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from briefs.models import Publication, Section
from briefs.reading.search import search
from tests.factories import make_actor, make_alias, make_publication, make_section

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="stored search documents are PostgreSQL's (SQLite searches word by word)",
)


def found(text, kind="Brief"):
    return [hit.item for hit in search(text, AnonymousUser()) if hit.kind == kind]


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
        cursor.execute("SELECT count(*) FROM briefs_search_publication")
        assert cursor.fetchone() == (0,)


@pytest.mark.django_db
def test_an_actor_is_found_by_an_alias_added_later():
    actor = make_actor("lukashenko", name="Alexander Lukashenko", kind="person")
    make_publication().actors.add(actor)
    assert found("lukashenka", kind="Actor") == []

    alias = make_alias(actor, "Аляксандр Лукашэнка")
    assert found("лукашэнка", kind="Actor") == [actor]

    alias.delete()
    assert found("лукашэнка", kind="Actor") == []
