"""Reading a brief's text: its layout, headings as a person writes them, and refusals by line."""

import pytest

from briefs.exchange.texts import (
    TextLayoutError,
    ends_a_paragraph,
    heading_case,
    read_brief_text,
    written_words,
)
from tests.helpers import SEED_SOURCE
from tests.helpers import TWO_AUTHORS_TEXT as TWO_AUTHORS


def good_text():
    return TWO_AUTHORS.read_text()


def line_of(text, words):
    """The number of the first line holding ``words``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if words in line)


def refused(text):
    with pytest.raises(TextLayoutError) as caught:
        read_brief_text(text)
    return caught.value


@pytest.mark.parametrize(
    ("change", "words", "reason"),
    [
        (
            lambda t: t.replace("September 3, 2025", "Someday, 2025"),
            "Someday, 2025",
            "expected the imprint",
        ),
        (
            lambda t: t.replace("September 3, 2025", "February 30, 2025"),
            "February 30, 2025",
            "is not a date",
        ),
        (
            lambda t: t.replace("ANNA KOVÁCS AND", "ANNA KOVÁCS, JOHN DOE AND"),
            "ANNA KOVÁCS, JOHN DOE",
            "are not the authors",
        ),
        (
            lambda t: t.replace("Олена Коваль, Visiting", "Olena Koval, Visiting"),
            "Olena Koval, Visiting",
            "expected “Олена Коваль, position, affiliation”",
        ),
        (
            lambda t: t.replace(
                "WHO SPEAKS FOR MINSK? BELARUS", "WHO SPEAKS FOR KYIV? BELARUS"
            ),
            "WHO SPEAKS FOR KYIV",
            "the title again, in capitals",
        ),
        (
            lambda t: t.replace("© Hungarian", "Hungarian"),
            "Hungarian Institute of International Affairs, 2025.",
            "expected the imprint",
        ),
        (
            lambda t: t.replace(
                "WHAT WASHINGTON WANTS FROM NATO'S NEIGHBOUR\n\nWashington wants "
                "the route to work and NATO wants it watched. Both will know more "
                "at the end of October 2025.\n",
                "WHAT WASHINGTON WANTS FROM NATO'S NEIGHBOUR\n",
            ),
            "WHAT WASHINGTON WANTS",
            "a heading without any text",
        ),
    ],
    ids=[
        "not-a-date",
        "impossible-date",
        "byline-names-another-author",
        "position-of-someone-else",
        "capitals-title-differs",
        "copyright-without-sign",
        "heading-without-text",
    ],
)
def test_a_text_out_of_layout_is_refused_naming_its_line(change, words, reason):
    text = change(good_text())
    error = refused(text)
    assert error.line == line_of(text, words), str(error)
    assert reason in str(error)
    assert str(error).startswith(f"Line {error.line}: ")


def test_a_text_ending_before_the_date_says_so_at_its_last_line():
    text = good_text()
    text = text[: text.index("September 3, 2025")]
    error = refused(text)
    assert "ends where the date should be" in str(error)
    assert error.line == len(text.splitlines())


def test_a_text_without_a_heading_is_refused():
    text = good_text()
    text = text[: text.index("CAN THE EU")]
    assert "no heading in capitals" in str(refused(text))


def test_a_position_line_for_no_author_is_refused():
    text = good_text().replace(
        "Олена Коваль, Visiting Fellow, Kyiv School of Economics\n",
        "Олена Коваль, Visiting Fellow, Kyiv School of Economics\n"
        "John Doe, Intern, HIIA\n",
    )
    error = refused(text)
    assert error.line == line_of(text, "John Doe, Intern")
    assert "expected the title again, in capitals" in str(error)


def test_an_empty_text_is_refused_at_line_one():
    assert refused("\n\n").line == 1


def test_the_seed_text_reads_as_its_parts():
    brief = read_brief_text(SEED_SOURCE.read_text())
    assert [author.name for author in brief.authors] == ["Ruslan Bortnik"]
    assert [editor.name for editor in brief.copy_editors] == ["Lillian Aronson"]
    assert brief.publisher_url == "https://www.hiia.hu/"
    assert len(brief.sources) == 21
    assert [len(section.paragraphs) for section in brief.sections] == [4, 8, 5]


def test_a_markdown_file_with_wrapped_lines_and_windows_line_ends_reads_the_same():
    text = good_text().replace(
        "Belarus offered its railways for Ukrainian grain. ",
        "Belarus offered its railways\nfor Ukrainian grain. ",
    )
    wrapped = read_brief_text(text.replace("\n", "\r\n"))
    assert wrapped == read_brief_text(good_text())


@pytest.mark.parametrize(
    ("capitals", "written"),
    [
        (
            "A SURPRISE VISIT TO AN “OLD FRIEND”?",
            "A Surprise Visit to an “Old Friend”?",
        ),
        ("WHY NOW, AND WHY MINSK?", "Why Now, and Why Minsk?"),
        ("THE ROLE OF BUDAPEST'S DIPLOMACY", "The Role of Budapest's Diplomacy"),
        ("WHAT NEXT: THE ZAPAD-2025 EXERCISES", "What Next: The Zapad-2025 Exercises"),
        ("IS THE U.S. LEAVING NATO?", "Is the U.S. Leaving NATO?"),
        ("ЧТО ДАЛЬШЕ ДЛЯ МИНСКА?", "Что дальше для Минска?"),
    ],
)
def test_a_heading_in_capitals_is_stored_as_a_person_writes_it(capitals, written):
    prose = "The U.S. and NATO met in Minsk. Only in Минска did it happen."
    assert heading_case(capitals, written_words([prose])) == written


@pytest.mark.parametrize(
    ("paragraph", "ends"),
    [
        ("It ended.", True),
        ("It asked “why?”", True),
        ('the "democratic Belarus."', True),
        ("simply a tactical move against", False),
        ("lobbying for [the lifting of](#)", False),
        ("a link at the end of a sentence [here](#).", True),
    ],
)
def test_a_paragraph_without_closing_punctuation_continues_after_a_page_break(
    paragraph, ends
):
    assert ends_a_paragraph(paragraph) is ends
