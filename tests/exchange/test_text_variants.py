"""Briefs' texts as different people typeset them: each variant in
``tests/exchange/texts/`` reads into its parts, and what stays ambiguous is
refused naming its line."""

import datetime
import io

import pytest
from django.core.management import call_command

from briefs.exchange.texts import TextLayoutError, read_brief_text, slug_of
from briefs.models import Publication
from tests.helpers import TEXTS_DIR

HIIA = "Hungarian Institute of International Affairs"


def read(name):
    return read_brief_text((TEXTS_DIR / name).read_text())


def credits(brief):
    return [(a.name, a.position, a.affiliation) for a in brief.authors]


def test_a_byline_joined_by_a_dash_and_positions_on_one_line_with_semicolons():
    brief = read("dash-byline-semicolon-positions.txt")
    assert credits(brief) == [
        ("Márton Szabó", "Research Fellow", f"{HIIA} (HIIA)"),
        ("Elena Petrova", "Associate Fellow", "Centre for Eastern Studies"),
    ]
    assert brief.publication_date == datetime.date(2025, 10, 2)
    assert [s.heading for s in brief.sections] == [
        "What Minsk Gains",
        "What Washington Gains",
    ]


@pytest.mark.parametrize(
    "byline",
    [
        "MÁRTON SZABÓ - ELENA PETROVA",
        "MÁRTON SZABÓ — ELENA PETROVA",
        "MÁRTON SZABÓ–ELENA PETROVA",
        "MÁRTON SZABÓ; ELENA PETROVA",
        "MÁRTON SZABÓ ÉS ELENA PETROVA",
        "MÁRTON SZABÓ & ELENA PETROVA",
        "MÁRTON SZABÓ, ELENA PETROVA",
        "MÁRTON SZABÓ AND ELENA PETROVA",
    ],
)
def test_every_way_of_joining_the_names_of_a_byline_is_read(byline):
    text = (TEXTS_DIR / "dash-byline-semicolon-positions.txt").read_text()
    brief = read_brief_text(text.replace("MÁRTON SZABÓ – ELENA PETROVA", byline))
    assert [a.name for a in brief.authors] == ["Márton Szabó", "Elena Petrova"]


def test_a_hyphen_inside_a_name_is_no_separator():
    text = (TEXTS_DIR / "dash-byline-semicolon-positions.txt").read_text()
    text = text.replace("ELENA PETROVA", "ELENA PETROVA-SMITH").replace(
        "Elena Petrova", "Elena Petrova-Smith"
    )
    brief = read_brief_text(text)
    assert [a.name for a in brief.authors] == ["Márton Szabó", "Elena Petrova-Smith"]


def test_a_hungarian_imprint_with_its_date_and_és():
    brief = read("hungarian-imprint.txt")
    assert brief.publication_date == datetime.date(2025, 10, 2)
    assert [a.name for a in brief.authors] == ["Kovács Anna", "Nagy Péter"]
    assert [e.name for e in brief.copy_editors] == ["Lillian Aronson"]
    assert brief.cover_photo_credit == "MTI/Koszticsák Szilárd"
    assert brief.publisher == HIIA
    assert brief.publisher_url == "https://www.hiia.hu/"


def test_imprint_fields_in_another_order_or_missing():
    brief = read("imprint-reordered.txt")
    assert brief.publisher == HIIA
    assert brief.copyright_line == f"© {HIIA}, 2025."
    assert brief.copy_editors == []
    assert brief.cover_photo_credit == ""
    # The positions before the date, the date as "2 October 2025".
    assert brief.publication_date == datetime.date(2025, 10, 2)
    assert credits(brief) == [
        ("Jānis Ozols", "Visiting Fellow", "University of Latvia"),
        ("Kristi Tamm", "Analyst", "International Centre for Defence and Security"),
    ]
    assert [s.heading for s in brief.sections] == ["What the Allies Saw"]


