"""
Tables as files: CSV, XLSX and JSON, read a part at a time and written as a
stream, and the limits a file may be held to before any of it is read.

The cells are those of the admin's exports (briefs/exchange/formats.py), so a
file moves between the admin and the command line: text in every format,
formula-like text behind an apostrophe in CSV and XLSX. Reading turns every
cell into text (briefs/exchange/tables/cells.py), which the columns then parse
the same way whatever the format.
"""

import csv
import io
import itertools
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass
from itertools import islice
from xml.etree import ElementTree

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from briefs.exchange.formats import (
    FORMULA_TRIGGERS,
    NotText,
    decode_text,
    from_xlsx_text,
    parse_json,
    to_xlsx_text,
    unescape_formula,
)
from briefs.exchange.tables.cells import cell_text
from briefs.exchange.tables.problems import EMPTY_FILE, Problem, TableError

FORMAT_NAMES = ("csv", "xlsx", "json")


def format_of(path, given=None):
    if given:
        return given
    suffix = str(path).rsplit(".", 1)[-1].lower() if "." in str(path) else ""
    if suffix in FORMAT_NAMES:
        return suffix
    raise TableError(
        [
            Problem(
                None,
                "",
                str(path),
                "cannot tell the format from the file name: give --format csv, xlsx or json.",
            )
        ]
    )


# --- Limits ----------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """How large a file may be, checked before any of it is read; None: no limit.

    The command line takes what the file format can hold (``Limits()``); a
    web page passes the settings (``Limits.from_settings()``), so that one
    upload cannot hold a worker and its memory for minutes.
    """

    size: int | None = None  # bytes of the file
    rows: int | None = None  # rows under the header
    unpacked: int | None = None  # bytes of an XLSX workbook once unzipped

    @classmethod
    def from_settings(cls):
        return cls(
            size=settings.IMPORT_MAX_FILE_SIZE,
            rows=settings.IMPORT_MAX_ROWS,
            unpacked=settings.IMPORT_MAX_XLSX_UNPACKED_SIZE,
        )


NO_LIMITS = Limits()


def check_limits(data, file_format, limits):
    """Refuse a file above ``limits`` with one message, or return None.

    The size of a workbook once unzipped comes from its zip directory, and
    Python's zipfile never unpacks a member past the size the directory
    gives it, so a zip bomb is refused before it is unpacked. Rows are
    counted as cheaply as the format allows: an upper bound first, the exact
    count only when the bound is above the limit.
    """
    if limits.size is not None and len(data) > limits.size:
        raise too_large(len(data), limits.size)
    if file_format == "xlsx" and limits.unpacked is not None:
        unpacked = xlsx_unpacked_size(data)
        if unpacked > limits.unpacked:
            raise file_error(
                f"the workbook is {size_text(len(data))} but unzips to "
                f"{size_text(unpacked)}, and a workbook may unzip to "
                f"{size_text(limits.unpacked)} at most: split it into smaller "
                "files, or save it as CSV."
            )
    if limits.rows is not None and rows_above(data, file_format, limits.rows):
        raise file_error(
            f"it has more than {limits.rows:,} rows, and a file may have "
            f"{limits.rows:,} at most: split it into smaller files."
        )


def too_large(size, limit):
    return file_error(
        f"it is {size_text(size)}, and a file may be "
        f"{size_text(limit)} at most: split it into smaller files."
    )


def size_text(size):
    # Django's words for a size (1.0 KB, 50.0 MB), with a plain space for a terminal.
    return filesizeformat(size).replace("\xa0", " ")


def xlsx_unpacked_size(data):
    """What the members of a workbook add up to once unzipped (0: not a zip)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        return 0  # read_xlsx says what is wrong with it


