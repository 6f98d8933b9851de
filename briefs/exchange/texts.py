"""
Briefs from their text: the plain-text export of a Perspective's PDF, read into rows.

The layout is that of ``fixtures/source/``: blocks separated by blank lines,
in this order::

    [Series]                                          (before or after the byline)
    Title
    AUTHOR NAME[, AUTHOR NAME and AUTHOR NAME]        (in capitals)
    Series
    [Regular publication of the …]
    Publisher:
    © Publisher, 2025.
    Author(s):
    Author Name                                       (one block or line each)
    Copy editor: Name
    [For more publications, see the homepage of the Institute (www.example.org).]
    [Source of cover photo: Credit]
    July 15, 2025                                     (or 15 July 2025, 2025. július 15.)
    Author Name, Position, Affiliation                (one per author)
    TITLE IN CAPITALS
    The summary, one or more paragraphs.
    A HEADING IN CAPITALS
    Body paragraphs, with inline links [anchor](url) or [anchor](#) …

as different people typeset it: the byline's names joined by commas, "and",
"&", "és", semicolons or dashes; the imprint's fields in any order, in
English or Hungarian, the copy editor, the cover photo, the list of authors
(the byline names them) and the homepage optional; the positions one a line
or several on a line separated by semicolons, before or after the date.

A PDF's page break shows as a blank line inside a paragraph: a paragraph that
does not end with closing punctuation (. ! ? …, perhaps followed by a closing
quote or bracket) continues in the next one. Page numbers, running headers
and footers are left out wherever a break put them, and a word hyphenated at
the end of a line is whole again (``Vocabulary``). Links are numbered in
reading order and become source references (``#`` is a link whose URL is not
known yet); a section's text keeps them as ``[anchor][N]``.

Headings are set in capitals and stored as a person writes them (see
``heading_case``). Anything out of this layout raises ``TextLayoutError``
naming the line, and ``ingest_brief_text`` writes nothing.
"""

import datetime
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext

from briefs.domain import dates, derived, proposals
from briefs.domain.languages import default_language
from briefs.domain.rules import NUL_IN_TEXT
from briefs.exchange.bundles import BundleError, import_objects, not_valid
from briefs.exchange.formats import decode_text
from briefs.models import Author, Contribution, Publication
from briefs.models.base import free_slug

INGEST_REASON = "Added from its text"

COPYRIGHT_LINE = re.compile(r"^©\s*(?P<publisher>.+?),\s*(?P<year>\d{4})\.?$")
HOMEPAGE_LINE = re.compile(r"\((?P<url>[^()\s]+\.[^()\s]+)\)\.?$")
# A URL may hold one level of brackets, as Wikipedia's do.
LINK = re.compile(r"\[(?P<anchor>[^\[\]]+)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))*)\)")
# Between names in a byline or a credit: commas, "and", "&", the Hungarian
# "és", semicolons, and dashes: any spaced one, or an en or em dash ("A – B",
# "A—B"). An unspaced hyphen joins a double name ("Kovács-Tóth").
NAME_SEPARATOR = re.compile(
    r"\s*[,;]\s*(?:(?:and|és)\s+)?|\s+(?:and|és)\s+|\s*&\s*|\s+[-–—]\s+|\s*[–—]\s*",
    re.IGNORECASE,
)
# A page number alone, as a footer sets it: "3", "- 3 -", "Page 3", "3 / 10", "3. oldal".
PAGE_NUMBER = re.compile(
    r"(?:(?:page|oldal)\s+)?\d{1,3}(?:\s*(?:/|of|\|)\s*\d{1,3})?"
    r"|[-–—]\s*\d{1,3}\s*[-–—]|\d{1,3}\.\s*oldal",
    re.IGNORECASE,
)
# A running header or footer with its page number: "HIIA Perspective | 3", "3 · Title".
NUMBERED_RUNNING_LINE = re.compile(
    r"(?P<before>.+?)\s*[|·•–—-]?\s+\d{1,3}|\d{1,3}\s+[|·•–—-]?\s*(?P<after>.+)"
)
# The imprint's labels, in English and in Hungarian.
PUBLISHER_LABELS = ("Publisher", "Kiadó")
AUTHORS_LABELS = ("Author(s)", "Authors", "Author", "Szerző(k)", "Szerzők", "Szerző")
COPY_EDITOR_LABELS = (
    "Copy editor",
    "Copy editors",
    "Copy-editor",
    "Copyeditor",
    "Olvasószerkesztő",
)
COVER_PHOTO_LABELS = (
    "Source of cover photo",
    "Cover photo",
    "Cover image",
    "A címlapfotó forrása",
    "Címlapfotó",
)
EDITOR_LABELS = ("Editor", "Editors", "Szerkesztő", "Szerkesztők", "Szerkesztette")
TRANSLATOR_LABELS = ("Translator", "Translated by", "Fordító", "Fordította")
SERIES_NOTES = ("Regular publication of", "Rendszeres kiadványa", "A Magyar Külügyi")
HOMEPAGE_NOTES = ("For more publications", "További kiadványok")
CLOSING = ".!?…"
CLOSING_QUOTES = "\"'”’»)]"

