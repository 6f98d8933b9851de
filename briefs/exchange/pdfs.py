"""
A brief's PDF as its text: the layout of ``fixtures/source/`` that
``briefs.exchange.texts`` reads, made from the PDF a brief was published as.

pdfplumber (on pdfminer.six) gives every character with its font, size and
place, and the page's link annotations. From them, page by page:

- lines are the characters that share a baseline; a raised, smaller number
  after a word is a note marker, not a word;
- running headers and footers and page numbers are left out: the top and
  bottom lines of a page after the cover, when they are a page number, or
  repeat at the edge of other pages, or stand apart from the text in the
  page's margin;
- blocks (paragraphs, headings, imprint lines) are parted by a blank line
  where the space between lines grows, the font changes, or a line ends
  short enough that the next line's first word would have fitted; a
  paragraph that runs on over a page break stays one block;
- the words under a link annotation become ``[anchor](url)``, so a source a
  text export leaves as ``(#)`` keeps its URL;
- notes (under a heading "Notes", "Sources", "References" or "Endnotes" at
  the end, or in a smaller type at the foot of a page) are left out of the
  text, and each raised marker becomes the source it numbers: after a link
  it is dropped, the link already being the source; after a plain word the
  word becomes ``[word](url of the note)``.

Words hyphenated at a line's end are joined by the text's reader, which
knows the whole text's vocabulary. Whatever cannot be read (not a PDF, a
password, only images, too large) raises ``PdfRefused`` saying so, in the
words both doors show.
"""

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PAGES = 60
NOTES_HEADING = re.compile(
    r"(?:notes|endnotes|sources|references|jegyzetek|források)", re.IGNORECASE
)
NOTE_START = re.compile(r"^\[?(?P<number>\d{1,3})[.)\]]?\s+(?P<text>.*)$")
URL = re.compile(r"https?://\S+|www\.\S+")
PAGE_NUMBER = re.compile(
    r"(?:(?:page|oldal)\s+)?\d{1,3}(?:\s*(?:/|of|\|)\s*\d{1,3})?|[-–—]\s*\d{1,3}\s*[-–—]",
    re.IGNORECASE,
)


class PdfRefused(ValueError):
    """A file that cannot be read as a brief's PDF; the message says why."""


@dataclass
class Word:
    """A run of characters without a space, where it stands, and the link over it."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    raised: bool = False
    url: str = ""
    glued: bool = False  # no space before it: "warmly¹:" is "warmly", "1", ":"


@dataclass
class Line:
    """The words on one baseline of a page."""

    words: list = field(default_factory=list)

    @property
    def text(self):
        return " ".join(word.text for word in self.words if not word.raised)

    @property
    def x0(self):
        return self.words[0].x0

    @property
    def x1(self):
        return self.words[-1].x1

    @property
    def top(self):
        return min(word.top for word in self.body_words)

    @property
    def bottom(self):
        return max(word.bottom for word in self.body_words)

    @property
    def body_words(self):
        return [word for word in self.words if not word.raised] or self.words

    @property
    def size(self):
        return statistics.median(word.size for word in self.body_words)

    @property
    def font(self):
        return Counter(word.font for word in self.body_words).most_common(1)[0][0]


def refuse(name, reason):
    raise PdfRefused(
        gettext("“{name}” {reason} Nothing was written.").format(
            name=name, reason=reason
        )
    )


def is_pdf(name, head):
    """Whether a file is meant as a PDF: its name says so, or its first bytes."""
    return name.lower().endswith(".pdf") or head[:1024].lstrip().startswith(b"%PDF-")


def check_size(size, name):
    """Refuse a file too large to be a brief's PDF, before reading it."""
    if size > MAX_PDF_BYTES:
        refuse(
            name,
            gettext("is {size:.1f} MB; a brief's PDF is at most {limit} MB.").format(
                size=size / 1024 / 1024, limit=MAX_PDF_BYTES // 1024 // 1024
            ),
        )


def read_pdf(data, name=None):
    """The text of a brief's PDF, in the layout of ``fixtures/source/``.

    Raises PdfRefused naming what is wrong with the file.
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    name = gettext("the file") if name is None else name
    check_size(len(data), name)
    if b"%PDF-" not in data[:1024]:
        refuse(name, gettext("is not a PDF: it does not begin as one (%PDF-)."))
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                refuse(
                    name,
                    gettext("has {pages} pages; a brief has at most {limit}.").format(
                        pages=len(pdf.pages), limit=MAX_PAGES
                    ),
                )
            pages = [page_lines(page) for page in pdf.pages]
    except PdfRefused:
        raise
    except Exception as error:  # noqa: BLE001 pdfminer raises many kinds for a damaged file
        # pdfplumber wraps pdfminer's errors: the password one is in its args.
        if any(isinstance(arg, PDFPasswordIncorrect) for arg in (error, *error.args)):
            refuse(
                name,
                gettext(
                    "is encrypted: it opens only with a password. Save it without one."
                ),
            )
        refuse(name, gettext("cannot be read as a PDF: it is damaged or incomplete."))
    if not any(pages):
        refuse(
            name,
            gettext(
                "has no text to read: its pages are images (a scan?). "
                "Ingest the PDF it was typeset as, or its text."
            ),
        )
    return text_of(pages)


# --- Lines ----------------------------------------------------------------------


def page_lines(page):
    """The page's lines top to bottom, each word with the URL of a link over it."""
    chars = [c for c in page.chars if c.get("upright", True)]
    rows = []  # [top, bottom, chars]
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        for row in reversed(rows[-3:]):
            overlap = min(row[1], char["bottom"]) - max(row[0], char["top"])
            if overlap >= 0.5 * min(row[1] - row[0], char["bottom"] - char["top"]):
                row[0], row[1] = min(row[0], char["top"]), max(row[1], char["bottom"])
                row[2].append(char)
                break
        else:
            rows.append([char["top"], char["bottom"], [char]])
    links = [link for link in page.hyperlinks if link.get("uri")]
    lines = [line_of(row[2], links) for row in rows]
    return sorted((line for line in lines if line.words), key=lambda line: line.top)


