"""Property-based tests of table imports: valid rows round-trip, bad rows write nothing."""

import csv
import datetime
import io
import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefs.domain import dates
from briefs.exchange.tables import TableError, import_table
from briefs.exchange.tables.files import read_table
from tests.factories import make_actor, make_publication
from tests.helpers import exported_table, row_counts

# Hypothesis runs many examples in one test's transaction: fixtures are made
# once per test, and every example uses slugs of its own.
PROPERTY_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ACTORS = ["belarus", "european-union", "lithuania", "united-states"]
PUBLICATIONS = ["brief-a", "brief-b"]
examples = itertools.count()

# Any text a curator could type, formula-like cells, quotes, commas and line
# breaks included; not NUL, which no text file carries, nor lone surrogates.
text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=60,
)
line = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"),
    min_size=1,
    max_size=60,
).filter(str.strip)
formula_like = st.sampled_from(["=1+1", "+33 1", "-5", "@SUM(A1)", "'quoted", "\tx"])


@st.composite
def partial_dates(draw):
    day = draw(st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31)))
    precision = draw(st.sampled_from(dates.DatePrecision.values))
    return dates.normalize(day, precision), precision, draw(st.booleans())


@st.composite
def sanction_rows(draw):
    imposed_by, target = draw(st.permutations(ACTORS))[:2]
    start, start_precision, start_approximate = draw(partial_dates())
    ends = draw(st.booleans())
    end = start + datetime.timedelta(days=draw(st.integers(0, 3000))) if ends else None
    return {
        "title": draw(st.one_of(line, formula_like)),
        "title_hu": draw(st.one_of(st.just(""), line, formula_like)),
        "imposed_by": imposed_by,
        "target": target,
        "sector": draw(st.one_of(text, formula_like)),
        "status": draw(st.sampled_from(["proposed", "in_force", "eased", "lifted"])),
        "status_note": draw(text),
        "start_date": start.isoformat(),
        "start_date_precision": start_precision,
        "start_date_approximate": "1" if start_approximate else "0",
        "end_date": end.isoformat() if end else "",
        "end_date_precision": "day" if end else "",
        "end_date_approximate": "0",
        "description": draw(text),
        "publications": ",".join(sorted(draw(st.sets(st.sampled_from(PUBLICATIONS))))),
    }


def as_file(rows, file_format):
    if file_format == "json":
        return json.dumps(rows).encode()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    # A cell starting with an apostrophe is escaped the way our exports escape it.
    writer.writerows(
        {
            key: "'" + value if value.startswith("'") else value
            for key, value in row.items()
        }
        for row in rows
    )
    return out.getvalue().encode()


def exported_rows(slugs, file_format):
    """The rows an export writes, read back as a spreadsheet user would see them."""
    data = exported_table("sanction", file_format)
    if file_format == "json":
        rows = json.loads(data)
    else:
        table = read_table(data, file_format)
        rows = [dict(zip(table.header, row, strict=True)) for row in table.rows()]
    return [row for row in rows if row["slug"] in slugs]


@pytest.fixture
def world(db):
    for slug in ACTORS:
        make_actor(slug)
    for slug in PUBLICATIONS:
        make_publication(slug)


@pytest.mark.parametrize("file_format", ["csv", "json"])
@PROPERTY_SETTINGS
@given(rows=st.lists(sanction_rows(), min_size=1, max_size=8))
def test_random_valid_rows_round_trip_exactly(world, file_format, rows):
    example = next(examples)
    for number, row in enumerate(rows):
        row["slug"] = f"s-{example}-{number}"
    import_table("sanction", as_file(rows, file_format), file_format)
    # Out in the other format: CSV is written by the server on PostgreSQL.
    other = "json" if file_format == "csv" else "csv"
    exported = exported_rows({row["slug"] for row in rows}, other)
    assert sorted(exported, key=lambda row: row["slug"]) == sorted(
        rows, key=lambda row: row["slug"]
    )


BAD_VALUES = {
    "imposed_by": ["no-such-actor", ""],
    "target": ["nowhere"],
    "status": ["abolished", ""],
    "start_date": ["2025-02-30", "yesterday", "21/06/2025"],
    "start_date_precision": ["week", ""],
    "start_date_approximate": ["maybe"],
    "end_date": ["1900-01-01"],  # before any start this test draws
    "title": ["", "x" * 301],
    "slug": ["not a slug", "x" * 121],
    "publications": ["no-such-brief"],
}


@PROPERTY_SETTINGS
@given(
    rows=st.lists(sanction_rows(), min_size=1, max_size=8),
    where=st.data(),
)
def test_random_bad_rows_never_write_anything(world, rows, where):
    example = next(examples)
    for number, row in enumerate(rows):
        row["slug"] = f"b-{example}-{number}"
    bad_row = where.draw(st.integers(0, len(rows) - 1))
    column = where.draw(st.sampled_from(sorted(BAD_VALUES)))
    rows[bad_row][column] = where.draw(st.sampled_from(BAD_VALUES[column]))
    if column == "end_date":
        rows[bad_row]["end_date_precision"] = "day"
    before = row_counts()
    with pytest.raises(TableError) as raised:
        import_table("sanction", as_file(rows, "csv"), "csv")
    assert row_counts() == before
    assert any(problem.row == bad_row + 1 for problem in raised.value.problems)
