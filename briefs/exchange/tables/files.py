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
import zlib
from dataclasses import dataclass
from itertools import islice
from xml.etree import ElementTree

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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
                gettext(
                    "cannot tell the format from the file name: give --format "
                    "csv, xlsx or json."
                ),
            )
        ]
    )


# --- Limits ----------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """How large a file may be, checked before any of it is read; None: no limit.

    A web page passes the settings (``Limits.from_settings()``), so that one
    upload cannot hold a worker and its memory for minutes. The command line
    takes any size and any number of rows, but a workbook is held to what it
    may unzip to and the cells it may have at every door
    (``Limits.for_command_line()``): a file of a megabyte can unzip to
    gigabytes, and a table larger than that travels as CSV, which streams.
    """

    size: int | None = None  # bytes of the file
    rows: int | None = None  # rows under the header
    unpacked: int | None = None  # bytes of an XLSX workbook once unzipped
    cells: int | None = None  # cells of an XLSX workbook's first sheet

    @classmethod
    def from_settings(cls):
        return cls(
            size=settings.IMPORT_MAX_FILE_SIZE,
            rows=settings.IMPORT_MAX_ROWS,
            unpacked=settings.IMPORT_MAX_XLSX_UNPACKED_SIZE,
            cells=settings.IMPORT_MAX_XLSX_CELLS,
        )

    @classmethod
    def for_command_line(cls):
        return cls(
            unpacked=settings.IMPORT_MAX_XLSX_UNPACKED_SIZE,
            cells=settings.IMPORT_MAX_XLSX_CELLS,
        )


NO_LIMITS = Limits()


def check_limits(data, file_format, limits, file_name=""):
    """Refuse a file above ``limits`` with one message, or return None.

    A workbook is refused by what its zip directory says its members unzip
    to, before anything is unzipped; then its first sheet is unzipped a
    buffer at a time and its bytes, rows and cells counted, stopping as soon
    as one passes its limit, as the directory may lie (``scan_sheet``). Rows
    of a text file are counted as cheaply as the format allows: an upper
    bound first, the exact count only when the bound is above the limit.
    """
    if limits.size is not None and len(data) > limits.size:
        raise too_large(len(data), limits.size)
    if file_format == "xlsx":
        above = limits != NO_LIMITS and workbook_rows_above(data, limits, file_name)
    else:
        above = limits.rows is not None and rows_above(data, file_format, limits.rows)
    if above:
        raise file_error(
            gettext(
                "it has more than {rows:,} rows, and a file may have {rows:,} at "
                "most: split it into smaller files."
            ).format(rows=limits.rows)
        )


def workbook_rows_above(data, limits, file_name):
    """Refuse a workbook past what it may unzip to or its cells; say whether
    it has more rows than ``limits.rows``."""
    if limits.unpacked is not None:
        unpacked = xlsx_unpacked_size(data)
        if unpacked > limits.unpacked:
            raise unzips_too_far(
                gettext("is {size} but unzips to {unpacked}").format(
                    size=size_text(len(data)), unpacked=size_text(unpacked)
                ),
                limits,
                file_name,
            )
    sheet = scan_sheet(
        data,
        rows=None if limits.rows is None else limits.rows + 1,
        cells=limits.cells,
        unpacked=limits.unpacked,
    )
    if limits.unpacked is not None and sheet.unpacked > limits.unpacked:
        raise unzips_too_far(
            gettext("has a first sheet that unzips to more than {size}").format(
                size=size_text(limits.unpacked)
            ),
            limits,
            file_name,
        )
    if limits.cells is not None and sheet.cells > limits.cells:
        raise too_many_cells(limits, file_name)
    return limits.rows is not None and sheet.rows - 1 > limits.rows


def too_large(size, limit):
    return file_error(
        gettext(
            "it is {size}, and a file may be {limit} at most: split it into "
            "smaller files."
        ).format(size=size_text(size), limit=size_text(limit))
    )


def workbook_named(file_name):
    if file_name:
        return gettext("the workbook “{name}”").format(name=file_name)
    return gettext("the workbook")


def unzips_too_far(what, limits, file_name):
    return file_error(
        gettext(
            "{workbook} {what}, and a workbook may unzip to {size} at most: "
            "split it into smaller files, or save it as CSV."
        ).format(
            workbook=workbook_named(file_name),
            what=what,
            size=size_text(limits.unpacked),
        )
    )


def too_many_cells(limits, file_name):
    return file_error(
        gettext(
            "{workbook} has more than {cells:,} cells in its first sheet, and a "
            "workbook may have {cells:,} at most: split it into smaller files, "
            "or save it as CSV."
        ).format(workbook=workbook_named(file_name), cells=limits.cells)
    )


def size_text(size):
    # Django's words for a size (1.0 KB, 50.0 MB), with a plain space for a terminal.
    return filesizeformat(size).replace("\xa0", " ")


def xlsx_unpacked_size(data):
    """What the members of a workbook add up to once unzipped, as its directory says (0: not a zip)."""
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
    return scan_sheet(data, rows=limit + 1).rows - 1 > limit


def xlsx_rows(data):
    """The rows of a workbook's first sheet, counted in its XML as it unzips."""
    return scan_sheet(data).rows


