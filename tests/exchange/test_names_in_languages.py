"""Names in every language through every door of data: tables (their own
columns, checked by the rule book, in the import page's guide), bundles and
fixtures, old files that know only the English name included."""

import json

import pytest
from django.core.management import call_command

from briefs.exchange.releases import table_schema
from briefs.exchange.tables import TableError
from briefs.exchange.tables.guide import column_guide
from briefs.models import Actor, Meeting
from tests.factories import make_actor, make_meeting
from tests.helpers import exported_bundle, exported_table, load_table

pytestmark = pytest.mark.django_db


def test_a_table_carries_each_language_in_a_column_of_its_own_and_round_trips():
    make_actor("belarus", name="Belarus", name_hu="Fehéroroszország")
    make_meeting("talks", title="Talks", place="Minsk", place_hu="Minszk")
    actors = exported_table("actor").decode()
    header = actors.splitlines()[0].split(",")
    assert header[:3] == ["slug", "name", "name_hu"]
    assert "Belarus,Fehéroroszország" in actors
    meetings = exported_table("meeting")

    Actor.objects.update(name_hu="")
    Meeting.objects.update(place_hu="")
    load_table("actor", actors)
    load_table("meeting", meetings)

    assert Actor.objects.get().name_hu == "Fehéroroszország"
    assert Meeting.objects.get().place_hu == "Minszk"


def test_a_file_without_the_hungarian_columns_leaves_them_as_they_are():
    make_actor("belarus", name="Belarus", name_hu="Fehéroroszország")
    load_table("actor", "slug,name,kind\nbelarus,Republic of Belarus,state\n")
    actor = Actor.objects.get()
    assert (actor.name_en, actor.name_hu) == ("Republic of Belarus", "Fehéroroszország")


def test_the_rule_book_checks_a_hungarian_name_as_it_checks_the_english_one():
    data = f"slug,name,name_hu,kind\nbelarus,Belarus,{'x' * 201},state\n"
    with pytest.raises(TableError) as refused:
        load_table("actor", data)
    [problem] = refused.value.problems
    assert problem.column == "name_hu"
    assert "at most 200 characters" in problem.reason
    english = f"slug,name,name_hu,kind\nbelarus,{'x' * 201},,state\n"
    with pytest.raises(TableError) as refused:
        load_table("actor", english)
    [same] = refused.value.problems
    assert (same.column, same.reason) == ("name", problem.reason)


def test_the_import_pages_guide_lists_each_language_and_says_which_it_is():
    guide = {column.name: column for column in column_guide("actor")}
    assert {"name", "name_hu", "position_hu", "description_hu"} <= set(guide)
    assert guide["name"].required and not guide["name_hu"].required
    assert "In English" in guide["name"].rule
    assert "In Hungarian" in guide["name_hu"].rule
    assert "title_hu" in {column.name for column in column_guide("sanction")}


def test_a_bundle_carries_the_hungarian_names(seeded):
    objects = json.loads(exported_bundle())
    actors = [obj for obj in objects if obj["model"] == "briefs.actor"]
    belarus = next(obj for obj in actors if obj["fields"]["slug"] == "belarus")
    assert belarus["fields"]["name_hu"] == "Fehéroroszország"


def test_a_bundle_from_before_names_had_languages_still_loads(tmp_path):
    path = tmp_path / "old.json"
    stamp = "2025-07-15T08:00:00Z"
    old = {
        "created_at": stamp,
        "updated_at": stamp,
        "slug": "belarus",
        "name": "Belarus",
        "kind": "state",
        "position": "",
        "country": None,
        "wikidata_id": "",
        "description": "A state.",
    }
    path.write_text(json.dumps([{"model": "briefs.actor", "fields": old}]))
    call_command("import_brief", str(path), verbosity=0)
    actor = Actor.objects.get()
    assert (actor.name_en, actor.name_hu, actor.description_en) == (
        "Belarus",
        "",
        "A state.",
    )


def test_the_dataset_release_says_the_language_of_each_name_column():
    fields = {field["name"]: field for field in table_schema("actor")["fields"]}
    assert fields["name"]["description"].endswith("In English.")
    assert fields["name_hu"]["description"].endswith("In Hungarian.")
    assert "required" not in fields["name_hu"].get("constraints", {})
