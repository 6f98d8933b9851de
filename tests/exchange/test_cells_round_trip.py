"""A cell's text survives every door: carriage returns in XLSX, a byte order
mark, an apostrophe typed by hand (briefs/exchange/formats.py)."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from briefs.exchange.formats import (
    CSV,
    XLSX,
    from_xlsx_text,
    to_xlsx_text,
    unescape_formula,
)
from briefs.exchange.resources import RESOURCES
from briefs.exchange.tables import TableError, import_table
from briefs.models import Actor
from tests.factories import make_actor
from tests.helpers import SEED_SLUG, exported_table

pytestmark = pytest.mark.django_db

AWKWARD = [
    "two lines\r\nin Windows style",
    "a lone\rcarriage return",
    "literally _x000D_ in the text",
    "a bell \x07 and a form feed \x0c",
    "=1+1",
    "'t Hooft",
    "''quoted''",
    "\ttab first",
]


def admin_export(name, format_class):
    return format_class().export_data(RESOURCES[name]().export())


@pytest.fixture
def awkward_actors(db):
    for number, text in enumerate(AWKWARD):
        make_actor(f"actor-{number}", name=f"Actor {number}", description=text)


@pytest.mark.parametrize("text", AWKWARD)
def test_an_xlsx_cell_reads_back_as_it_was_written(text):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([to_xlsx_text(text)])
    stream = io.BytesIO()
    workbook.save(stream)
    cell = load_workbook(io.BytesIO(stream.getvalue())).active["A1"].value
    assert from_xlsx_text(cell) == text


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_export_table_then_import_table_changes_nothing(awkward_actors, file_format):
    result = import_table("actor", exported_table("actor", file_format), file_format)
    assert (result.created, result.updated) == (0, 0)
    stored = sorted(Actor.objects.values_list("description_en", flat=True))
    assert stored == sorted(AWKWARD)


@pytest.mark.parametrize("format_class", [CSV, XLSX])
def test_the_admins_export_imports_back_unchanged(awkward_actors, format_class):
    data = admin_export("actor", format_class)
    dataset = format_class().create_dataset(data)
    result = RESOURCES["actor"]().import_data(dataset, dry_run=True)
    assert not result.has_errors()
    assert result.totals["update"] == 0
    assert sorted(dataset["description"]) == sorted(AWKWARD)


def test_the_admins_xlsx_export_and_export_table_agree_on_every_cell(awkward_actors):
    admin = XLSX().create_dataset(admin_export("actor", XLSX))
    ours = XLSX().create_dataset(exported_table("actor", "xlsx"))
    assert list(ours) == list(admin)


def hand_written_csv():
    out = io.StringIO()
    csv.writer(out).writerows(
        [["slug", "name", "kind"], ["t-hooft", "'t Hooft", "person"]]
    )
    return out.getvalue().encode()


def test_a_hand_written_apostrophe_is_kept_by_import_table(db):
    import_table("actor", hand_written_csv(), "csv")
    assert Actor.objects.get(slug="t-hooft").name == "'t Hooft"


def test_a_hand_written_apostrophe_is_kept_by_the_admins_import():
    dataset = CSV().create_dataset(hand_written_csv().decode())
    assert dataset["name"] == ["'t Hooft"]


def test_an_apostrophe_is_taken_off_only_where_an_export_put_it():
    assert unescape_formula("'=1+1") == "=1+1"
    assert unescape_formula("''t Hooft") == "'t Hooft"
    assert unescape_formula("'t Hooft") == "'t Hooft"
    assert unescape_formula("'") == "'"


def test_a_stored_apostrophe_goes_out_and_comes_back(db):
    make_actor("t-hooft", name="'t Hooft")
    for file_format in ("csv", "xlsx"):
        result = import_table(
            "actor", exported_table("actor", file_format), file_format
        )
        assert (result.updated, result.unchanged) == (0, 1)
    assert Actor.objects.get().name == "'t Hooft"


def test_import_brief_reads_a_bundle_with_a_byte_order_mark(seeded, tmp_path):
    out = io.StringIO()
    call_command("export_brief", SEED_SLUG, stdout=out)
    path = tmp_path / "bundle.json"
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode())
    out = io.StringIO()
    call_command("import_brief", str(path), "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue()


def test_import_brief_and_import_table_say_the_same_of_a_file_not_utf8(db, tmp_path):
    data = b'[{"slug": "caf\xe9"}]'
    with pytest.raises(TableError) as table:
        import_table("actor", data, "json")
    path = tmp_path / "bundle.json"
    path.write_bytes(data)
    with pytest.raises(CommandError) as bundle:
        call_command("import_brief", str(path))
    assert "byte 0xe9 on line 1" in str(table.value)
    assert "byte 0xe9 on line 1" in str(bundle.value)
