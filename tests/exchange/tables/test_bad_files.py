"""Bad table files: every problem named by row and column, nothing written."""

import csv
import io

import pytest

from briefs.exchange.tables import TableError, importing
from briefs.models import (
    NationalityCount,
    Sanction,
)
from tests.factories import (
    make_actor,
    make_author,
    make_nationality_count,
    make_release,
)
from tests.helpers import (
    SANCTION_HEADER,
    SEED_SLUG,
    csv_text,
    exported_table,
    load_table,
    row_counts,
)

# Every rule holds whether the file is read whole or a row at a time.
pytestmark = pytest.mark.usefixtures("parts")


def problems(name, data, file_format="csv"):
    before = row_counts()
    with pytest.raises(TableError) as raised:
        load_table(name, data, file_format)
    assert row_counts() == before, "a refused file wrote something"
    return [str(problem) for problem in raised.value.problems]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "s,T,united-states,nowhere,,",
            "Row 1, column “target” (value “nowhere”): No actor with slug “nowhere”.",
        ),
        (
            "s,T,united-states,belarus,2025-13-01,month",
            "Row 1, column “start_date” (value “2025-13-01”): “2025-13-01” is not a date",
        ),
        (
            "s,T,united-states,belarus,2025-06-01,week",
            "Row 1, column “start_date_precision” (value “week”): “week” is not one of",
        ),
        (
            "s,T,united-states,belarus,2025-06-01,",
            "Row 1, column “start_date_precision”: Give the precision of this date.",
        ),
        (
            "s,,united-states,belarus,,",
            "Row 1, column “title”: This field cannot be blank.",
        ),
        (
            f"s,{'x' * 301},united-states,belarus,,",
            "Row 1, column “title” (value “xxxx",
        ),
        (
            "S P A C E,T,united-states,belarus,,",
            "Row 1, column “slug” (value “S P A C E”): Enter a valid “slug”",
        ),
        (
            "s,T,belarus,belarus,,",
            "Row 1, column “target” (value “belarus”): A sanction is imposed on someone else.",
        ),
    ],
)
def test_a_bad_value_is_named_by_row_column_value_and_reason(actors, row, expected):
    found = problems(
        "sanction",
        SANCTION_HEADER
        + "t,Fine,united-states,belarus,,\n"
        + row.replace("Row 1", "")
        + "\n",
    )
    expected = expected.replace("Row 1", "Row 2")
    assert any(problem.startswith(expected) for problem in found), found


def test_a_text_too_long_says_how_long_it_may_be(actors):
    [problem] = problems(
        "sanction", SANCTION_HEADER + f"s,{'x' * 301},united-states,belarus,,\n"
    )
    assert "at most 300 characters (it has 301)" in problem


def test_a_negative_count_is_refused(db):
    make_release("r", total=5)
    make_actor("japan")
    [problem] = problems("nationalitycount", "release,country,count\nr,japan,-1\n")
    assert problem.startswith("Row 1, column “count” (value “-1”)")


def test_a_count_of_zero_breaks_a_check_constraint_and_is_refused_in_words(db):
    make_release("r", total=5)
    make_actor("japan")
    [problem] = problems("nationalitycount", "release,country,count\nr,japan,0\n")
    assert problem.startswith("Row 1, column “count”: A count is at least 1")
    assert "briefs_" not in problem


def test_a_breakdown_above_the_total_is_refused_across_the_rows_of_the_file(db):
    make_release("r", total=4)
    make_actor("japan")
    make_actor("poland")
    [problem] = problems(
        "nationalitycount", "release,country,count\nr,japan,2\nr,poland,3\n"
    )
    assert problem == (
        "Row 2, column “count” (value “3”): The nationality breakdown (5) may not "
        "exceed the total released (4)."
    )


def test_a_breakdown_counts_the_stored_rows_the_file_does_not_replace(db):
    release = make_release("r", total=4)
    make_nationality_count(release, make_actor("japan"), 3)
    make_actor("poland")
    [problem] = problems("nationalitycount", "release,country,count\nr,poland,2\n")
    assert (
        "The nationality breakdown (5) may not exceed the total released (4)."
        in problem
    )
    # Replacing the stored count instead stays within the total.
    load_table("nationalitycount", "release,country,count\nr,japan,1\nr,poland,2\n")
    assert sorted(NationalityCount.objects.values_list("count", flat=True)) == [1, 2]