# Words a headline leaves in lower case unless they open or close it, or
# follow a colon or question mark (Chicago style, as the seed's headings).
SMALL_WORDS = frozenset(
    "a an the and but or nor for so yet as at by in of off on per to up via vs "
    "from into onto upon with".split()
)
# Letters of the Cyrillic alphabets spelt in Latin ones, for slugs.
CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
        [
            *"a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch".split(),
            *("", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g", "u"),
        ],
        strict=True,
    )
)


# Latin letters that Unicode does not decompose into a letter and an accent,
# which slugify would otherwise drop ("Suwałki" → "suwaki").
UNDECOMPOSED = {
    "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ß": "ss",
    "æ": "ae", "œ": "oe", "þ": "th", "ð": "d",
}  # fmt: skip


class TextLayoutError(ValueError):
    """A text that is not in the layout of a brief; ``line`` is where it went wrong."""

    def __init__(self, line, message):
        self.line = line
        super().__init__(
            gettext("Line {line}: {message}").format(line=line, message=message)
        )


class IngestRefused(ValueError):
    """A text in the layout that cannot be written: a publication already there."""


@dataclass
class Block:
    """The lines between two blank lines and the number of the first."""

    line: int
    lines: list
    vocabulary: "Vocabulary | None" = field(default=None, repr=False, compare=False)

    @property
    def text(self):
        if self.vocabulary is None:
            return " ".join(self.lines)
        return functools.reduce(self.vocabulary.joined, self.lines)


@dataclass
class Person:
    """Someone the text credits, with the position and affiliation it gives."""

    name: str
    position: str = ""
    affiliation: str = ""


@dataclass
class SectionText:
    """A heading and its paragraphs, sources marked ``[anchor][N]``."""

    heading: str
    paragraphs: list = field(default_factory=list)

    @property
    def body(self):
        return "\n\n".join(self.paragraphs)


@dataclass
class SourceLink:
    """A link of the text, numbered in reading order; no URL where it has ``(#)``."""

    number: int
    anchor_text: str
    url: str


@dataclass
class BriefText:
    """Everything the text of a brief says, as read from its layout."""

    title: str = ""
    series: str = ""
    publisher: str = ""
    publisher_url: str = ""
    copyright_line: str = ""
    cover_photo_credit: str = ""
    publication_date: datetime.date | None = None
    authors: list = field(default_factory=list)
    copy_editors: list = field(default_factory=list)
    editors: list = field(default_factory=list)
    translators: list = field(default_factory=list)
    summary: str = ""
    sections: list = field(default_factory=list)
    sources: list = field(default_factory=list)

    @property
    def slug(self):
        return slug_of(self.title)

    def prose(self):
        """The summary and every paragraph, links as their anchor text, in reading order."""
        texts = [self.summary, *(p for s in self.sections for p in s.paragraphs)]
        return [re.sub(r"\[([^\[\]]+)\]\[\d+\]", r"\1", text) for text in texts]


# --- Reading --------------------------------------------------------------------


def blocks_of(text, vocabulary=None):
    """The text's blocks; a block's lines read as one paragraph.

    A page number, or a line the text repeats (a running header or footer),
    is a block of its own wherever a page break put it, so the reader can
    leave it out.
    """
    blocks = []
    alone = vocabulary.repeated_lines if vocabulary else set()
    previous_alone = False
    for number, line in enumerate(text.split("\n"), 1):
        line = line.strip()
        if not line:
            continue
        is_alone = line in alone or PAGE_NUMBER.fullmatch(line) is not None
        follows = blocks and blocks[-1].line + len(blocks[-1].lines) == number
        if follows and not is_alone and not previous_alone:
            blocks[-1].lines.append(line)
        else:
            blocks.append(Block(number, [line], vocabulary))
        previous_alone = is_alone
    return blocks


# Prefixes English writes with a hyphen before a word ("non-recognition").
HYPHENATED_PREFIXES = frozenset(
    "non anti pro pre post co ex self semi quasi neo pan all well half cross "
    "counter mid ultra".split()
)
# A word: letters, perhaps joined by hyphens ("long-standing").
LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


