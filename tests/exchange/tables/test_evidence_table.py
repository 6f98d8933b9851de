"""The evidence table: through the same engine and rule book as every other table."""

import pytest

from briefs.exchange.tables import TableError
from briefs.exchange.tables.files import read_table
from briefs.models import Evidence
from tests.helpers import SEED_SLUG, csv_text, exported_table, load_table, row_counts

pytestmark = pytest.mark.django_db

HEADER = ["publication", "number", "meeting", "fact", "value", "section", "quote"]
MEETING = "kellogg-lukashenko-minsk-2025-06-21"


def refused(rows):
    before = row_counts()
    with pytest.raises(TableError) as raised:
        load_table("evidence", csv_text([HEADER, *rows]))
    assert row_counts() == before, "a refused file wrote something"
    return [str(problem) for problem in raised.value.problems]


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_the_evidence_table_round_trips(seeded, file_format):
    exported = exported_table("evidence", file_format)
    Evidence.objects.all().delete()
    result = load_table("evidence", exported, file_format)
    assert result.created == 46  # 40 of the English edition, 6 of the Hungarian
    # The same header and cells (an XLSX file also holds the time it was written).
    again = exported_table("evidence", file_format)
    assert cells(again, file_format) == cells(exported, file_format)
    dozens = Evidence.objects.get(value="dozens")
    assert (dozens.rank, dozens.section, dozens.sources) == ("normal", 2, "6")


def test_a_quote_not_in_its_text_is_a_problem_naming_row_and_column(seeded):
    problems = refused(
        [[SEED_SLUG, 41, MEETING, "duration", "six hours", 2, "lasted six hours"]]
    )
    assert problems == [
        "Row 1, column “quote” (value “lasted six hours”): These words are not "
        "found in section 2: a quote is the text's own words, word for word."
    ]


def test_a_fact_without_its_record_breaks_a_named_rule(seeded):
    problems = refused([[SEED_SLUG, 41, "", "duration", "x", 2, "about six hours"]])
    assert problems == [
        "Row 1: Evidence states a fact of exactly one meeting, sanction or release."
    ]


def test_a_rank_outside_the_three_is_refused(seeded):
    before = row_counts()
    with pytest.raises(TableError) as raised:
        load_table(
            "evidence",
            csv_text(
                [
                    [*HEADER, "rank"],
                    [
                        SEED_SLUG,
                        41,
                        MEETING,
                        "duration",
                        "x",
                        2,
                        "about six hours",
                        "best",
                    ],
                ]
            ),
        )
    assert row_counts() == before
    [problem] = raised.value.problems
    assert problem.column == "rank"


def test_a_section_imported_over_a_quote_flags_its_evidence(seeded):
    section = seeded.sections.get(position=2)
    body = section.body.replace("lasted about six hours", "lasted all day")
    load_table(
        "section",
        csv_text([["publication", "position", "body"], [SEED_SLUG, 2, body]]),
    )
    flagged = Evidence.objects.not_found()
    assert [row.fact for row in flagged] == ["duration"]


def cells(data, file_format):
    table = read_table(data, file_format)
    return table.header, table.rows()
