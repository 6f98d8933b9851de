"""
Briefs from their text: the plain-text export of a Perspective's PDF, read into rows.

The layout is that of ``fixtures/source/``: blocks separated by blank lines,
in this order::

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
    July 15, 2025                                     (or 15 July 2025)
    Author Name, Position, Affiliation                (one per author)
    TITLE IN CAPITALS
    The summary, one or more paragraphs.
    A HEADING IN CAPITALS
    Body paragraphs, with inline links [anchor](url) or [anchor](#) …

A PDF's page break shows as a blank line inside a paragraph: a paragraph that
does not end with closing punctuation (. ! ? …, perhaps followed by a closing
quote or bracket) continues in the next one. Links are numbered in reading
order and become source references (``#`` is a link whose URL is not known
yet); a section's text keeps them as ``[anchor][N]``.

Headings are set in capitals and stored as a person writes them (see
``heading_case``). Anything out of this layout raises ``TextLayoutError``
naming the line, and ``ingest_brief_text`` writes nothing.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from briefs.domain import dates, derived, proposals
from briefs.exchange.bundles import BundleError, import_objects
from briefs.models import Author, Contribution, Publication

INGEST_REASON = "Added from its text"

COPYRIGHT_LINE = re.compile(r"^©\s*(?P<publisher>.+?),\s*(?P<year>\d{4})\.?$")
HOMEPAGE_LINE = re.compile(r"\((?P<url>[^()\s]+\.[^()\s]+)\)\.?$")
# A URL may hold one level of brackets, as Wikipedia's do.
LINK = re.compile(r"\[(?P<anchor>[^\[\]]+)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))*)\)")
NAME_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", re.IGNORECASE)
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


class TextLayoutError(ValueError):
    """A text that is not in the layout of a brief; ``line`` is where it went wrong."""

    def __init__(self, line, message):
        self.line = line
        super().__init__(f"Line {line}: {message}")


class IngestRefused(ValueError):
    """A text in the layout that cannot be written: a publication already there."""


@dataclass
class Block:
    """The lines between two blank lines and the number of the first."""

    line: int
    lines: list

    @property
    def text(self):
        return " ".join(self.lines)


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


def blocks_of(text):
    """The text's blocks; a block's lines read as one paragraph."""
    blocks = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if blocks and blocks[-1].line + len(blocks[-1].lines) == number:
            blocks[-1].lines.append(line)
        else:
            blocks.append(Block(number, [line]))
    return blocks


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
    """Reads a brief's blocks in order, saying by line where the layout is broken."""

    def __init__(self, text):
        self.blocks = blocks_of(text)
        self.index = 0
        self.brief = BriefText()
        self.last_line = len(text.splitlines())

    # Cursor ---------------------------------------------------------------------

    def peek(self):
        return self.blocks[self.index] if self.index < len(self.blocks) else None

    def next(self, what):
        block = self.peek()
        if block is None:
            raise TextLayoutError(
                self.last_line, f"the text ends where {what} should be."
            )
        self.index += 1
        return block

    def expect(self, what, test):
        block = self.next(what)
        if not test(block.text):
            raise TextLayoutError(block.line, f"expected {what}, found “{block.text}”.")
        return block

    # The layout -----------------------------------------------------------------

    def read(self):
        brief = self.brief
        if not self.blocks:
            raise TextLayoutError(1, "the text is empty.")
        title = self.expect("the title", lambda text: not is_capitals(text))
        brief.title = title.text
        byline = self.expect("the authors' names in capitals", is_capitals)
        brief.series = self.expect(
            "the series, such as “HIIA Perspective”",
            lambda text: not text.endswith(":") and not is_capitals(text),
        ).text
        self.read_imprint(byline)
        self.read_positions()
        self.expect(
            "the title again, in capitals",
            lambda text: is_capitals(text) and same_name(text, brief.title),
        )
        self.read_body()
        return brief

    def read_imprint(self, byline):
        """From the series to the date: publisher, copyright, credits, homepage."""
        brief = self.brief
        authors_from = None
        while True:
            block = self.next("the date")
            text = block.text
            try:
                brief.publication_date = dates.read_written_day(text)
            except ValueError:
                raise TextLayoutError(block.line, f"“{text}” is not a date.") from None
            if brief.publication_date:
                break
            if text.startswith("Regular publication of") or text == "Publisher:":
                continue
            if match := COPYRIGHT_LINE.match(text):
                brief.publisher = match["publisher"]
                brief.copyright_line = text
            elif text in ("Author(s):", "Authors:", "Author:"):
                authors_from = block
            elif label_value := labelled(text, "Copy editor", "Copy editors"):
                brief.copy_editors = [Person(name) for name in names_in(label_value)]
                authors_from = None
            elif label_value := labelled(text, "Source of cover photo"):
                brief.cover_photo_credit = label_value
            elif text.startswith("For more publications"):
                if match := HOMEPAGE_LINE.search(text):
                    brief.publisher_url = url_of(match["url"])
            elif authors_from is not None and not text.endswith(":"):
                brief.authors.extend(Person(name) for name in names_in(text))
            else:
                raise TextLayoutError(
                    block.line,
                    "expected the imprint (Publisher:, ©, Author(s):, Copy editor:, "
                    f"Source of cover photo:) or the date, found “{text}”.",
                )
        missing = [
            what
            for what, value in (
                ("the copyright line (“© Publisher, year.”)", brief.publisher),
                ("the authors (“Author(s):”)", brief.authors),
            )
            if not value
        ]
        if missing:
            raise TextLayoutError(block.line, f"the date comes before {missing[0]}.")
        named = names_in(byline.text)
        if [name.casefold() for name in named] != [
            author.name.casefold() for author in brief.authors
        ]:
            raise TextLayoutError(
                byline.line,
                f"the names in capitals (“{byline.text}”) are not the authors "
                f"listed under “Author(s):” ({', '.join(a.name for a in brief.authors)}).",
            )

    def read_positions(self):
        """One line per author, in order: "Name, Position, Affiliation"."""
        lines = []
        while len(lines) < len(self.brief.authors):
            block = self.next("an author's position")
            lines.extend(enumerate(block.lines, block.line))
        if len(lines) > len(self.brief.authors):
            line, text = lines[len(self.brief.authors)]
            raise TextLayoutError(
                line, f"expected the title again, in capitals, found “{text}”."
            )
        for (line, text), author in zip(lines, self.brief.authors, strict=True):
            parts = [part.strip() for part in text.split(",")]
            if not same_name(parts[0], author.name) or len(parts) < 2:
                raise TextLayoutError(
                    line,
                    f"expected “{author.name}, position, affiliation”, found “{text}”.",
                )
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
        for block in self.blocks[self.index :]:
            if is_capitals(block.text):
                if LINK.search(block.text):
                    raise TextLayoutError(block.line, "a heading holds a link.")
                sections.append(SectionText(block.text))
                paragraphs = sections[-1].paragraphs
            elif paragraphs and not ends_a_paragraph(paragraphs[-1]):
                paragraphs[-1] += " " + block.text
            else:
                paragraphs.append(block.text)
        if not summary:
            line = self.blocks[self.index].line if self.peek() else self.last_line
            raise TextLayoutError(
                line, "expected the summary before the first heading."
            )
        if not sections:
            raise TextLayoutError(
                self.last_line, "the text has no heading in capitals."
            )
        for section in sections:
            if not section.paragraphs:
                raise TextLayoutError(
                    self.heading_line(section), "a heading without any text after it."
                )
        paragraphs = [text for section in sections for text in section.paragraphs]
        spellings = written_words([*summary, brief.title, *paragraphs])
        numbering = Numbering(brief.sources)
        brief.summary = "\n\n".join(numbering.plain(text) for text in summary)
        for section in sections:
            section.heading = heading_case(section.heading, spellings)
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