class Vocabulary:
    """What the whole text tells about its own words and lines.

    It says whether a word hyphenated at the end of a line ("nego-" /
    "tiations") is one word or a compound ("long-" / "standing"), by the
    spellings the rest of the text uses, and which lines it repeats (running
    headers and footers).
    """

    def __init__(self, text):
        lines = [line.strip() for line in text.split("\n")]
        counts = Counter(line for line in lines if line)
        self.repeated_lines = {
            line
            for line, count in counts.items()
            if count > 1 and len(line) <= 100 and not LINK.search(line)
        }
        self.words, self.compounds = set(), set()
        broken = False  # the line before ended in a hyphenated word
        for line in lines:
            words = LETTERS.findall(line)
            if broken and words and line[:1].islower():
                words = words[1:]
            broken = bool(re.search(r"[^\W\d_]-$", line))
            if broken and words:
                words = words[:-1]
            for word in words:
                word = word.casefold()
                if "-" in word:
                    self.compounds.add(word)
                    self.words.update(word.split("-"))
                else:
                    self.words.add(word)

    def joined(self, first, second):
        """Two lines of one paragraph as one: a word broken at the line's end whole again."""
        if not first or not second:
            return first + second
        if first.endswith("\u00ad"):  # a soft hyphen
            return first[:-1] + second
        if first[-1] in "–—/" and first[-2:-1] != " ":
            return first + second
        hyphenated = re.search(r"([^\W\d_]+)-$", first)
        if hyphenated and second[:1].islower():
            prefix = hyphenated[1]
            suffix = LETTERS.match(second)[0].split("-")[0]
            if self.is_compound(prefix, suffix):
                return first + second
            return first[:-1] + second
        if hyphenated and (second[:1].isupper() or second[:1].isdigit()):
            return first + second  # "anti-" "Russian", "Zapad-" "2025"
        return f"{first} {second}"

    def is_compound(self, prefix, suffix):
        """ "long-" "standing" is a compound; "nego-" "tiations" one word broken."""
        prefix, suffix = prefix.casefold(), suffix.casefold()
        if prefix + suffix in self.words:
            return False
        if f"{prefix}-{suffix}" in self.compounds:
            return True
        if len(suffix) < 4 or suffix not in self.words:
            return False
        return prefix in HYPHENATED_PREFIXES or (
            len(prefix) >= 4 and prefix in self.words
        )


def is_capitals(text):
    """Set in capitals: at least two letters, none of them in lower case."""
    letters = [char for char in LINK.sub("", text) if char.isalpha()]
    return len(letters) >= 2 and not any(char.islower() for char in letters)


def ends_a_paragraph(text):
    """Whether ``text`` closes its paragraph, or a page break cut it short."""
    words = LINK.sub(lambda match: match["anchor"] + "\x00", text).rstrip()
    if words.endswith("\x00"):  # a link at the very end is no full stop
        return False
    return words.rstrip(CLOSING_QUOTES)[-1:] in set(CLOSING)


def names_in(text):
    return [name.strip() for name in NAME_SEPARATOR.split(text) if name.strip()]


def same_name(a, b):
    return a.casefold() == b.casefold()