def line_of(chars, links):
    """One line's characters as words: a space, or a gap a space wide, parts them."""
    chars.sort(key=lambda c: c["x0"])
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        return Line([])
    size = statistics.median(c["size"] for c in visible)
    baseline = statistics.median(
        c["bottom"] for c in visible if c["size"] >= size - 0.1
    )
    words = []
    spaced = False
    for char in chars:
        if not char["text"].strip():
            spaced = True
            continue
        raised = char["size"] < 0.85 * size and char["bottom"] < baseline - 0.2 * size
        previous = words[-1] if words else None
        gap = char["x0"] - previous.x1 if previous else 0
        apart = previous is None or spaced or gap > 0.18 * min(size, char["size"])
        if apart or raised != previous.raised:
            words.append(
                Word(
                    char["text"],
                    char["x0"],
                    char["x1"],
                    char["top"],
                    char["bottom"],
                    char["size"],
                    char["fontname"],
                    raised,
                    glued=not apart,
                )
            )
            spaced = False
        else:
            previous.text += char["text"]
            previous.x1 = char["x1"]
            previous.top = min(previous.top, char["top"])
            previous.bottom = max(previous.bottom, char["bottom"])
    for word in words:
        middle_x, middle_y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        for link in links:
            if (
                link["x0"] - 1 <= middle_x <= link["x1"] + 1
                and link["top"] - 1 <= middle_y <= link["bottom"] + 1
            ):
                word.url = link["uri"]
                break
    return Line(words)


# --- Pages into text --------------------------------------------------------------


def without_running_lines(pages):
    """Each page's lines without its running header, footer and page number.

    The cover keeps all its lines. On the other pages the top and bottom
    lines go while they are a page number, or repeat (digits aside) at the
    edge of two pages or more, or stand apart in the page's margin.
    """
    edges = Counter()
    for lines in pages[1:]:
        edges.update({normalized(line.text) for line in [*lines[:2], *lines[-2:]]})
    kept = [pages[0]] if pages else []
    for lines in pages[1:]:
        body = list(lines)
        height = max((line.bottom for line in body), default=0)
        while len(body) > 1 and is_running(body[0], body[1], edges, height):
            body.pop(0)
        while len(body) > 1 and is_running(body[-1], body[-2], edges, height):
            body.pop()
        kept.append(body)
    return kept


def is_running(line, neighbour, edges, height):
    """Whether a page's top or bottom line is a running header or footer."""
    if PAGE_NUMBER.fullmatch(line.text) or edges[normalized(line.text)] >= 2:
        return True
    apart = max(neighbour.top - line.bottom, line.top - neighbour.bottom)
    in_margin = line.top < 0.08 * height or line.bottom > 0.92 * height
    return (
        in_margin
        and apart > 1.5 * line.size
        and len(line.text) < 80
        and not line.text.endswith((".", ":"))
    )


def normalized(text):
    return re.sub(r"\d+", "#", text.strip())


@dataclass
class Note:
    number: int
    text: str = ""
    url: str = ""


def split_notes(pages):
    """The pages' lines without their notes, and the notes by number."""
    notes = {}
    body_size = statistics.median(line.size for lines in pages for line in lines)
    kept = []
    in_endnotes = False
    for lines in pages:
        page_kept = []
        for index, line in enumerate(lines):
            text = line.text
            if (
                not in_endnotes
                and NOTES_HEADING.fullmatch(text.strip(" :"))
                and all(
                    NOTE_START.match(later.text) or later.size < body_size
                    for later in lines[index + 1 : index + 4]
                )
            ):
                in_endnotes = True
                continue
            footnote = (
                line.size < 0.9 * body_size
                and NOTE_START.match(text)
                and all(later.size < 0.9 * body_size for later in lines[index + 1 :])
            )
            if (
                in_endnotes
                or footnote
                or (
                    notes
                    and line.size < 0.9 * body_size
                    and all(later.size < 0.9 * body_size for later in lines[index:])
                )
            ):
                add_to_notes(notes, line)
                continue
            page_kept.append(line)
        kept.append(page_kept)
    return kept, notes