def url_of(address):
    return address if "://" in address else f"https://{address.rstrip('/')}/"


def initials(name):
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def affiliation_of(text, publisher):
    """An affiliation given as the publisher's initials is written out, as "Name (HIIA)"."""
    if publisher and text == initials(publisher) and len(text) > 1:
        return f"{publisher} ({text})"
    return text


def read_brief_text(text):
    """The brief a text in the layout holds; raises TextLayoutError naming the line."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Reader(text).read()


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


def heading_case(text, spellings=None):
    """A heading in capitals as a person writes it.

    Latin headings take headline style, as the seed's do ("Why Now, and Why
    Minsk?", "A Surprise Visit to an “Old Friend”?"): every word capitalised
    but articles, short conjunctions and prepositions, unless they open or
    close the heading or follow a colon, question mark or dash. Headings in
    another script (Cyrillic) take sentence case. Either way a word the
    brief's prose writes in capitals ("NATO", "U.S.") or only ever
    capitalised (a name) keeps that spelling.
    """
    spellings = spellings or {}
    latin = all(
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
    """A slug for a title or a name, Cyrillic spelt in Latin letters."""
    spelt = "".join(CYRILLIC.get(char.lower(), char) for char in text)
    return slugify(spelt)[:max_length].rstrip("-")


def free_slug(model, slug):
    """``slug`` or, if a row has it, the first of ``slug-2``, ``slug-3`` … that is free."""
    candidate, number = slug, 1
    while model.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{slug[: 120 - len(str(number)) - 1]}-{number}"
    return candidate


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


def existing_publication(brief, slug):
    """The publication this text is already in: by slug, or by title and date."""
    rows = Publication.objects.filter(slug=slug) | Publication.objects.filter(
        title__iexact=brief.title, publication_date=brief.publication_date
    )
    return rows.order_by("pk").first()


def ingest_brief_text(text, *, dry_run=False, update=False, slug=None, user=None):
    """Read a brief's text and create its draft, in one transaction.

    Authors are matched by name and created when new. A publication already
    there is left alone unless ``update`` is given, and then only while it is
    a draft. Actors and dates the text mentions are stored as proposals for a
    curator (``briefs.domain.proposals``), never as facts. Raises
    TextLayoutError or IngestRefused having written nothing.
    """
    brief = read_brief_text(text)
    with derived.write():
        existing = existing_publication(brief, slug or brief.slug)
        if existing and not update:
            raise IngestRefused(
                f"The brief is already here: “{existing.title}” ({existing.slug}, "
                f"{existing.get_status_display().lower()}). Nothing was changed; "
                "ask to update the draft to replace its text."
            )
        if existing and existing.status != Publication.Status.DRAFT:
            raise IngestRefused(
                f"“{existing.title}” ({existing.slug}) is "
                f"{existing.get_status_display().lower()}, not a draft: "
                "its text is changed in the admin, not from a file. Nothing was changed."
            )
        slug = existing.slug if existing else free_slug(Publication, slug or brief.slug)
        people, new_authors, known_authors = match_people(brief)
        if existing:
            drop_parts_not_in(existing, brief, people)
        objects = bundle_objects_of(brief, slug, people, new_authors)
        try:
            import_objects(objects, dry_run=dry_run, reason=INGEST_REASON, user=user)
        except BundleError as error:
            raise IngestRefused(str(error)) from None
        found = proposals.find_proposals(brief, linked=existing)
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
    )


def match_people(brief):
    """Each credited person's author slug: a stored author of that name, or a new one."""
    people, new, known = {}, [], []
    taken = set()
    for person in [*brief.authors, *brief.copy_editors]:
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
    credits = [(person, Contribution.Role.AUTHOR) for person in brief.authors] + [
        (person, Contribution.Role.COPY_EDITOR) for person in brief.copy_editors
    ]
    return [
        (position, people[person.name], role, position)
        for position, (person, role) in enumerate(credits, 1)
    ]


def bundle_objects_of(brief, slug, people, new_authors):
    """The brief as a bundle (``briefs.exchange.bundles``), so it meets every rule an import does."""
    key = [slug]
    objects = [
        {
            "model": "briefs.author",
            "fields": {
                "slug": people[person.name],
                "name": person.name,
                "position": person.position
                or ("Copy editor" if person in brief.copy_editors else ""),
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