class Reader:
    """Reads a brief's blocks in order, saying by line where the layout is broken.

    Running headers and footers and page numbers, wherever a page break left
    them, are skipped: a page number alone (perhaps beside a running text),
    and once the front matter is read, a line repeating the series, the
    title, the byline or the publisher, or any short line the text repeats.
    """

    def __init__(self, text, language=None):
        self.language = language
        self.vocabulary = Vocabulary(text)
        self.blocks = blocks_of(text, self.vocabulary)
        self.index = 0
        self.brief = BriefText()
        self.last_line = len(text.split("\n")) - text.endswith("\n")
        self.byline = ""
        self.front_matter_read = False

    # Cursor ---------------------------------------------------------------------

    def peek(self, wanted=None):
        """The next block that is not a running line; ``wanted`` says what is never one."""
        while self.index < len(self.blocks):
            block = self.blocks[self.index]
            if not self.is_running(block) or (wanted and wanted(block.text)):
                return block
            self.index += 1
        return None

    def next(self, what, wanted=None):
        block = self.peek(wanted)
        if block is None:
            raise TextLayoutError(
                self.last_line,
                gettext("the text ends where {what} should be.").format(what=what),
            )
        self.index += 1
        return block

    def expect(self, what, test):
        block = self.next(what, wanted=test)
        if not test(block.text):
            raise TextLayoutError(
                block.line,
                gettext("expected {what}, found “{text}”.").format(
                    what=what, text=block.text
                ),
            )
        return block

    def is_running(self, block):
        """Whether a block is a running header or footer, or a page number."""
        text = block.text
        if PAGE_NUMBER.fullmatch(text):
            return True
        if not self.front_matter_read:
            return False
        if match := NUMBERED_RUNNING_LINE.fullmatch(text):
            text = match["before"] or match["after"]
        brief = self.brief
        known = (brief.series, brief.title, self.byline, brief.publisher)
        if any(same_name(text, value) for value in known if value):
            return True
        return len(block.lines) == 1 and text in self.vocabulary.repeated_lines

    # The layout -----------------------------------------------------------------

    def read(self):
        brief = self.brief
        if not self.blocks:
            raise TextLayoutError(1, gettext("the text is empty."))
        # The cover: the title, or the series and then the title, before the
        # authors' names in capitals.
        front = [self.expect(gettext("the title"), lambda text: not is_capitals(text))]
        if (following := self.peek()) and not is_capitals(following.text):
            front.append(self.next(gettext("the authors' names in capitals")))
        byline = self.expect(gettext("the authors' names in capitals"), is_capitals)
        brief.title = front[-1].text
        self.byline = byline.text
        if len(front) == 2:
            brief.series = front[0].text
        else:
            brief.series = self.expect(
                gettext("the series, such as “HIIA Perspective”"),
                lambda text: not text.endswith(":") and not is_capitals(text),
            ).text
        self.front_matter_read = True
        self.read_imprint(byline)
        self.expect(
            gettext("the title again, in capitals"),
            lambda text: is_capitals(text) and same_name(text, brief.title),
        )
        self.read_body()
        return brief

    def read_imprint(self, byline):
        """From the series to the title again: publisher, copyright, credits,
        homepage, the date and the authors' positions, the last two in either
        order, the others in any."""
        brief = self.brief
        named = names_in(byline.text)
        authors_from = None
        while True:
            block = self.next(gettext("the date"))
            text = block.text
            try:
                brief.publication_date = dates.read_written_day(text)
            except ValueError:
                raise TextLayoutError(
                    block.line, gettext("“{text}” is not a date.").format(text=text)
                ) from None
            if brief.publication_date:
                self.check_imprint(block, byline, named)
                self.read_positions()
                break
            if self.is_position_line(block.lines[0], named):
                self.index -= 1
                self.check_imprint(block, byline, named)
                self.read_positions()
                self.read_date()
                break
            if text.startswith(SERIES_NOTES) or is_label(text, PUBLISHER_LABELS):
                continue
            if match := COPYRIGHT_LINE.match(text):
                brief.publisher = match["publisher"]
                brief.copyright_line = text
            elif label_value := labelled(text, *PUBLISHER_LABELS):
                brief.publisher = brief.publisher or label_value
            elif is_label(text, AUTHORS_LABELS):
                authors_from = block
            elif label_value := labelled(text, *COPY_EDITOR_LABELS):
                brief.copy_editors = [Person(name) for name in names_in(label_value)]
                authors_from = None
            elif label_value := labelled(text, *EDITOR_LABELS):
                brief.editors = [Person(name) for name in names_in(label_value)]
                authors_from = None
            elif label_value := labelled(text, *TRANSLATOR_LABELS):
                brief.translators = [Person(name) for name in names_in(label_value)]
                authors_from = None
            elif label_value := labelled(text, *COVER_PHOTO_LABELS):
                brief.cover_photo_credit = label_value
            elif text.startswith(HOMEPAGE_NOTES):
                if match := HOMEPAGE_LINE.search(text):
                    brief.publisher_url = url_of(match["url"])
            elif authors_from is not None and not text.endswith(":"):
                listed = {author.name.casefold() for author in brief.authors}
                brief.authors.extend(
                    Person(name)
                    for name in names_in(text)
                    # A running footer naming the author repeats a name.
                    if name.casefold() not in listed
                )
            else:
                raise TextLayoutError(
                    block.line,
                    gettext(
                        "expected the imprint (Publisher:, ©, Author(s):, Editor:, "
                        "Copy editor:, Translator:, Source of cover photo:) or the "
                        "date, found “{text}”."
                    ).format(text=text),
                )

    def check_imprint(self, block, byline, named):
        """At the end of the imprint: the publisher is known, the authors agree with the byline."""
        brief = self.brief
        if not brief.publisher:
            raise TextLayoutError(
                block.line,
                gettext(
                    "the date comes before the copyright line (“© Publisher, year.”)."
                )
                if brief.publication_date
                else gettext(
                    "the positions come before the copyright line "
                    "(“© Publisher, year.”)."
                ),
            )
        if not brief.authors:
            # No "Author(s):" list: the byline names them; their positions
            # give their names as written.
            brief.authors = [Person(capitalized_name(name)) for name in named]
        if [name.casefold() for name in named] != [
            author.name.casefold() for author in brief.authors
        ]:
            raise TextLayoutError(
                byline.line,
                gettext(
                    "the names in capitals (“{byline}”) are not the authors listed "
                    "under “Author(s):” ({authors})."
                ).format(
                    byline=byline.text,
                    authors=", ".join(a.name for a in brief.authors),
                ),
            )

    def is_position_line(self, line, named):
        """ "Name, Position, Affiliation" for an author the byline names."""
        first = line.split(",")[0].strip().casefold()
        return "," in line and first in {name.casefold() for name in named}

    def read_date(self):
        block = self.next(gettext("the date"))
        try:
            self.brief.publication_date = dates.read_written_day(block.text)
        except ValueError:
            raise TextLayoutError(
                block.line, gettext("“{text}” is not a date.").format(text=block.text)
            ) from None
        if not self.brief.publication_date:
            raise TextLayoutError(
                block.line,
                gettext("expected the date, found “{text}”.").format(text=block.text),
            )

    def read_positions(self):
        """One entry per author, in order: "Name, Position, Affiliation", a
        line each or several on a line separated by semicolons."""
        authors = self.brief.authors
        entries = []
        while len(entries) < len(authors):
            block = self.next(gettext("an author's position"))
            for line, text in enumerate(block.lines, block.line):
                first, *others = [part.strip() for part in text.split(";")]
                entries.append((line, first))
                for part in others:
                    if len(entries) < len(authors):
                        entries.append((line, part))
                    elif part:  # a semicolon inside the last author's position
                        entries[-1] = (line, f"{entries[-1][1]}; {part}")
        if len(entries) > len(authors):
            line, text = entries[len(authors)]
            raise TextLayoutError(
                line,
                gettext(
                    "expected the title again, in capitals, found “{text}”."
                ).format(text=text),
            )
        for (line, text), author in zip(entries, authors, strict=True):
            parts = [part.strip() for part in text.split(",")]
            if not same_name(parts[0], author.name) or len(parts) < 2:
                raise TextLayoutError(
                    line,
                    gettext(
                        "expected “{name}, position, affiliation”, found “{text}”."
                    ).format(name=author.name, text=text),
                )
            author.name = parts[0]  # as the positions write it, not the byline
            if len(parts) == 2:
                author.position = parts[1]
            else:
                author.position = ", ".join(parts[1:-1])
                author.affiliation = affiliation_of(parts[-1], self.brief.publisher)

    def read_body(self):
        """The summary up to the first heading, then the headed sections."""
        brief = self.brief
        summary, sections = [], []
        paragraphs = summary
        start = self.peek()
        while (block := self.peek()) is not None:
            self.index += 1
            if is_capitals(block.text):
                if LINK.search(block.text):
                    raise TextLayoutError(
                        block.line, gettext("a heading holds a link.")
                    )
                sections.append(SectionText(block.text))
                paragraphs = sections[-1].paragraphs
            elif paragraphs and not ends_a_paragraph(paragraphs[-1]):
                paragraphs[-1] = self.vocabulary.joined(paragraphs[-1], block.text)
            else:
                paragraphs.append(block.text)
        if not summary:
            line = start.line if start else self.last_line
            raise TextLayoutError(
                line, gettext("expected the summary before the first heading.")
            )
        if not sections:
            raise TextLayoutError(
                self.last_line, gettext("the text has no heading in capitals.")
            )
        for section in sections:
            if not section.paragraphs:
                raise TextLayoutError(
                    self.heading_line(section),
                    gettext("a heading without any text after it."),
                )
        paragraphs = [text for section in sections for text in section.paragraphs]
        spellings = written_words([*summary, brief.title, *paragraphs])
        numbering = Numbering(brief.sources)
        brief.summary = "\n\n".join(numbering.plain(text) for text in summary)
        for section in sections:
            section.heading = heading_case(section.heading, spellings, self.language)
            section.paragraphs = [numbering.marked(text) for text in section.paragraphs]
        brief.sections = sections

    def heading_line(self, section):
        return next(b.line for b in self.blocks if b.text == section.heading)


