"""The cell rules of the table engine (briefs/exchange/tables/cells.py): one rule
for each kind of field, one message for each way a cell breaks it."""

import datetime
import decimal
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from openpyxl import Workbook

from briefs.exchange.resources import RESOURCES
from briefs.exchange.tables import TableError, cells, import_table
from briefs.exchange.tables.columns import ValueColumn, columns_of
from briefs.models import Actor, Meeting
from tests.factories import make_meeting

TRUTHS = ["1", "true", "True", "YES", "yes", "y", "t", " 1 "]
FALSEHOODS = ["0", "false", "FALSE", "no", "n", "f", "0 "]


@pytest.mark.parametrize("cell", TRUTHS)
def test_a_boolean_cell_reads_yes_true_and_1_as_true(cell):
    assert cells.read_boolean(cell) is True


@pytest.mark.parametrize("cell", FALSEHOODS)
def test_a_boolean_cell_reads_no_false_and_0_as_false(cell):
    assert cells.read_boolean(cell) is False


def message_of(rule, cell):
    with pytest.raises(ValidationError) as raised:
        rule(cell)
    [message] = raised.value.messages
    return message


@pytest.mark.parametrize(
    ("rule", "cell", "message"),
    [
        (
            cells.read_boolean,
            "maybe",
            "“maybe” is not true or false: write 1 or 0 (or yes or no).",
        ),
        (
            cells.read_integer,
            "12.5",
            "“12.5” is not a whole number: write digits only, such as 12.",
        ),
        (
            cells.read_decimal,
            "1,5",
            "“1,5” is not a number: write it with a decimal point, such as 2.5.",
        ),
        (
            cells.read_decimal,
            "NaN",
            "“NaN” is not a number: write it with a decimal point, such as 2.5.",
        ),
        (
            cells.read_date,
            "21/06/2025",
            "“21/06/2025” is not a date: write it as YYYY-MM-DD, such as 2025-06-21.",
        ),
        (
            cells.read_datetime,
            "yesterday",
            "“yesterday” is not a date and time: write it as "
            "2025-07-15T10:00:00+02:00.",
        ),
    ],
)
def test_each_rule_says_what_is_wrong_and_how_to_write_it(rule, cell, message):
    assert message_of(rule, cell) == message


def test_values_are_read_as_the_field_holds_them():
    assert cells.read_decimal(" 2.50 ") == decimal.Decimal("2.50")
    assert cells.read_date("2025-06-21") == datetime.date(2025, 6, 21)
    assert cells.read_datetime("2025-07-15T10:00:00+02:00").utcoffset() == (
        datetime.timedelta(hours=2)
    )
    assert cells.read_text(" kept as written ") == " kept as written "
    assert cells.read_slug(" belarus ") == "belarus"
    assert cells.read_slug("  ") is None
    assert cells.read_slug_list("b, a,,a ,") == ("a", "b")
    assert cells.read_slug_list("") == ()


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "1"),
        (False, "0"),
        (3.0, "3"),
        (2.5, "2.5"),
        (7, "7"),
        (datetime.datetime(2025, 6, 21), "2025-06-21"),
        (datetime.datetime(2025, 6, 21, 10, 30), "2025-06-21T10:30:00"),
        (["a", "b"], "a,b"),
        ("text", "text"),
    ],
)
def test_what_an_xlsx_or_json_cell_holds_reads_as_csv_text(value, text):
    assert cells.cell_text(value) == text


def test_a_json_cell_holding_an_object_is_refused():
    with pytest.raises(TypeError, match="a cell holds text, a number"):
        cells.cell_text({"a": 1})


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_every_column_of_every_table_has_a_rule(name):
    _resource, _model, columns, _key = columns_of(name)
    for column in columns:
        if isinstance(column, ValueColumn):
            assert column.to_value in {
                cells.read_boolean,
                cells.read_integer,
                cells.read_decimal,
                cells.read_date,
                cells.read_datetime,
                cells.read_text,
            }


def test_a_field_with_no_rule_fails_loudly():
    field = models.FloatField()
    field.name = "ratio"
    with pytest.raises(
        TypeError, match="ratio: no rule reads a cell into a FloatField"
    ):
        cells.reader(field)


# --- Through import_table ---------------------------------------------------------


@pytest.mark.django_db
def test_yes_is_stored_as_true_and_maybe_is_refused():
    csv = "slug,title,date,date_precision,date_approximate\nm,A meeting,2025-06-21,day,"
    import_table("meeting", (csv + "yes\n").encode(), "csv")
    assert Meeting.objects.get().date_approximate is True
    with pytest.raises(TableError) as raised:
        import_table("meeting", (csv + "maybe\n").encode(), "csv")
    assert [str(problem) for problem in raised.value.problems] == [
        "Row 1, column “date_approximate” (value “maybe”): “maybe” is not true "
        "or false: write 1 or 0 (or yes or no)."
    ]


@pytest.mark.django_db
def test_a_decimal_with_a_comma_is_refused_with_the_rules_message():
    make_meeting("m")
    with pytest.raises(TableError) as raised:
        import_table("meeting", b'slug,duration_hours\nm,"1,5"\n', "csv")
    [problem] = raised.value.problems
    assert problem.reason == (
        "“1,5” is not a number: write it with a decimal point, such as 2.5."
    )


@pytest.mark.django_db
def test_an_empty_xlsx_cell_is_empty_text_not_null():
    workbook = Workbook()
    workbook.active.append(["slug", "name", "kind", "description"])
    workbook.active.append(["hungary", "Hungary", "state", None])
    stream = io.BytesIO()
    workbook.save(stream)
    import_table("actor", stream.getvalue(), "xlsx")
    assert Actor.objects.get().description == ""


@pytest.mark.django_db
def test_a_json_number_in_a_text_column_reads_as_csv_would_write_it():
    data = json.dumps([{"slug": "a", "name": 2.0, "kind": "state"}]).encode()
    import_table("actor", data, "json")
    assert Actor.objects.get().name == "2"
