"""Search finds names in any script whatever their case, on either database."""

import pytest
from django.contrib.auth.models import AnonymousUser

from briefs.reading.search import search
from tests.factories import make_actor, make_alias, make_publication, make_section


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Белавиа", "белавиа", "БЕЛАВИА"])
def test_a_cyrillic_name_is_found_in_any_case(query):
    actor = make_actor("belavia", name="Белавиа", kind="organization")
    make_publication("a-brief", title="Flights").actors.add(actor)

    hits = search(query, AnonymousUser())

    assert [hit.item for hit in hits] == [actor]


@pytest.mark.django_db
def test_an_alias_in_another_script_and_case_finds_its_actor():
    actor = make_actor("lukashenko", name="Alexander Lukashenko", kind="person")
    make_alias(actor, "Аляксандр Лукашэнка")
    make_publication("a-brief", title="Talks").actors.add(actor)

    hits = search("лукашэнка", AnonymousUser())

    assert [hit.item for hit in hits] == [actor]


@pytest.mark.django_db
def test_a_section_body_in_another_case_finds_its_brief():
    brief = make_publication("a-brief")
    make_section(brief, body="Переговоры в Минске продолжились.")

    hits = search("МИНСКЕ", AnonymousUser())

    assert [hit.item for hit in hits] == [brief]