class Numbering:
    """Numbers the links of a brief in reading order into its source references."""

    def __init__(self, sources):
        self.sources = sources

    def add(self, match):
        url = "" if match["url"] in ("", "#") else match["url"]
        self.sources.append(SourceLink(len(self.sources) + 1, match["anchor"], url))
        return self.sources[-1]

    def marked(self, text):
        return LINK.sub(lambda m: f"[{m['anchor']}][{self.add(m).number}]", text)

    def plain(self, text):
        # The abstract is plain text: its links keep their words, and their
        # URLs are kept among the source references.
        return LINK.sub(lambda m: self.add(m).anchor_text, text)


def labelled(text, *labels):
    for label in labels:
        if text.startswith(f"{label}:"):
            return text[len(label) + 1 :].strip()
    return ""


def is_label(text, labels):
    """ "Publisher:" alone on its line, its value in the lines after it."""
    return text.endswith(":") and text[:-1].strip() in labels


def capitalized_name(name):
    """A name from a byline in capitals as written: "ANNA KOVÁCS-TÓTH" → "Anna Kovács-Tóth"."""
    return " ".join(capitalized(word) for word in name.split())


def url_of(address):
    return address if "://" in address else f"https://{address.rstrip('/')}/"


def initials(name):
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def affiliation_of(text, publisher):
    """An affiliation given as the publisher's initials is written out, as "Name (HIIA)"."""
    if publisher and text == initials(publisher) and len(text) > 1:
        return f"{publisher} ({text})"
    return text


