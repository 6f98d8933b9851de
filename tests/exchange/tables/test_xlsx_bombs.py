"""Workbooks that unzip to far more than they weigh (issue 19, finding 4).

A workbook is refused by what its zip directory says it unzips to before any
of it is unzipped, then by the bytes, rows and cells of its first sheet
counted as it unzips, before openpyxl parses a cell; openpyxl's cells are
counted again as they stream. The bombs are built by
briefs/synthetic/workbooks.py, which deflates one block of rows and repeats
it, so a test makes a sheet of hundreds of megabytes in a fraction of a second.
"""

import io
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from pytest_django.asserts import assertContains, assertNotContains

from briefs import models
from briefs.exchange.tables import TableError, import_table
from briefs.exchange.tables.files import Limits, read_table
from briefs.synthetic import workbooks
from tests.helpers import admin_upload

pytestmark = pytest.mark.django_db

HEADER = ["slug", "name"]
MB = 1024 * 1024


def wide_bomb(rows=20_000, width=1_450):
    """The finding's first workbook: 0.9 MB, 20,000 rows of 1,450 cells, 435 MB unzipped."""
    return workbooks.bomb(HEADER, workbooks.number_row(width), rows)


@pytest.fixture
def nothing_parsed(monkeypatch):
    """openpyxl must not be asked to read the workbook."""

    def load_workbook(*args, **kwargs):
        raise AssertionError("the workbook was parsed before its limits were checked")

    monkeypatch.setattr(openpyxl, "load_workbook", load_workbook)
    monkeypatch.setattr("openpyxl.reader.excel.load_workbook", load_workbook)


@pytest.fixture
def sheet_reads(monkeypatch):
    """The bytes of the first sheet unzipped, counted as zipfile hands them out."""
    unzipped = []
    read = zipfile.ZipExtFile.read

    def counted(self, n=-1):
        data = read(self, n)
        if self.name == workbooks.SHEET:
            unzipped.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counted)
    return unzipped


def refusal(data, limits, file_name="bomb.xlsx"):
    with pytest.raises(TableError) as raised:
        import_table("author", data, "xlsx", limits=limits, file_name=file_name)
    assert not models.Author.objects.exists()
    [problem] = raised.value.problems
    return str(problem)


def test_a_workbook_of_more_cells_than_allowed_is_refused_before_it_is_parsed(
    settings, nothing_parsed, sheet_reads
):
    data = wide_bomb()
    assert len(data) < MB
    sheet_reads.clear()  # what building it read
    message = refusal(data, Limits.from_settings())
    assert message == (
        "The file: the workbook “bomb.xlsx” has more than 4,000,000 cells in its "
        "first sheet, and a workbook may have 4,000,000 at most: split it into "
        "smaller files, or save it as CSV."
    )
    # Counting stopped at the limit: 15 bytes a cell, not the 435 MB of the sheet.
    assert sum(sheet_reads) < 70 * MB


def test_a_workbook_whose_directory_says_it_unzips_too_far_is_refused_unzipped(
    sheet_reads,
):
    data = workbooks.bomb(HEADER, workbooks.number_row(1_450), 48_300)  # 1.05 GB
    sheet_reads.clear()  # what building it read
    message = refusal(data, Limits.from_settings())
    assert message.startswith("The file: the workbook “bomb.xlsx” is 2.")
    assert message.endswith(
        "but unzips to 1002.4 MB, and a workbook may unzip to 500.0 MB at most: "
        "split it into smaller files, or save it as CSV."
    )
    assert not sheet_reads


def test_a_workbook_whose_directory_lies_is_refused_as_it_unzips(sheet_reads):
    # The directory gives the sheet 10 KB; it holds 6 MB.
    data = workbooks.bomb(
        HEADER, workbooks.inline_row(["a", "A"]), 150_000, declared_size=10_000
    )
    sheet_reads.clear()  # what building it read
    message = refusal(data, Limits(unpacked=MB))
    assert "not a readable XLSX workbook" in message
    assert sum(sheet_reads) <= 10_000