CHUNK = 1 << 20


@dataclass
class SheetCount:
    """What a sheet's XML holds, as far as it was read."""

    rows: int = 0
    cells: int = 0
    unpacked: int = 0


class Tags:
    """Counts the elements named ``tag`` in a stream of XML bytes.

    The XML is counted in the sheet's own words, not read into elements:
    openpyxl (or expat under it) is twenty times slower, and a limit is
    there to spare that work. A regular expression with a literal start
    skips to each ``<row`` at the speed of ``bytes.count``, and tells it from
    a name that only starts so (``<rowBreaks``) by the character after it.
    """

    def __init__(self, prefix, name):
        self.start = b"<" + prefix + name
        self.pattern = re.compile(re.escape(self.start) + rb"[\s/>]")

    def count(self, buffer, end):
        """The elements that start before ``end`` in ``buffer`` (which holds their names)."""
        return len(self.pattern.findall(buffer, 0, end + len(self.start) + 1))

    def at_most(self, buffer, end):
        """``count``'s upper bound, in one pass: every name that starts so.

        A cell may come every fifteen bytes, where a regular expression
        makes a match of each (four times slower); the names that only start
        so (columns ``<col>``, conditional formats ``<cfRule>``, a rich text's
        ``<color>``) are a handful in a sheet, and the cells openpyxl then
        reads are counted exactly (``xlsx_lines``).
        """
        return buffer.count(self.start, 0, end + len(self.start))


ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")


def scan_sheet(data, *, rows=None, cells=None, unpacked=None):
    """The rows, cells (at most) and bytes of a workbook's first sheet, counted as it unzips.

    Stops as soon as a count passes its limit, so that no more is unzipped
    than the limits allow, whatever the zip's directory says. openpyxl reads
    the rows themselves, which is the work a limit is there to spare; it
    offers no count that does not trust the sheet's own word.
    """
    count = SheetCount()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            path = first_sheet(archive)
            with archive.open(path) as sheet:
                first = sheet.read(CHUNK)
                root = ROOT.search(first)
                prefix = (root[1] + b":") if root and root[1] else b""
                row_tags, cell_tags = Tags(prefix, b"row"), Tags(prefix, b"c")
                # A name cut at the end of a buffer is counted with the next.
                keep = len(row_tags.start) + 1
                buffer, chunk = b"", first
                while chunk:
                    count.unpacked += len(chunk)
                    buffer += chunk
                    end = max(len(buffer) - keep, 0)
                    count.rows += row_tags.count(buffer, end)
                    count.cells += cell_tags.at_most(buffer, end)
                    buffer = buffer[end:]
                    if (
                        passed(count.rows, rows)
                        or passed(count.cells, cells)
                        or passed(count.unpacked, unpacked)
                    ):
                        return count
                    chunk = sheet.read(CHUNK)
                count.rows += row_tags.count(buffer, len(buffer))
                count.cells += cell_tags.at_most(buffer, len(buffer))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, StopIteration):
        pass  # read_xlsx says what is wrong with it
    except (zlib.error, EOFError):
        pass  # damaged: read_xlsx says so too
    return count


def passed(count, limit):
    return limit is not None and count > limit


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

    def parts(self, size, first=None):
        """(index of the first row, the rows) of ``size`` rows at a time, in
        order; the first part of ``first`` rows, if given."""
        rows = self.read_rows()
        start = 0
        while part := list(islice(rows, first or size)):
            yield start, part
            start += len(part)
            first = None


def kept(header, rows):
    return Table(header, len(rows), lambda: iter(rows))