def rows_above(data, file_format, limit):
    """Whether the file has more than ``limit`` rows under its header."""
    if file_format == "csv":
        # A row ends at a line break (LF, CRLF or CR) or at the end.
        if data.count(b"\n") + data.count(b"\r") <= limit:
            return False
        try:
            text = decode(data, "csv")
            lines = csv.reader(io.StringIO(text, newline=""))
            rows = (line for line in lines if "".join(line).strip())
            # Read no further than the row past the limit.
            return sum(1 for _ in itertools.islice(rows, limit + 2)) - 1 > limit
        except (TableError, csv.Error):
            return False  # read_csv says what is wrong with it
    if file_format == "json":
        if data.count(b"{") <= limit:  # each row is an object
            return False
        try:
            rows = parse_json(decode(data, "json"))
        except (TableError, NotText):
            return False  # read_json says what is wrong with it
        return isinstance(rows, list) and len(rows) > limit
    return xlsx_rows(data) - 1 > limit


CHUNK = 1 << 20
ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s/>]")


def xlsx_rows(data):
    """The rows of a workbook's first sheet, counted in its XML as it unzips.

    openpyxl reads the rows themselves, which is the work a limit is there
    to spare; it offers no count that does not trust the sheet's own word.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            path = first_sheet(archive)
            count, tail = 0, b""
            with archive.open(path) as sheet:
                while chunk := sheet.read(CHUNK):
                    chunk = tail + chunk
                    count += len(ROW_TAG.findall(chunk))
                    # Keep an unfinished tag for the next chunk, not a counted one.
                    cut = max(chunk.rfind(b"<"), len(chunk) - 16)
                    if ROW_TAG.match(chunk, cut):
                        cut = len(chunk)
                    tail = chunk[cut:]
            return count
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, StopIteration):
        return 0  # read_xlsx says what is wrong with it


def first_sheet(archive):
    """The path in the zip of the first sheet, as Excel lists the tabs."""
    names = {
        "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    }
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    sheet = next(iter(workbook.iterfind("main:sheets/main:sheet", names)))
    wanted = sheet.get(f"{{{names['r']}}}id")
    links = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next(
        link.get("Target")
        for link in links.iterfind("rel:Relationship", names)
        if link.get("Id") == wanted
    )
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join("xl", target))


class Table:
    """The header of a file and its rows under it, every cell as text.

    The rows are read again for each pass over them, a part at a time
    (``parts``), so that an import holds a part's rows, not the file's: a CSV
    file is read from its text each time, line by line; a JSON file, which
    has to be parsed whole, and an XLSX workbook are read once and kept.
    """

    def __init__(self, header, count, rows):
        self.header = header
        self.count = count  # rows under the header
        self.read_rows = rows  # a function: an iterator over the rows

    def rows(self):
        return list(self.read_rows())

    def parts(self, size):
        """(index of the first row, the rows) of ``size`` rows at a time, in order."""
        rows = self.read_rows()
        start = 0
        while part := list(islice(rows, size)):
            yield start, part
            start += len(part)


def kept(header, rows):
    return Table(header, len(rows), lambda: iter(rows))


def read_table(data, file_format):
    """The ``Table`` of a file's bytes."""
    if not data.strip():
        raise file_error(EMPTY_FILE)
    reader = {"csv": read_csv, "xlsx": read_xlsx, "json": read_json}[file_format]
    table = reader(data)
    if not table.count:
        raise file_error(
            "the file has a header but no rows: there is nothing to import."
        )
    return table


def file_error(reason, value=""):
    return TableError([Problem(None, "", value, reason)])


def decode(data, file_format):
    try:
        return decode_text(data, file_format.upper())
    except NotText as error:
        raise file_error(str(error)) from None