def test_the_unzipped_bytes_are_counted_as_the_sheet_unzips(monkeypatch, sheet_reads):
    # Were the directory's sizes not summed first, the scan stops at the limit.
    monkeypatch.setattr(
        "briefs.exchange.tables.files.xlsx_unpacked_size", lambda data: 0
    )
    data = workbooks.bomb(HEADER, workbooks.inline_row(["a", "A"]), 400_000)
    sheet_reads.clear()  # what building it read
    message = refusal(data, Limits(unpacked=2 * MB))
    assert "has a first sheet that unzips to more than 2.0 MB" in message
    assert sum(sheet_reads) < 4 * MB


def test_cells_are_counted_again_as_openpyxl_reads_them():
    # One cell a row in the XML, at the last column: openpyxl hands each row
    # out 16,384 cells wide, so the cells read are counted as they stream.
    row = b'<row><c r="XFD1"><v>1</v></c></row>'
    data = workbooks.bomb(HEADER, row, 200)
    message = refusal(data, Limits(cells=100_000))
    assert "has more than 100,000 cells in its first sheet" in message


def test_a_sheet_that_names_a_larger_size_than_it_has_is_read_by_its_rows():
    # Excel writes the sheet's extent; a hostile file makes it a million rows
    # of 16,384 columns, which openpyxl would fill out row by row.
    members = unzipped(workbooks.bomb(HEADER, workbooks.inline_row(["a", "A"]), 3))
    members[workbooks.SHEET] = members[workbooks.SHEET].replace(
        b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>'
    )
    table = read_table(zipped(members), "xlsx", Limits(cells=100))
    assert table.rows() == [["a", "A"]] * 3


def unzipped(data):
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return {name: source.read(name) for name in source.namelist()}


def zipped(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)
    return out.getvalue()


def test_the_text_of_shared_cells_is_counted_as_they_stream():
    # A shared string of 32 KB named by each cell: a small sheet, whose cells
    # hold 64 MB of text.
    text = "x" * 32_000
    strings = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="1" uniqueCount="1"><si><t>{text}</t></si></sst>'
    ).encode()
    row = b'<row><c t="s"><v>0</v></c><c t="s"><v>0</v></c></row>'
    data = with_shared_strings(workbooks.bomb(HEADER, row, 1_000), strings)
    message = refusal(data, Limits(unpacked=10 * MB))
    assert "has cells holding more than 10.0 MB of text" in message


def with_shared_strings(data, strings):
    members = unzipped(data)
    members["xl/sharedStrings.xml"] = strings
    members["xl/_rels/workbook.xml.rels"] = members[
        "xl/_rels/workbook.xml.rels"
    ].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas'
        b'.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
        b"</Relationships>",
    )
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    return zipped(members)


def test_a_bomb_is_refused_in_the_same_words_at_the_admin_and_the_command_line(
    editor_client, nothing_parsed, tmp_path
):
    data = wide_bomb()
    preview = admin_upload(editor_client, models.Author, data, "bomb.xlsx", "XLSX")
    assert preview.status_code == 200
    assertNotContains(preview, "Confirm import")
    [in_the_admin] = preview.context["problems"]
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(data)
    errors = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_table", "author", str(path), stderr=errors)
    assert errors.getvalue().strip() == str(in_the_admin)
    assertContains(preview, "more than 4,000,000 cells")
    assert not models.Author.objects.exists()


def test_the_admin_refuses_a_bomb_before_it_counts_its_rows(editor_client, sheet_reads):
    # The finding's second workbook: it was unzipped whole, to count its rows
    # for the choice of a background job, before its size was checked.
    data = workbooks.bomb(HEADER, workbooks.number_row(1_450), 48_300)
    sheet_reads.clear()  # what building it read
    preview = admin_upload(editor_client, models.Author, data, "big.xlsx", "XLSX")
    assertContains(preview, "but unzips to 1002.4 MB")
    assert not sheet_reads


def test_the_command_line_holds_only_the_header_s_cells_of_a_wide_sheet(tmp_path):
    # 100 rows of 1,000 cells under a header of two: what is kept is the
    # two, not the sheet's 100,000 cells.
    row = workbooks.inline_row(["a", "A"])[:-6] + b"<c><v>1</v></c>" * 998 + b"</row>"
    path = tmp_path / "wide.xlsx"
    path.write_bytes(workbooks.bomb(HEADER, row, 100))
    tracemalloc.start()
    try:
        with pytest.raises(CommandError):  # 100 rows named "a": a key given twice
            call_command("import_table", "author", str(path), stderr=io.StringIO())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    print(peak)
    assert peak < 3 * MB