def test_the_series_before_the_title_and_no_list_of_authors():
    brief = read("series-first.txt")
    assert brief.series == "HIIA Perspective"
    assert brief.title == "Who Guards the Suwałki Gap?"
    # The byline names them; their positions spell them.
    assert [a.name for a in brief.authors] == ["Anna Kovács", "Tomasz Nowak"]
    assert brief.authors[1].affiliation == "Polish Institute of International Affairs"
    assert brief.publication_date == datetime.date(2025, 10, 2)


def test_running_headers_page_numbers_and_words_hyphenated_at_line_ends():
    brief = read("page-furniture.txt")
    assert brief.title == (
        "Sanctions Relief for Prisoners: How the Bargain with Minsk Works"
    )
    assert brief.publication_date == datetime.date(2025, 10, 2)
    assert [s.heading for s in brief.sections] == [
        "A Bargain in Instalments",
        "What Comes Next",
    ]
    (paragraph,) = brief.sections[0].paragraphs
    prose = " ".join(brief.prose())
    # Across three page breaks, each with a page number and a running header.
    assert "first the national airline, then the potash trade" in paragraph
    assert "HIIA Perspective" not in prose
    assert not any(word in prose.split() for word in ("2", "3", "4"))
    # A word broken by a hyphen is whole again; a compound keeps its hyphen.
    assert "with the Republican Party" in paragraph
    assert "the negotiators call it a beginning" in paragraph
    assert "The long-standing demand of the opposition" in paragraph
    assert "Whether Brussels follows is another question." in prose


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("U.S.–Belarus Relations", "us-belarus-relations"),
        ("Sanctions/Prisoners", "sanctions-prisoners"),
        ("Minsk—Moscow—Beijing", "minsk-moscow-beijing"),
        ("Who Guards the Suwałki Gap?", "who-guards-the-suwalki-gap"),
        ("Zapad-2025", "zapad-2025"),
    ],
)
def test_a_slug_keeps_the_word_boundaries_of_dashes_and_slashes(title, slug):
    assert slug_of(title) == slug


@pytest.mark.django_db
def test_each_variant_ingests_into_a_draft():
    for path in sorted(TEXTS_DIR.glob("*.txt")):
        call_command("ingest_brief", str(path), stdout=io.StringIO())
    slugs = set(Publication.objects.values_list("slug", flat=True))
    assert (
        "us-belarus-talks-after-minsk-sanctions-prisoners-and-the-price-of-a-thaw"
        in (slugs)
    )
    assert Publication.objects.count() == len(list(TEXTS_DIR.glob("*.txt")))


@pytest.mark.parametrize(
    ("name", "before", "after", "line_words", "reason"),
    [
        (  # several positions on a line, one for someone the byline does not name
            "dash-byline-semicolon-positions.txt",
            "; Elena Petrova, Associate",
            "; Elena Smith, Associate",
            "Elena Smith",
            "expected “Elena Petrova, position, affiliation”, found “Elena Smith,",
        ),
        (  # no list of authors: the byline and the positions disagree
            "series-first.txt",
            "ANNA KOVÁCS & TOMASZ NOWAK",
            "ANNA KOVÁCS & JAN NOWAK",
            "Tomasz Nowak, Analyst",
            "expected “Jan Nowak, position, affiliation”",
        ),
        (  # the positions before the date, then no date
            "imprint-reordered.txt",
            "2 October 2025",
            "Autumn 2025",
            "Autumn 2025",
            "expected the date, found “Autumn 2025”",
        ),
        (  # no copyright line, so no publisher
            "hungarian-imprint.txt",
            "© Hungarian Institute of International Affairs, 2025.",
            "",
            "2025. október 2.",
            "the date comes before the copyright line",
        ),
    ],
    ids=["positions-line", "byline-vs-positions", "no-date", "no-publisher"],
)
def test_what_stays_ambiguous_is_refused_naming_its_line(
    name, before, after, line_words, reason
):
    text = (TEXTS_DIR / name).read_text()
    assert before in text
    text = text.replace(before, after)
    with pytest.raises(TextLayoutError) as caught:
        read_brief_text(text)
    error = caught.value
    assert error.line == next(
        n for n, line in enumerate(text.split("\n"), 1) if line_words in line
    )
    assert reason in str(error)