def read_table(data, file_format, limits=NO_LIMITS, file_name=""):
    """The ``Table`` of a file's bytes; a workbook is held to ``limits`` as it is read."""
    if not data.strip():
        raise file_error(EMPTY_FILE)
    if file_format == "xlsx":
        table = read_xlsx(data, limits, file_name)
    else:
        table = {"csv": read_csv, "json": read_json}[file_format](data)
    if not table.count:
        raise file_error(
            gettext("the file has a header but no rows: there is nothing to import.")
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
            gettext("the file holds binary data (NUL bytes): it is not a CSV file.")
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
                        gettext(
                            "the row has {cells} cells, the header has {header}."
                        ).format(cells=len(line), header=len(header)),
                    )
                )
    except csv.Error as error:
        raise file_error(
            gettext("the file is not valid CSV: {error}.").format(error=error)
        ) from None
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
    # A file without an apostrophe is settled in one pass; the six below
    # take 60 ms on 11 MB, before the database has anything to do.
    if "'" not in text:
        return False
    return text.startswith(("'", "\"'")) or any(
        mark in text for mark in (",'", "\n'", "\r'", ",\"'", "\n\"'", "\r\"'")
    )


def read_xlsx(data, limits=NO_LIMITS, file_name=""):
    """The rows of a workbook's first sheet, read as they stream from its XML.

    openpyxl's read-only mode parses the sheet a row at a time. Its cells
    are counted as they come, and the text they hold, so that a sheet the
    scan let through (``check_limits``) cannot make more of itself here: a
    sheet's own word on its size is not taken (it would have every row
    filled out to it), and a cell past the header is read no further than to
    see that the row holds something. The rows under the header are kept,
    as wide as the header.
    """
    from openpyxl import load_workbook

    if not data.startswith(b"PK\x03\x04"):
        raise file_error(gettext("the file is not an XLSX workbook."))
    try:
        formulas = uncached_formulas(data)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            header, rows, numbered = xlsx_lines(
                workbook.worksheets[0], limits, file_name, {row for row, _ in formulas}
            )
        finally:
            workbook.close()
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        KeyError,
        ValueError,
        OSError,
        SyntaxError,
    ) as error:
        raise file_error(
            gettext("the file is not a readable XLSX workbook: {error}.").format(
                error=error
            )
        ) from None
    if formulas:
        raise TableError(formula_problems(header, numbered, formulas))
    if header is None:
        raise file_error(gettext("the workbook's first sheet is empty."))
    return kept(header, rows)


def xlsx_lines(sheet, limits, file_name, formula_rows=frozenset()):
    """The header of a sheet, its rows under it, counted against ``limits``,
    and {sheet row: row under the header} of the rows in ``formula_rows``
    (a formula without a value reads as empty, yet its row is a row)."""
    sheet.reset_dimensions()
    header, width, rows, numbered = None, 0, [], {}
    cells = text = 0
    lines = sheet.iter_rows(min_row=1, min_col=1, values_only=True)
    for sheet_row, line in enumerate(lines, start=1):
        cells += len(line)
        if passed(cells, limits.cells):
            raise too_many_cells(limits, file_name)
        if header is None:
            line = [cell_text(cell) for cell in line]
            if not "".join(line).strip():
                continue
            header = [cell.strip() for cell in line]
            width = len(header)
            while width and not header[width - 1]:
                width -= 1
            header = header[:width]
            continue
        row = [from_xlsx_text(cell_text(cell)) for cell in line[:width]]
        if sheet_row in formula_rows:
            numbered[sheet_row] = len(rows) + 1
        elif not "".join(row).strip() and not holds_anything(line[width:]):
            continue
        text += sum(map(len, row))
        if passed(text, limits.unpacked):
            raise unzips_too_far(
                gettext("has cells holding more than {size} of text").format(
                    size=size_text(limits.unpacked)
                ),
                limits,
                file_name,
            )
        rows.append(row + [""] * (width - len(row)))
    return header, rows, numbered


def holds_anything(values):
    return any(
        value is not None and (not isinstance(value, str) or value.strip())
        for value in values
    )


# The rule of a cell that is a formula: its value as last computed is read,
# as the spreadsheet showed it; one never computed (a workbook a program
# wrote) has no value to read, and is refused rather than read as empty.
FORMULA = _(
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


def formula_problems(header, numbered, formulas):
    """Each formula without a value, by the row under the header and column."""
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
        raise file_error(
            gettext("the JSON file must be a list of objects, one per row.")
        )
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