def read_brief_text(text, language=None):
    """The brief a text in the layout holds, written in ``language`` (its
    headings' case follows that language's custom); raises TextLayoutError
    naming the line."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:  # the rule of every text, said by its line
        raise TextLayoutError(line_of(text, text.index("\x00")), NUL_IN_TEXT)
    return Reader(text, language).read()


def read_text_file(data):
    """A text file's bytes as text, or NotText in the words every door uses."""
    return decode_text(data, "plain")


def line_of(text, index):
    return text.count("\n", 0, index) + 1


def where_in_text(text, value):
    """The line of the text a value was read from: where its first words are."""
    value = str(value or "").strip()
    if not value:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lowered = text.lower()
    for probe in (value, value.split("\n")[0][:40], value[:20]):
        index = lowered.find(probe.lower())
        if index >= 0:
            return line_of(text, index)
    return None


# A publication's fields that come with its text rather than from it.
GIVEN_WITH_THE_TEXT = ("language", "translation_of")


def refused_by_line(text, error):
    """A bundle's problems with the objects a text made, named by the text's
    lines: the author of a text knows its lines, not the objects read from it."""
    lines = []
    located = list(error.located or ())
    # A part refused only because its brief (or author) was: said once, at the cause.
    refused = {entry.index for entry, _field, _message in located}
    for entry, field_name, message in located:
        if any(not_valid(index) in message for index in refused):
            continue
        value = entry.fields.get(field_name) if field_name else None
        if isinstance(value, str) and not value.strip():
            value = None
        if entry.model is Publication and field_name in GIVEN_WITH_THE_TEXT:
            # Given with the text (its language, the brief it translates),
            # not read from it: no line of the text says it.
            shown = value[0] if isinstance(value, list) else value
            what = entry.model._meta.get_field(field_name).verbose_name
            lines.append(
                gettext("{what} “{shown}”: {message}").format(
                    what=str(what).capitalize(), shown=shown, message=message
                )
            )
            continue
        place = where_in_text(text, value)
        if place is None:
            # The object's own words: its heading, name, anchor or title.
            for name in ("heading", "name", "anchor_text", "title"):
                place = place or where_in_text(text, entry.fields.get(name))
        what = (
            entry.model._meta.get_field(field_name).verbose_name if field_name else ""
        )
        shown = f" “{value}”" if isinstance(value, str) else ""
        where = (
            gettext("Line {line}").format(line=place) if place else gettext("The text")
        )
        lines.append(
            f"{where}: {what}{shown}: {message}" if what else f"{where}: {message}"
        )
    return "\n".join(lines) or str(error)


# --- Headings as a person writes them -------------------------------------------

WORD = re.compile(r"\w(?:[\w.'’-]*\w)?\.?")


def written_words(texts):
    """How the prose spells words that are not plain lower case: "NATO", "U.S.", "Minsk".

    A word seen in capitals is an abbreviation and stays so in a heading; a
    word seen only capitalised, in the middle of a sentence, is a name.
    """
    seen = {}
    for text in texts:
        words = LINK.sub(r"\g<anchor>", text)
        for match in WORD.finditer(words):
            word = match.group()
            before = words[: match.start()].rstrip()
            opens_sentence = not before or before[-1] in '.!?:—“"‘('
            abbreviation = word.isupper() and len(word) > 1
            seen.setdefault(word.casefold(), set()).add(
                "first" if opens_sentence and not abbreviation else word
            )
    spellings = {}
    for key, forms in seen.items():
        written = forms - {"first"}
        if len(written) == 1 and (spelling := next(iter(written))) != key:
            spellings[key] = spelling
    return spellings


# Languages whose headings take headline style ("Why Now, and Why Minsk?"):
# English's custom. Others (Hungarian: "Miért most, és miért Minszk?") write
# headings as sentences.
HEADLINE_LANGUAGES = frozenset({"en"})


