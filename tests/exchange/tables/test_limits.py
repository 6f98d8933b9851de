"""Limits on a file, checked before any of it is read (briefs/exchange/tables/files.py)."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from briefs.exchange.tables import TableError, files, import_table
from briefs.exchange.tables.files import Limits, check_limits, xlsx_rows
from briefs.models import Actor

pytestmark = pytest.mark.django_db


def actor_rows(count):
    return [["slug", "name", "kind"]] + [
        [f"actor-{number}", f"Actor {number}", "person"] for number in range(count)
    ]


def as_csv(rows):
    return "".join(",".join(row) + "\n" for row in rows).encode()


def as_json(rows):
    header, *rest = rows
    return json.dumps([dict(zip(header, row, strict=True)) for row in rest]).encode()


def as_xlsx(rows):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


WRITE = {"csv": as_csv, "json": as_json, "xlsx": as_xlsx}


def refusal(data, file_format, limits):
    with pytest.raises(TableError) as raised:
        import_table("actor", data, file_format, limits=limits)
    assert not Actor.objects.exists()
    [problem] = raised.value.problems
    return str(problem)


@pytest.fixture
def nothing_is_read(monkeypatch):
    def read_table(*args):
        raise AssertionError("the file was read before its limits were checked")

    monkeypatch.setattr("briefs.exchange.tables.importing.read_table", read_table)


@pytest.mark.parametrize("file_format", ["csv", "json", "xlsx"])
def test_a_file_above_the_size_limit_is_refused_unread(file_format, nothing_is_read):
    data = WRITE[file_format](actor_rows(200))
    message = refusal(data, file_format, Limits(size=1024))
    assert message.startswith("The file: it is ")
    assert message.endswith(
        " KB, and a file may be 1.0 KB at most: split it into smaller files."
    )


@pytest.mark.parametrize("file_format", ["csv", "json", "xlsx"])
def test_a_file_above_the_row_limit_is_refused_unread(file_format, nothing_is_read):
    data = WRITE[file_format](actor_rows(11))
    message = refusal(data, file_format, Limits(rows=10))
    assert message == (
        "The file: it has more than 10 rows, and a file may have 10 at most: "
        "split it into smaller files."
    )


@pytest.mark.parametrize("file_format", ["csv", "json", "xlsx"])
def test_a_file_at_the_limits_imports(file_format):
    data = WRITE[file_format](actor_rows(10))
    limits = Limits(size=len(data), rows=10, unpacked=10 * 1024 * 1024)
    assert import_table("actor", data, file_format, limits=limits).created == 10


def test_a_line_break_inside_a_cell_is_not_counted_as_a_row():
    rows = [["slug", "name", "description"]]
    rows += [[f"a-{n}", f"A {n}", '"one\ntwo\nthree"'] for n in range(5)]
    check_limits(as_csv(rows), "csv", Limits(rows=5))


def zip_bomb(unpacked):
    """A workbook whose sheet repeats one row until it unzips to ``unpacked`` bytes."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    source = zipfile.ZipFile(io.BytesIO(as_xlsx(actor_rows(1))))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                head, _, tail = data.partition(b"</sheetData>")
                with bomb.open(member.filename, "w") as sheet:
                    sheet.write(head)
                    for _ in range(unpacked // (len(row) * 1000)):
                        sheet.write(row * 1000)
                    sheet.write(b"</sheetData>" + tail)
            else:
                bomb.writestr(member, data)
    return stream.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unzipped(nothing_is_read):
    data = zip_bomb(60 * 1024 * 1024)
    assert len(data) < 1024 * 1024
    message = refusal(data, "xlsx", Limits(unpacked=50 * 1024 * 1024))
    assert "but unzips to 60.0 MB, and a workbook may unzip to 50.0 MB at most" in (
        message
    )


def test_the_rows_of_a_workbook_are_counted_in_its_first_sheet():
    assert xlsx_rows(as_xlsx(actor_rows(12_345))) == 12_346


def test_the_settings_give_the_limits_of_a_web_page(settings):
    settings.IMPORT_MAX_FILE_SIZE = 1
    settings.IMPORT_MAX_ROWS = 2
    settings.IMPORT_MAX_XLSX_UNPACKED_SIZE = 3
    settings.IMPORT_MAX_XLSX_CELLS = 4
    assert Limits.from_settings() == Limits(size=1, rows=2, unpacked=3, cells=4)


def test_the_default_limits_of_a_web_page(settings):
    assert settings.IMPORT_MAX_FILE_SIZE == 50 * 1024 * 1024


def test_the_command_line_applies_only_the_limits_of_a_workbook(settings, tmp_path):
    settings.IMPORT_MAX_FILE_SIZE = 10
    settings.IMPORT_MAX_ROWS = 1
    path = tmp_path / "actors.csv"
    path.write_bytes(as_csv(actor_rows(20)))
    call_command("import_table", "actor", str(path), stdout=io.StringIO())
    assert Actor.objects.count() == 20
    assert Limits.for_command_line() == Limits(
        unpacked=settings.IMPORT_MAX_XLSX_UNPACKED_SIZE,
        cells=settings.IMPORT_MAX_XLSX_CELLS,
    )
    assert files.NO_LIMITS == Limits()


def test_rows_ending_in_a_carriage_return_alone_are_counted():
    data = as_csv(actor_rows(11)).replace(b"\n", b"\r")
    with pytest.raises(TableError):
        check_limits(data, "csv", Limits(rows=10))


@pytest.mark.parametrize(
    ("limit", "above"), [(1, True), (2, True), (3, False), (4, False)]
)
def test_a_large_file_is_told_by_its_rows_not_its_line_breaks(limit, above):
    # Three rows under the header; one cell holds two line breaks, and a
    # blank line is no row.
    data = b'slug,name\na,"A\nwith\nbreaks"\n\nb,B\nc,C\n'
    assert files.rows_above(data, "csv", limit) is above
