"""Partial dates render as a person writes them and never invent a day."""

import datetime

import pytest
from django.utils import translation

from briefs.domain import dates
from briefs.domain.dates import DatePrecision
from briefs.domain.proposals import find_dates


@pytest.mark.parametrize(
    ("date", "precision", "approximate", "text", "edtf"),
    [
        (datetime.date(2025, 6, 21), "day", False, "21 June 2025", "2025-06-21"),
        (datetime.date(2023, 2, 1), "month", False, "February 2023", "2023-02"),
        (datetime.date(2023, 9, 1), "season", False, "autumn 2023", "2023-23"),
        (datetime.date(2024, 3, 1), "season", False, "spring 2024", "2024-21"),
        (datetime.date(2024, 6, 1), "season", False, "summer 2024", "2024-22"),
        (datetime.date(2023, 12, 1), "season", False, "winter 2023", "2023-24"),
        (datetime.date(2020, 1, 1), "year", False, "2020", "2020"),
        (datetime.date(2025, 6, 1), "month", True, "c. June 2025", "2025-06~"),
        (datetime.date(2025, 6, 5), "day", True, "c. 5 June 2025", "2025-06-05~"),
    ],
)
def test_partial_date_renders_and_round_trips_through_edtf(
    date, precision, approximate, text, edtf
):
    assert dates.render(date, precision, approximate) == text
    assert dates.to_edtf(date, precision, approximate) == edtf
    assert dates.from_edtf(edtf) == (date, precision, approximate)


def test_no_date_renders_as_nothing():
    assert dates.render(None, "") == ""
    assert dates.to_edtf(None, "") == ""
    assert not dates.PartialDate(None, "")


@pytest.mark.parametrize(
    ("given", "precision", "stored"),
    [
        (datetime.date(2023, 2, 14), "month", datetime.date(2023, 2, 1)),
        (datetime.date(2023, 10, 30), "season", datetime.date(2023, 9, 1)),
        (datetime.date(2024, 2, 10), "season", datetime.date(2023, 12, 1)),
        (datetime.date(2023, 12, 25), "season", datetime.date(2023, 12, 1)),
        (datetime.date(2024, 5, 29), "year", datetime.date(2024, 1, 1)),
        (datetime.date(2024, 5, 29), "day", datetime.date(2024, 5, 29)),
    ],
)
def test_a_date_is_stored_as_the_start_of_its_period(given, precision, stored):
    assert dates.normalize(given, precision) == stored


def test_a_month_precise_date_never_shows_a_day():
    text = dates.render(datetime.date(2023, 2, 14), DatePrecision.MONTH)
    assert text == "February 2023"
    assert "14" not in text


@pytest.mark.parametrize(
    "bad", ["2023-13-01", "2023-30", "June 2025", "", "2023-02-30"]
)
def test_bad_edtf_is_refused_with_a_readable_message(bad):
    with pytest.raises(ValueError, match="is not an EDTF date"):
        dates.from_edtf(bad)


def test_a_day_as_briefs_write_it_is_read_in_either_order():
    assert dates.read_written_day("July 15, 2025") == datetime.date(2025, 7, 15)
    assert dates.read_written_day("15 July 2025") == datetime.date(2025, 7, 15)
    assert dates.read_written_day("July 2025") is None
    with pytest.raises(ValueError):
        dates.read_written_day("February 30, 2025")


@pytest.mark.parametrize(
    "written",
    ["October 2, 2025", "2 October 2025", "2025. október 2.", "2025.október 2"],
)
def test_a_day_is_read_as_english_and_hungarian_briefs_write_it(written):
    assert dates.read_written_day(written) == datetime.date(2025, 10, 2)


def test_a_hungarian_day_in_a_sentence_is_proposed_with_its_precision():
    ((date, precision, words, _),) = find_dates(["Minszkben 2024. május 29-én."], 2025)
    assert (date, precision, words) == (
        datetime.date(2024, 5, 29),
        "day",
        "2024. május 29",
    )


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [
        (datetime.date(2024, 2, 29), "day", ("2024-02-29", "2024-02-29")),
        (datetime.date(2024, 2, 1), "month", ("2024-02-01", "2024-02-29")),
        (datetime.date(2023, 9, 1), "season", ("2023-09-01", "2023-11-30")),
        (datetime.date(2023, 12, 1), "season", ("2023-12-01", "2024-02-29")),
        (datetime.date(2023, 1, 1), "year", ("2023-01-01", "2023-12-31")),
    ],
)
def test_a_partial_date_covers_an_interval_of_days(date, precision, expected):
    earliest, latest = dates.interval(date, precision)
    assert (earliest.isoformat(), latest.isoformat()) == expected


@pytest.mark.parametrize(
    ("date", "precision", "approximate", "text"),
    [
        (datetime.date(2025, 7, 15), "day", False, "2025. július 15."),
        (datetime.date(2025, 7, 1), "month", False, "2025. július"),
        (datetime.date(2025, 1, 1), "year", False, "2025"),
        (datetime.date(2023, 9, 1), "season", False, "2023 ősze"),
        (datetime.date(2024, 3, 1), "season", False, "2024 tavasza"),
        (datetime.date(2024, 6, 1), "season", False, "2024 nyara"),
        (datetime.date(2023, 12, 1), "season", False, "2023 tele"),
        (datetime.date(2025, 6, 1), "month", True, "kb. 2025. június"),
        (datetime.date(2020, 1, 1), "year", True, "kb. 2020"),
    ],
)
def test_a_partial_date_is_written_the_hungarian_way_in_hungarian(
    date, precision, approximate, text
):
    with translation.override("hu"):
        assert dates.render(date, precision, approximate) == text
        assert str(dates.PartialDate(date, precision, approximate)) == text
    # And the English way again outside it: nothing is kept from one language.
    assert dates.render(date, precision) != text or precision == "year"


def test_english_dates_keep_their_order_day_month_year():
    """Django's own English format is "July 15, 2025": the site's is the catalogue's."""
    with translation.override("en"):
        assert dates.render(datetime.date(2025, 7, 15), "day") == "15 July 2025"
        assert dates.render(datetime.date(2025, 7, 15), "month") == "July 2025"