def heading_case(text, spellings=None, language=None):
    """A heading in capitals as a person writes it.

    Latin headings of an English brief (``language`` "en" or not given)
    take headline style, as the seed's do ("Why Now, and Why Minsk?", "A
    Surprise Visit to an “Old Friend”?"): every word capitalised but
    articles, short conjunctions and prepositions, unless they open or close
    the heading or follow a colon, question mark or dash. Headings in
    another script (Cyrillic), or of a brief in another language
    (Hungarian), take sentence case. Either way a word the brief's prose
    writes in capitals ("NATO", "U.S.") or only ever capitalised (a name)
    keeps that spelling.
    """
    spellings = spellings or {}
    latin = (language is None or language in HEADLINE_LANGUAGES) and all(
        "LATIN" in unicodedata.name(char, "") for char in text if char.isalpha()
    )
    matches = list(WORD.finditer(text))
    words = []
    for index, match in enumerate(matches):
        word = match.group()
        before = text[: match.start()].rstrip(" “\"‘'(")
        opens = index == 0 or before[-1:] in (":", "?", "!", "—", "–")
        closes = index == len(matches) - 1
        stem, possessive = re.fullmatch(r"(.+?)((?:['’][sS])?)", word).groups()
        if stem.casefold() in spellings:  # "NATO'S" → "NATO's"
            written = spellings[stem.casefold()] + possessive.lower()
        elif latin and (opens or closes or word.casefold() not in SMALL_WORDS):
            written = capitalized(word)
        elif opens:
            written = capitalized(word)
        else:
            written = word.lower()
        words.append((match.start(), match.end(), written))
    result, end = [], 0
    for start, stop, written in words:
        result.append(text[end:start] + written)
        end = stop
    return "".join(result) + text[end:]


def capitalized(word):
    """ "KELLOGG'S" → "Kellogg's", "ZAPAD-2025" → "Zapad-2025"."""
    parts = re.split(r"(-)", word.lower())
    return "".join(part[:1].upper() + part[1:] for part in parts)


# --- Writing ---------------------------------------------------------------------


def slug_of(text, max_length=120):
    """A slug for a title or a name, Cyrillic spelt in Latin letters.

    Dashes and slashes part words ("U.S.–Belarus" → "us-belarus",
    "Belarus/Ukraine" → "belarus-ukraine"), as the spaces around them would.
    """
    spelt = "".join(
        " " if char in "/\\" or unicodedata.category(char) == "Pd" else char
        for char in (
            CYRILLIC.get(char.lower(), UNDECOMPOSED.get(char.lower(), char))
            for char in text
        )
    )
    return slugify(spelt)[:max_length].rstrip("-")


@dataclass
class IngestResult:
    """What an ingest did, or would do on a dry run."""

    brief: BriefText
    publication_slug: str
    created: bool
    new_authors: list
    known_authors: list
    proposals: list
    dry_run: bool
    language: str = ""
    edition_of: str = ""  # the original edition's slug, for a translation


def existing_publication(brief, slug):
    """The publication this text is already in: by slug, or by title and date."""
    rows = Publication.objects.filter(slug=slug) | Publication.objects.filter(
        title__iexact=brief.title, publication_date=brief.publication_date
    )
    return rows.order_by("pk").first()


def ingest_brief_text(
    text,
    *,
    dry_run=False,
    update=False,
    slug=None,
    user=None,
    language=None,
    edition_of=None,
):
    """Read a brief's text and create its draft, in one transaction.

    Authors are matched by name and created when new. A publication already
    there is left alone unless ``update`` is given, and then only while it is
    a draft. Actors and dates the text mentions are stored as proposals for a
    curator (``briefs.domain.proposals``), never as facts. ``language`` is
    the text's (by default the site's own); ``edition_of`` the slug of a
    brief (any edition of it) this text is a translation of: the draft is
    that brief's edition in ``language``, stating its facts. Raises
    TextLayoutError or IngestRefused having written nothing.
    """
    language = language or default_language()
    original = original_of(edition_of)
    brief = read_brief_text(text, language)
    with derived.write():
        existing = existing_publication(brief, slug or brief.slug)
        if existing and not update:
            raise IngestRefused(
                gettext(
                    "The brief is already here: “{title}” ({slug}, {status}). Nothing "
                    "was changed; ask to update the draft to replace its text."
                ).format(
                    title=existing.title,
                    slug=existing.slug,
                    status=existing.get_status_display().lower(),
                )
            )
        if existing and existing.status != Publication.Status.DRAFT:
            raise IngestRefused(
                gettext(
                    "“{title}” ({slug}) is {status}, not a draft: its text is changed "
                    "in the admin, not from a file. Nothing was changed."
                ).format(
                    title=existing.title,
                    slug=existing.slug,
                    status=existing.get_status_display().lower(),
                )
            )
        slug = existing.slug if existing else free_slug(Publication, slug or brief.slug)
        people, new_authors, known_authors = match_people(brief)
        if existing:
            drop_parts_not_in(existing, brief, people)
        objects = bundle_objects_of(
            brief, slug, people, new_authors, language=language, original=original
        )
        try:
            import_objects(objects, dry_run=dry_run, reason=INGEST_REASON, user=user)
        except BundleError as error:
            raise IngestRefused(refused_by_line(text, error)) from None
        found = proposals.find_proposals(brief, linked=existing, language=language)
        if dry_run:
            transaction.set_rollback(True)
        else:
            proposals.store_proposals(Publication.objects.get(slug=slug), found)
    return IngestResult(
        brief=brief,
        publication_slug=slug,
        created=existing is None,
        new_authors=[person.name for person in new_authors],
        known_authors=known_authors,
        proposals=found,
        dry_run=dry_run,
        language=language,
        edition_of=original.slug if original else "",
    )