def read_csv(data):
    """The file is read through once here, to see that it is CSV with rows as
    wide as its header; its rows are read again for each pass over them."""
    text = decode(data, "csv")
    # A NUL in a cell is that cell's problem (the cell rules say so, in every
    # format); one in the header is a file that is not text (UTF-16, binary).
    if "\x00" in text.partition("\n")[0]:
        raise file_error(
            "the file holds binary data (NUL bytes): it is not a CSV file."
        )
    escaped = may_hold_escaped_cells(text)
    del text  # the passes read the bytes, decoding a buffer at a time
    try:
        lines = csv_lines(data)
        header = [cell.strip() for cell in next(lines, None) or []]
        count = 0
        problems = []
        for count, line in enumerate(lines, start=1):
            if len(line) != len(header):
                problems.append(
                    Problem(
                        count,
                        "",
                        "",
                        f"the row has {len(line)} cells, the header has {len(header)}.",
                    )
                )
    except csv.Error as error:
        raise file_error(f"the file is not valid CSV: {error}.") from None
    if not header:
        raise file_error(EMPTY_FILE)
    if problems:
        raise TableError(problems)

    def rows():
        lines = csv_lines(data)
        next(lines)
        if not escaped:
            return lines
        return ([unescape_formula(cell) for cell in line] for line in lines)

    return Table(header, count, rows)


def csv_lines(data):
    """The lines of a CSV file's bytes that hold anything, as lists of cells.

    The text is decoded as it is read (the bytes were checked to be UTF-8):
    the whole text in a StringIO would hold four bytes a character.
    """
    text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
    return (line for line in csv.reader(text, strict=True) if "".join(line).strip())


def may_hold_escaped_cells(text):
    """Whether any cell may start with an apostrophe; most files have none.

    A cell starts at the start of the text, after a comma or a line break,
    or after the quote that opens it.
    """
    return text.startswith(("'", "\"'")) or any(
        mark in text for mark in (",'", "\n'", "\r'", ",\"'", "\n\"'", "\r\"'")
    )


def read_xlsx(data):
    from openpyxl import load_workbook

    if not data.startswith(b"PK\x03\x04"):
        raise file_error("the file is not an XLSX workbook.")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        lines = [
            [cell_text(cell) for cell in line]
            for line in workbook.worksheets[0].iter_rows(values_only=True)
        ]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise file_error(
            f"the file is not a readable XLSX workbook: {error}."
        ) from None
    if formulas := uncached_formulas(data):
        raise TableError(formula_problems(lines, formulas))
    lines = [line for line in lines if "".join(line).strip()]
    if not lines:
        raise file_error("the workbook's first sheet is empty.")
    header = [cell.strip() for cell in lines[0]]
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    header = header[:width]
    rows = [[from_xlsx_text(cell) for cell in line[:width]] for line in lines[1:]]
    rows = [row + [""] * (width - len(row)) for row in rows]
    return kept(header, rows)


# The rule of a cell that is a formula: its value as last computed is read,
# as the spreadsheet showed it; one never computed (a workbook a program
# wrote) has no value to read, and is refused rather than read as empty.
FORMULA = (
    "a formula, not a value, and the workbook keeps no value of it: paste "
    "the values (copy the cells, then Paste Special → Values) and save it again."
)
CELL_REFERENCE = re.compile(r"([A-Z]+)([0-9]+)")


def uncached_formulas(data):
    """{(row, column) of the first sheet, counted from 1 and 0: the formula}
    of each formula cell that holds no value. openpyxl reads such a cell as
    empty, and tells a formula from its value only when reading the one or
    the other."""
    found = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        path = first_sheet(archive)
        if not holds_formulas(archive, path):
            return found  # most workbooks: only one quick pass over the bytes
        with archive.open(path) as sheet:
            for _event, cell in ElementTree.iterparse(sheet):
                if cell.tag.rpartition("}")[2] != "c":
                    continue
                parts = {child.tag.rpartition("}")[2]: child for child in cell}
                if "f" in parts and not (
                    parts.get("v") is not None and parts["v"].text
                ):
                    letters, row = CELL_REFERENCE.fullmatch(cell.get("r", "")).groups()
                    column = 0
                    for letter in letters:
                        column = column * 26 + ord(letter) - 64
                    found[int(row), column - 1] = "=" + (parts["f"].text or "")
                cell.clear()
    return found


FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s/>]")