def test_a_total_below_the_stored_breakdown_is_refused(seeded):
    rows = list(csv.reader(io.StringIO(exported_table("prisonerrelease").decode())))
    rows[1][rows[0].index("total")] = "3"
    [problem] = problems("prisonerrelease", csv_text(rows))
    assert (
        "The nationality breakdown (10) may not exceed the total released (3)."
        in problem
    )


def test_a_slug_given_twice_names_both_rows(actors):
    found = problems(
        "actor", "slug,name,kind\nhungary,Hungary,state\nhungary,Magyarország,state\n"
    )
    assert found == [
        "Row 2, column “slug” (value “hungary”): Row 1 already has slug “hungary”: "
        "a file may give each row once."
    ]


def test_unknown_and_missing_columns_are_named(db):
    found = problems("actor", "name,kind,colour\nHungary,state,red\n")
    assert any("column “colour”: actors have no such column" in p for p in found)
    assert any(
        "column “slug”: the file has no such column, which names each row" in p
        for p in found
    )


def test_a_row_with_too_many_cells_is_named(db):
    [problem] = problems("actor", "slug,name,kind\nhungary,Hungary,state,extra\n")
    assert problem == "Row 1: the row has 4 cells, the header has 3."


def test_every_problem_of_a_file_is_reported_at_once(actors):
    found = problems(
        "sanction",
        SANCTION_HEADER
        + "a,T,nowhere,belarus,,\nb,,united-states,belarus,2025-99-01,day\n",
    )
    assert [problem.split(":")[0] for problem in found] == [
        "Row 1, column “imposed_by” (value “nowhere”)",
        "Row 2, column “title”",
        "Row 2, column “start_date” (value “2025-99-01”)",
    ]


@pytest.mark.parametrize(
    ("data", "file_format", "expected"),
    [
        (b"", "csv", "the file is empty"),
        (b"\n\n", "csv", "the file is empty"),
        (b"slug,name,kind\n", "csv", "a header but no rows"),
        (
            "slug,name,kind\nmagyarorsz\u00e1g,Magyar,state\n".encode("latin-1"),
            "csv",
            "not UTF-8 text: byte 0xe1 on line 2",
        ),
        (b"slug,name\x00,kind\nh,H,state\n", "csv", "binary data"),
        (b'slug,name,kind\nh,"Hungary,state\n', "csv", "not valid CSV"),
        (b"PK\x03\x04 not really a zip", "csv", "not CSV text"),
        (b"slug,name,kind\nh,H,state\n", "xlsx", "not an XLSX workbook"),
        (b"PK\x03\x04broken", "xlsx", "not a readable XLSX workbook"),
        (b"{not json", "json", "not valid JSON: Expecting property name"),
        (b'{"slug": "h"}', "json", "must be a list of objects"),
        (b"[]", "json", "a header but no rows"),
        (
            b'[{"slug": "h", "name": {"a": 1}, "kind": "state"}]',
            "json",
            "a cell holds text",
        ),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_whole(
    db, data, file_format, expected
):
    found = problems("actor", data, file_format)
    assert any(expected in problem for problem in found), found


def test_a_bad_row_after_thousands_of_written_ones_still_writes_nothing(
    db, monkeypatch
):
    monkeypatch.setattr(importing, "BATCH", 50)
    make_actor("belarus")
    make_actor("united-states")
    rows = [f"s-{number},T,united-states,belarus,," for number in range(400)]
    rows.append("bad,T,belarus,belarus,,")  # caught only when its batch is checked
    found = problems("sanction", SANCTION_HEADER + "\n".join(rows) + "\n")
    assert found == [
        "Row 401, column “target” (value “belarus”): A sanction is imposed on someone else."
    ]
    assert not Sanction.objects.exists()


def test_a_unique_constraint_besides_the_key_holds_across_file_and_table(seeded):
    make_author("jane-doe")
    make_author("john-roe")
    # Position 1 is the brief's author's, stored and not in the file.
    [problem] = problems(
        "contribution",
        f"publication,author,role,position\n{SEED_SLUG},jane-doe,editor,1\n",
    )
    assert problem == (
        "Row 1, column “position” (value “1”): Another row already has this "
        "publication and position."
    )
    found = problems(
        "contribution",
        "publication,author,role,position\n"
        f"{SEED_SLUG},jane-doe,editor,7\n{SEED_SLUG},john-roe,editor,7\n",
    )
    assert found == [
        "Row 2, column “position” (value “7”): Another row already has this "
        "publication and position."
    ]