def add_to_notes(notes, line):
    match = NOTE_START.match(line.text)
    if match:
        note = notes.setdefault(int(match["number"]), Note(int(match["number"])))
        notes["last"] = note
        text = match["text"]
    elif "last" in notes:
        note = notes["last"]
        text = line.text
    else:
        return
    note.text = (
        f"{note.text} {text}".strip()
        if not note.text.endswith("/")
        else note.text + text
    )
    if not note.url:
        note.url = next((w.url for w in line.words if w.url), "")
    if not note.url and (found := URL.search(note.text)):
        note.url = found.group().rstrip(".,;")
        if note.url.startswith("www."):
            note.url = f"https://{note.url}"


def blocks_of(pages):
    """The pages' lines as blocks: lists of lines, a paragraph running over pages kept whole."""
    all_lines = [line for lines in pages for line in lines]
    if not all_lines:
        return []
    left = Counter(round(line.x0) for line in all_lines).most_common(1)[0][0]
    right = max(line.x1 for line in all_lines)
    blocks = []
    previous = None
    for number, lines in enumerate(pages):
        # The usual distance between lines of each type size on this page.
        pitches = {}
        for a, b in zip(lines, lines[1:], strict=False):
            if abs(a.size - b.size) < 0.5:
                pitches.setdefault(round(a.size), Counter())[round(b.top - a.top)] += 1
        pitch = {size: counts.most_common(1)[0][0] for size, counts in pitches.items()}
        for index, line in enumerate(lines):
            if previous is None:
                blocks.append([line])
            elif index == 0:  # a page break
                if runs_on(previous, line, left, right) and number > 1:
                    blocks[-1].append(line)
                else:
                    blocks.append([line])
            elif parts(previous, line, pitch.get(round(line.size), 0), left, right):
                blocks.append([line])
            else:
                blocks[-1].append(line)
            previous = line
    return blocks


def same_type(a, b):
    return abs(a.size - b.size) < 0.5 and a.font == b.font


def ended_short(line, following, right):
    """Whether the next line's first word would have fitted on this line."""
    first = following.words[0]
    space = 0.25 * line.size
    return line.x1 + space + (first.x1 - first.x0) < right - 1


def parts(previous, line, pitch, left, right):
    """Whether ``line`` starts a new block after ``previous`` on the same page."""
    if not same_type(previous, line):
        return True
    gap = line.top - previous.top
    if pitch and gap > 1.25 * pitch:
        return True
    if line.x0 > left + 8 and previous.x0 <= left + 2:  # an indented first line
        return True
    return ended_short(previous, line, right)


def runs_on(previous, line, left, right):
    """Whether a paragraph runs on from the last line of a page to the next page's first."""
    return (
        same_type(previous, line)
        and not ended_short(previous, line, right)
        and line.x0 <= left + 2
    )


def marked_up(block, notes):
    """A block's lines as text, links as ``[anchor](url)`` and note markers resolved."""
    out_lines = []
    open_url = ""
    for line in block:
        pieces = []
        for word in line.words:
            if word.raised:
                if not word.text.isdigit():  # "21st", "Mme": part of the word
                    if pieces:
                        pieces[-1] += word.text
                    continue
                number = int(word.text)
                if open_url:
                    continue  # after a link: the link is the source
                note = notes.get(number)
                # After a plain word: that word is the source's anchor.
                if pieces:
                    last = pieces[-1]
                    match = re.fullmatch(
                        r"(?P<lead>[“\"‘(]*)(?P<word>.*?\w)(?P<tail>[^\w]*)", last
                    )
                    if match:
                        pieces[-1] = (
                            f"{match['lead']}[{match['word']}]"
                            f"({link_url(note.url if note else '')}){match['tail']}"
                        )
                continue
            text = word.text.replace("[", "(").replace("]", ")")
            if word.url != open_url:
                if open_url and pieces:
                    pieces[-1] = close_link(pieces[-1], open_url)
                elif open_url:  # closes at the end of the line before
                    out_lines[-1] = close_link(out_lines[-1], open_url)
                if word.url:
                    text = "[" + text
                open_url = word.url
            if word.glued and pieces:
                pieces[-1] += text
            else:
                pieces.append(text)
        out_lines.append(" ".join(pieces))
    if open_url and out_lines:
        out_lines[-1] = close_link(out_lines[-1], open_url)
    return out_lines


def close_link(text, url):
    """Close a link after ``text``, leaving trailing punctuation outside it."""
    match = re.fullmatch(r"(?P<inner>.*?)(?P<tail>[.,;:!?”\"’)]*)", text, re.DOTALL)
    return f"{match['inner']}]({link_url(url)}){match['tail']}"


def link_url(url):
    """A URL as the text's links write it: ``#`` if unknown, spaces and brackets escaped."""
    if not url:
        return "#"
    return url.replace(" ", "%20").replace("[", "%5B").replace("]", "%5D")


def text_of(pages):
    pages = without_running_lines(pages)
    pages, notes = split_notes(pages)
    notes.pop("last", None)
    blocks = blocks_of(pages)
    return "\n\n".join("\n".join(marked_up(block, notes)) for block in blocks) + "\n"