def original_of(slug):
    """The original edition of the brief ``slug`` names (any edition of it),
    or None without a slug; IngestRefused, in the table doors' words, for a
    slug no brief has."""
    if not slug:
        return None
    edition = (
        Publication.objects.select_related("translation_of").filter(slug=slug).first()
    )
    if edition is None:
        raise IngestRefused(
            gettext("No {name} with slug “{slug}”. Nothing was written.").format(
                name=Publication._meta.verbose_name, slug=slug
            )
        )
    return edition.facts_edition


def match_people(brief):
    """Each credited person's author slug: a stored author of that name, or a new one."""
    people, new, known = {}, [], []
    taken = set()
    for person in [
        *brief.authors,
        *brief.editors,
        *brief.copy_editors,
        *brief.translators,
    ]:
        if person.name in people:
            continue
        author = Author.objects.filter(name__iexact=person.name).order_by("pk").first()
        if author:
            people[person.name] = author.slug
            known.append(author.name)
            continue
        base = slug_of(person.name) or "author"
        slug, number = free_slug(Author, base), 1
        while slug in taken:  # two new names with one slug ("José", "Jose")
            number += 1
            slug = free_slug(Author, f"{base}-{number}")
        taken.add(slug)
        people[person.name] = slug
        new.append(person)
    return people, new, known


def drop_parts_not_in(publication, brief, people):
    """Before an update: the draft's parts the new text no longer has."""
    publication.sections.filter(position__gt=len(brief.sections)).delete()
    publication.source_references.filter(number__gt=len(brief.sources)).delete()
    wanted = {key[1:] for key in contribution_keys(brief, people)}
    for contribution in publication.contributions.select_related("author"):
        key = (contribution.author.slug, contribution.role, contribution.position)
        if key not in wanted:
            contribution.delete()


def contribution_keys(brief, people):
    roles = Contribution.Role
    credits = [
        (person, role)
        for people_of_role, role in (
            (brief.authors, roles.AUTHOR),
            (brief.editors, roles.EDITOR),
            (brief.copy_editors, roles.COPY_EDITOR),
            (brief.translators, roles.TRANSLATOR),
        )
        for person in people_of_role
    ]
    return [
        (position, people[person.name], role, position)
        for position, (person, role) in enumerate(credits, 1)
    ]


def credited_as(brief, person):
    """The position of a new author the text credits but gives none: their role."""
    for people_of_role, role in (
        (brief.copy_editors, "Copy editor"),
        (brief.editors, "Editor"),
        (brief.translators, "Translator"),
    ):
        if person in people_of_role:
            return role
    return ""


def bundle_objects_of(brief, slug, people, new_authors, *, language, original=None):
    """The brief as a bundle (``briefs.exchange.bundles``), so it meets every rule an import does."""
    key = [slug]
    objects = [
        {
            "model": "briefs.author",
            "fields": {
                "slug": people[person.name],
                "name": person.name,
                "position": person.position or credited_as(brief, person),
                "affiliation": person.affiliation,
            },
        }
        for person in new_authors
    ]
    objects.append(
        {
            "model": "briefs.publication",
            "fields": {
                "slug": slug,
                "series": brief.series,
                "title": brief.title,
                "publisher": brief.publisher,
                "publisher_url": brief.publisher_url,
                "publication_date": brief.publication_date.isoformat(),
                "language": language,
                "translation_of": [original.slug] if original else None,
                "summary": brief.summary,
                "cover_photo_credit": brief.cover_photo_credit,
                "copyright_line": brief.copyright_line,
                "status": Publication.Status.DRAFT,
            },
        }
    )
    objects += [
        {
            "model": "briefs.section",
            "fields": {
                "publication": key,
                "position": position,
                "heading": section.heading,
                "body": section.body,
            },
        }
        for position, section in enumerate(brief.sections, 1)
    ]
    objects += [
        {
            "model": "briefs.contribution",
            "fields": {
                "publication": key,
                "author": [author],
                "role": role,
                "position": position,
            },
        }
        for _, author, role, position in contribution_keys(brief, people)
    ]
    objects += [
        {
            "model": "briefs.sourcereference",
            "fields": {
                "publication": key,
                "number": source.number,
                "anchor_text": source.anchor_text,
                "url": source.url,
            },
        }
        for source in brief.sources
    ]
    return objects