def holds_formulas(archive, path):
    """Whether a sheet's XML has any formula element, read a chunk at a time."""
    tail = b""
    with archive.open(path) as sheet:
        while chunk := sheet.read(CHUNK):
            if FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def formula_problems(lines, formulas):
    """Each formula without a value, by the row under the header and column."""
    numbered, header = {}, None
    for sheet_row, line in enumerate(lines, start=1):
        held = any(row == sheet_row for row, _column in formulas)
        if header is None:
            if "".join(line).strip():
                header = [cell.strip() for cell in line]
            continue
        if held or "".join(line).strip():
            numbered[sheet_row] = len(numbered) + 1
    return [
        Problem(
            numbered.get(row),
            header[column] if header and column < len(header) else "",
            formula,
            FORMULA,
        )
        for (row, column), formula in sorted(formulas.items())
    ]


def read_json(data):
    try:
        objects = parse_json(decode_text(data, "JSON"))
    except NotText as error:
        raise file_error(str(error)) from None
    if not isinstance(objects, list) or not all(
        isinstance(item, dict) for item in objects
    ):
        raise file_error("the JSON file must be a list of objects, one per row.")
    header = []
    for item in objects:
        header.extend(key for key in item if key not in header)
    rows = []
    problems = []
    for number, item in enumerate(objects, start=1):
        row = []
        for column in header:
            value = item.get(column)
            try:
                row.append(cell_text(value))
            except TypeError as error:
                problems.append(Problem(number, column, str(value), str(error)))
        rows.append(row)
    if problems:
        raise TableError(problems)
    return kept(header, rows)


# --- Writing -------------------------------------------------------------------


class TableWriter:
    """Writes a header and then rows, one at a time, to a binary stream."""

    def __init__(self, stream, header):
        self.stream = stream
        self.header = header


class CSVWriter(TableWriter):
    """CSV with LF line ends, quoted as PostgreSQL's COPY quotes it.

    So a table exports the same bytes from SQLite and from PostgreSQL, where
    the server writes the file itself (briefs/exchange/tables/exporting.py).
    """

    def __init__(self, stream, header):
        super().__init__(stream, header)
        self.text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        self.writer = csv.writer(self.text, lineterminator="\n")
        self.writer.writerow(header)

    def write(self, cells):
        cells = [
            "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell for cell in cells
        ]
        if "\r" in "".join(cells):
            self.write_quoting_carriage_returns(cells)
        else:
            self.writer.writerow(cells)

    def write_quoting_carriage_returns(self, cells):
        # csv quotes a cell holding a character of the line end only: with LF
        # line ends, a lone CR would go out bare and read back as a line break.
        # A CRLF writer quotes it; its line end is then put back to LF.
        line = io.StringIO()
        csv.writer(line, lineterminator="\r\n").writerow(cells)
        self.text.write(line.getvalue()[:-2] + "\n")

    def close(self):
        self.text.flush()
        self.text.detach()


class JSONWriter(TableWriter):
    """A list of objects, one per line, so a large export stays greppable."""

    def __init__(self, stream, header):
        super().__init__(stream, header)
        self.text = io.TextIOWrapper(stream, encoding="utf-8", newline="\n")
        self.separator = "[\n"

    def write(self, cells):
        row = json.dumps(dict(zip(self.header, cells, strict=True)), ensure_ascii=False)
        self.text.write(self.separator + row)
        self.separator = ",\n"

    def close(self):
        self.text.write("[]\n" if self.separator == "[\n" else "\n]\n")
        self.text.flush()
        self.text.detach()


class XLSXWriter(TableWriter):
    """openpyxl's write-only mode keeps rows on disk, not in memory.

    Cells are text, as in the admin's XLSX exports, so a value reads back
    exactly as it was written.
    """

    def __init__(self, stream, header):
        from openpyxl import Workbook

        super().__init__(stream, header)
        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet()
        self.sheet.append(header)

    def write(self, cells):
        self.sheet.append([to_xlsx_text(cell) for cell in cells])

    def close(self):
        self.workbook.save(self.stream)


WRITERS = {"csv": CSVWriter, "json": JSONWriter, "xlsx": XLSXWriter}
