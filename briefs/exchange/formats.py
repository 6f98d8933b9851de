"""
File formats for import and export: CSV, XLSX and JSON, safe for spreadsheets.

A cell that starts with =, +, -, @, a tab or a carriage return is a formula
to Excel and LibreOffice, so a curator opening an export could run whatever
an imported row smuggled in. django-import-export's own escaping strips only
a leading "=", which changes the data; we prefix such cells with an
apostrophe instead (the spreadsheet convention for "this is text") and take
the apostrophe off again on import, so an export imports back unchanged.
A value that itself starts with an apostrophe gets a second one, which keeps
the escaping reversible.
"""

from import_export.formats import base_formats

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")


def escape_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unescape_formula(value):
    if isinstance(value, str) and value.startswith("'"):
        return value[1:]
    return value


def map_cells(dataset, function):
    """Apply ``function`` to every cell of a tablib dataset, in place."""
    rows = [tuple(function(cell) for cell in row) for row in dataset]
    del dataset[:]
    for row in rows:
        dataset.append(row)
    return dataset


class SpreadsheetSafeMixin:
    def export_data(self, dataset, **kwargs):
        map_cells(dataset, escape_formula)
        return super().export_data(dataset, **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        return map_cells(super().create_dataset(in_stream, **kwargs), unescape_formula)


class CSV(SpreadsheetSafeMixin, base_formats.CSV):
    pass


class XLSX(SpreadsheetSafeMixin, base_formats.XLSX):
    pass


class JSON(base_formats.JSON):
    """JSON is never opened as a spreadsheet: values are written as they are."""


FORMATS = [CSV, XLSX, JSON]
FORMATS_BY_NAME = {"csv": CSV, "xlsx": XLSX, "json": JSON}
