"""
How a cell of each kind of field is read from a file and written to one.

One rule for each kind (booleans, whole numbers, decimals, dates, dates with
a time, text, a slug, a list of slugs), and one message for each way a cell
can break it, saying what was wrong and how to write it instead. A cell is
text whatever the format: ``cell_text`` turns what an XLSX or JSON file
holds into the text a CSV file would, so an empty XLSX cell is empty text,
as in CSV, never None.

``import_table`` and ``export_table`` read and write every column through
these rules (briefs/exchange/tables/columns.py); the admin's import is to use
them too, so that a file gives the same rows whatever door it comes in by.
The limits a field sets (blank, length, choices, validators) are the field's
own, checked in columns.py with Django's messages.

Partial dates are three cells: the date (a day, the first of its period),
its precision and whether it is approximate; the model moves the date to the
start of the period (briefs/dates.py).
"""

import datetime
import decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext

from briefs.domain.rules import NUL_IN_TEXT

TRUE = frozenset({"1", "true", "yes", "y", "t"})
FALSE = frozenset({"0", "false", "no", "n", "f"})


def read_boolean(cell):
    text = cell.strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValidationError(
        gettext("“{cell}” is not true or false: write 1 or 0 (or yes or no).").format(
            cell=cell
        ),
        code="boolean",
    )


def write_boolean(value):
    return "" if value is None else "1" if value else "0"


def read_integer(cell):
    try:
        return int(cell.strip())
    except ValueError:
        raise ValidationError(
            gettext(
                "“{cell}” is not a whole number: write digits only, such as 12."
            ).format(cell=cell),
            code="integer",
        ) from None


def read_decimal(cell):
    try:
        value = decimal.Decimal(cell.strip())
    except decimal.InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ValidationError(
            gettext(
                "“{cell}” is not a number: write it with a decimal point, such as 2.5."
            ).format(cell=cell),
            code="decimal",
        )
    return value


def read_date(cell):
    try:
        return datetime.date.fromisoformat(cell.strip())
    except ValueError:
        raise ValidationError(
            gettext(
                "“{cell}” is not a date: write it as YYYY-MM-DD, such as 2025-06-21."
            ).format(cell=cell),
            code="date",
        ) from None


def write_date(value):
    return "" if value is None else value.isoformat()


def read_datetime(cell):
    try:
        value = datetime.datetime.fromisoformat(cell.strip())
    except ValueError:
        raise ValidationError(
            gettext(
                "“{cell}” is not a date and time: write it as 2025-07-15T10:00:00+02:00."
            ).format(cell=cell),
            code="datetime",
        ) from None
    # A time without an offset is local time, as in the admin's import.
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def write_datetime(value):
    return "" if value is None else timezone.localtime(value).isoformat()


def read_text(cell):
    return cell


def write_text(value):
    return "" if value is None else str(value)


def read_slug(cell):
    """A related row's slug, or None for an empty cell."""
    return cell.strip() or None


def write_slug(value):
    return value or ""


def read_slug_list(cell):
    """Slugs separated by commas, in order, each once; empty parts are skipped."""
    return tuple(sorted({slug.strip() for slug in cell.split(",") if slug.strip()}))


def empty_value(field):
    """What an empty cell stands for: None where the field may be null, False
    for a boolean, empty text for text."""
    if field.null:
        return None
    if isinstance(field, models.BooleanField):
        return False
    return "" if field.empty_strings_allowed else None


# The rule of each kind of field: how a non-empty cell is read into the
# field's value, and how a value is written. The first kind a field is an
# instance of is its kind: a DateTimeField is also a DateField.
RULES = [
    (models.BooleanField, read_boolean, write_boolean),
    (models.DateTimeField, read_datetime, write_datetime),
    (models.DateField, read_date, write_date),
    (models.IntegerField, read_integer, write_text),
    (models.DecimalField, read_decimal, write_text),
    (models.CharField | models.TextField, read_text, write_text),
]


def rule_of(field):
    for kind, read, write in RULES:
        if isinstance(field, kind):
            return read, write
    raise TypeError(
        f"{field.name}: no rule reads a cell into a {type(field).__name__}; add "
        "one to briefs/exchange/tables/cells.py."
    )


def reader(field):
    """The rule that reads a non-empty cell into the field's Python value."""
    return rule_of(field)[0]


def writer(field):
    """The rule that writes the field's value as a cell; None where the value
    already is its own text (text that cannot be null)."""
    if isinstance(field, models.CharField | models.TextField) and not field.null:
        return None
    return rule_of(field)[1]


def cell_text(value):
    """What a cell of an XLSX or JSON file holds, as the text a CSV cell would."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return write_boolean(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float | str | decimal.Decimal):
        return str(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ",".join(value)
    raise TypeError(
        gettext("a cell holds text, a number, true/false, null or a list of slugs.")
    )


def read_cell(field, value):
    """One value of a JSON file (a bundle's field) read by the rule of its
    field, as a table's column reads it: the same words for the same cell
    (no NUL first, whatever the field reads). ValidationError if it breaks one."""
    try:
        text = cell_text(value)
    except TypeError as error:
        raise ValidationError(str(error), code="cell") from None
    if "\x00" in text:
        raise ValidationError(NUL_IN_TEXT, code="nul")
    if text == "":
        if not field.blank:  # as a table's column says of an empty cell
            raise ValidationError(field.error_messages["blank"], code="blank")
        return empty_value(field)
    try:
        read = reader(field)
    except TypeError:
        return field.to_python(value)  # a field no table has
    return read(text)
