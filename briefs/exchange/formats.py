"""
File formats for import and export: CSV, XLSX and JSON, safe for spreadsheets.

The rules for a cell's text in a file live here, once, and every door uses
them: the admin's import and export (the formats below), ``import_table`` and
``export_table`` (briefs/exchange/tables/files.py), ``import_brief``.

Formulae. A cell that starts with =, +, -, @, a tab or a carriage return is a
formula to Excel and LibreOffice, so a curator opening an export could run
whatever an imported row smuggled in. django-import-export's own escaping
strips only a leading "=", which changes the data; we prefix such cells with
an apostrophe instead (the spreadsheet convention for "this is text"). A
value that itself starts with an apostrophe gets a second one. Reading takes
an apostrophe off only where it is one of ours, that is where the rest of the
cell starts with one of those characters: an export reads back unchanged, and
a name written by hand as 't Hooft keeps its apostrophe.

XLSX text. A workbook is XML, whose readers turn a carriage return into a line
feed, and which cannot hold most other control characters at all. Office
Open XML writes such a character as _xHHHH_ (its code point in hex), and an
underscore that would otherwise read as the start of one as _x005F_; Excel
and LibreOffice read them back so. openpyxl leaves both to its caller.

Text files are UTF-8, with or without the byte order mark Excel and Notepad
put in front.
"""

import json
import re

from django.utils.translation import gettext
from import_export.formats import base_formats

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")


def escape_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unescape_formula(value):
    if (
        isinstance(value, str)
        and value.startswith("'")
        and value[1:].startswith(FORMULA_TRIGGERS)
    ):
        return value[1:]
    return value


# Control characters but tab and line feed, which XML keeps as they are, and an
# underscore that opens what reads as an escape.
XLSX_ESCAPED = re.compile(r"[\x00-\x08\x0b-\x1f]|_(?=x[0-9A-Fa-f]{4}_)")
XLSX_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def to_xlsx_text(value):
    """A cell's text as an XLSX file holds it: formulae and control characters escaped."""
    value = escape_formula(value)
    if isinstance(value, str):
        return XLSX_ESCAPED.sub(lambda match: f"_x{ord(match[0]):04X}_", value)
    return value


def from_xlsx_text(value):
    """The text of an XLSX cell as it was before ``to_xlsx_text``."""
    if isinstance(value, str) and "_x" in value:
        value = XLSX_ESCAPE.sub(lambda match: chr(int(match[1], 16)), value)
    return unescape_formula(value)


class NotText(ValueError):
    """File bytes that are not UTF-8 text; the message says how to fix them."""


def decode_text(data, format_name):
    """The text of a CSV or JSON file's bytes, or NotText."""
    if data.startswith(b"PK\x03\x04"):
        raise NotText(
            gettext(
                "this is a ZIP archive (an XLSX workbook?), not {format} text."
            ).format(format=format_name)
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start : error.start + 1].hex()
        if format_name == "CSV":
            message = gettext(
                "the file is not UTF-8 text: byte 0x{byte} on line {line} cannot "
                "be read. Save it as UTF-8 (CSV UTF-8 in Excel) and try again."
            )
        else:
            message = gettext(
                "the file is not UTF-8 text: byte 0x{byte} on line {line} cannot "
                "be read. Save it as UTF-8 and try again."
            )
        raise NotText(message.format(byte=byte, line=line)) from None


def parse_json(text):
    """The value of a JSON file's text, or NotText saying where it is not JSON.

    Read by every door that takes JSON (tables, bundles, fixtures), in the
    same words. A file nested thousands deep (``[[[[…``) ends the parser's
    recursion, which is refused as what it is, not as a traceback.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise NotText(
            gettext(
                "the file is not valid JSON: {error} at line {line}, column {column}."
            ).format(error=error.msg, line=error.lineno, column=error.colno)
        ) from None
    except RecursionError:
        raise NotText(
            gettext(
                "the file nests lists or objects hundreds of levels deep, too deep "
                "to read: a table is a list of objects, one a row, and a bundle a "
                "list of fixture objects."
            )
        ) from None


def map_cells(dataset, function):
    """Apply ``function`` to every cell of a tablib dataset, in place."""
    rows = [tuple(function(cell) for cell in row) for row in dataset]
    del dataset[:]
    for row in rows:
        dataset.append(row)
    return dataset


class CSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        map_cells(dataset, escape_formula)
        return super().export_data(dataset, **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        return map_cells(super().create_dataset(in_stream, **kwargs), unescape_formula)


class XLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        map_cells(dataset, to_xlsx_text)
        return super().export_data(dataset, **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        # The library's reader (the app's doors read through import_table)
        # is held to a workbook's limits too, before openpyxl sees it.
        from briefs.exchange.tables.files import Limits, check_limits

        check_limits(in_stream, "xlsx", Limits.for_command_line())
        return map_cells(super().create_dataset(in_stream, **kwargs), from_xlsx_text)


class JSON(base_formats.JSON):
    """JSON is never opened as a spreadsheet: values are written as they are."""


FORMATS = [CSV, XLSX, JSON]
FORMATS_BY_NAME = {"csv": CSV, "xlsx": XLSX, "json": JSON}
