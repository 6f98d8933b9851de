"""Evidence: a fact's value tied to the words of the brief that state it."""

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from briefs.domain.derived import recheck_quotes
from briefs.domain.quotes import is_quoted, normalize
from briefs.models import Evidence
from briefs.reading import selectors
from tests.factories import (
    make_meeting,
    make_publication,
    make_release,
    make_section,
    make_source_reference,
)

pytestmark = pytest.mark.django_db

BODY = (
    "The talks lasted [about six hours][1], “behind closed doors”.\n\n"
    "Later,   the   media spoke of dozens of prisoners."
)


@pytest.fixture
def brief():
    publication = make_publication(summary="The visit freed 14 prisoners.")
    make_source_reference(publication, 1, "about six hours")
    make_section(publication, 1, body=BODY)
    publication.meeting = make_meeting()
    return publication


def evidence(brief, quote, section=1, **fields):
    fields = {
        "meeting": brief.meeting,
        "fact": "duration",
        "value": "about six hours",
        **fields,
    }
    return Evidence(publication=brief, number=1, section=section, quote=quote, **fields)


def test_a_quote_is_compared_as_a_reader_reads_the_text():
    # No note markup, no note numbers; quotes and spaces either way.
    assert is_quoted('lasted about six hours, "behind closed doors"', BODY)
    assert is_quoted("the media spoke of dozens", BODY)
    assert not is_quoted("lasted about 6 hours", BODY)
    assert not is_quoted("[about six hours][1]", BODY)
    assert not is_quoted("   ", BODY)
    assert normalize("“a”\u00a0 ’b’\n") == "\"a\" 'b'"


def test_a_quote_found_in_its_section_passes(brief):
    found = evidence(brief, "The talks lasted about six hours", sources="1")
    found.full_clean()
    found.save()
    assert found.quote_found


def test_a_quote_found_in_the_abstract_passes(brief):
    evidence(
        brief,
        "freed 14 prisoners",
        section=None,
        release=make_release(),
        meeting=None,
        fact="total",
        value="14",
    ).full_clean()


def test_a_quote_not_in_its_text_is_refused_with_a_clear_error(brief):
    with pytest.raises(ValidationError) as error:
        evidence(brief, "The talks lasted six hours").full_clean()
    assert error.value.message_dict["quote"] == [
        "These words are not found in section 1: a quote is the text's own "
        "words, word for word."
    ]
    with pytest.raises(ValidationError) as error:
        evidence(brief, "freed 14 prisoners").full_clean()  # the abstract's words
    assert "quote" in error.value.message_dict


def test_a_missing_section_or_source_note_is_named(brief):
    with pytest.raises(ValidationError) as error:
        evidence(brief, "The talks", section=7, sources="1, 9").full_clean()
    assert error.value.message_dict == {
        "sources": ["The brief has no source note 9."],
        "section": ["The brief has no section 7."],
    }


def test_a_later_edit_that_breaks_a_quote_flags_it_and_keeps_it(brief):
    kept = evidence(brief, "The talks lasted about six hours")
    kept.save()
    section = brief.sections.get()
    section.body = "The talks lasted a whole day."
    section.save()
    kept.refresh_from_db()
    assert not kept.quote_found
    assert list(Evidence.objects.not_found()) == [kept]
    [warning] = [m for m in run_checks(databases=["default"]) if m.id == "briefs.W002"]
    assert "1 piece of evidence" in warning.msg
    # Put back, it is found again.
    section.body = BODY
    section.save()
    kept.refresh_from_db()
    assert kept.quote_found
    assert not [m for m in run_checks(databases=["default"]) if m.id == "briefs.W002"]


def test_an_edit_of_the_abstract_rechecks_its_quotes(brief):
    row = evidence(
        brief,
        "freed 14 prisoners",
        section=None,
        meeting=None,
        release=make_release(),
        fact="total",
        value="14",
    )
    row.save()
    brief.summary = "The visit freed a dozen prisoners."
    brief.save()
    row.refresh_from_db()
    assert not row.quote_found
    assert recheck_quotes([brief.pk]) == 0  # already flagged: nothing to change


def test_evidence_states_a_fact_of_exactly_one_record(brief):
    both = evidence(brief, "The talks", release=make_release())
    with pytest.raises(ValidationError):
        both.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        evidence(brief, "The talks", meeting=None).save()


def test_a_fact_must_be_one_its_record_has(brief):
    with pytest.raises(ValidationError) as error:
        evidence(brief, "The talks", fact="total").full_clean()
    assert error.value.message_dict["fact"] == [
        "A meeting's facts are: date, place, duration, participant."
    ]


def test_values_are_ranked_preferred_normal_deprecated(brief):
    meeting = brief.meeting
    ranks = ["deprecated", "normal", "preferred", "normal"]
    for number, rank in enumerate(ranks, start=1):
        Evidence.objects.create(
            publication=brief,
            number=number,
            meeting=meeting,
            fact="duration",
            value=f"value {number}",
            rank=rank,
            section=1,
            quote="The talks",
        )
    ordered = list(Evidence.objects.ranked())
    assert [row.rank for row in ordered] == [
        "preferred",
        "normal",
        "normal",
        "deprecated",
    ]
    assert [row.number for row in ordered] == [3, 2, 4, 1]
    assert selectors.ranked(reversed(ordered)) == ordered
    # The panel shows the best rank; the rest are "others".
    stated = selectors.stated_fact("meeting", meeting, "duration", None, ordered)
    assert [row.number for row in stated.best] == [3]
    assert [row.number for row in stated.others] == [2, 4, 1]


def test_without_a_preferred_value_the_normal_ones_are_shown():
    rows = [Evidence(number=1, rank="normal"), Evidence(number=2, rank="deprecated")]
    stated = selectors.stated_fact("meeting", make_meeting(), "date", None, rows)
    assert [row.number for row in stated.best] == [1]
    assert [row.number for row in stated.others] == [2]
