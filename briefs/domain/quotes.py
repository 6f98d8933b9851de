"""
Quotes in a brief's text: finding them word for word, and marking them on the page.

A piece of evidence quotes the words of a section or of the abstract. The
curator types them as a reader sees them: without the Markdown of a source
note (``[arrived][1]`` reads "arrived"), without the note's number, with
straight or curly quotation marks, with any run of spaces or line breaks.
``normalize`` is that one reading of a text, used both by the check that
a quote is in its text (``is_quoted``, which the model's ``clean`` calls)
and by the page (``mark_quotes``), so what the admin accepts the page finds.

``mark_quotes`` is a pure step on a text's rendered, sanitized HTML: it
wraps each quote in ``<mark class="evidence" id=…>`` and puts a link back
after it. It runs after sanitizing, so its ids are the page's own.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from briefs.domain.markup import render_markdown

# Typographic marks a curator may type either way.
FOLDED = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "\u00ad": None,  # a soft hyphen is invisible
        "\u200b": None,
    }
)


def normalized_chars(text):
    """(character, index in ``text``) of the normalized text.

    Runs of white space become one space, typographic quotation marks
    straight ones, compatibility characters their plain form (NFKC), and
    leading or trailing space goes; each character remembers where it came
    from, so a match in the normalized text is a place in the original.
    """
    result = []
    pending_space = None
    for index, char in enumerate(text):
        if char.isspace():
            if pending_space is None:
                pending_space = index
            continue
        if pending_space is not None and result:
            result.append((" ", pending_space))
        pending_space = None
        for plain in unicodedata.normalize("NFKC", char.translate(FOLDED)):
            result.append((plain, index))
    return result


def normalize(text):
    """A text as quotes are compared: see ``normalized_chars``."""
    return "".join(char for char, _index in normalized_chars(text))


# --- The words a reader sees --------------------------------------------------------

VOID = {"br", "hr", "img", "wbr", "input", "meta", "link", "source", "col"}
# A mark may take these in whole (a linked name, a cited phrase); never a paragraph.
INLINE = {
    "a", "span", "em", "strong", "b", "i", "sup", "sub", "code", "q", "abbr",
    "cite", "s", "del", "ins", "mark",
}  # fmt: skip


@dataclass
class Token:
    kind: str  # "start", "end", "void" or "text"
    tag: str = ""
    raw: str = ""
    text: str = ""
    visible: bool = True  # text a reader reads (a note's number is not)
    note: bool = False  # the start of a source note

    def html(self):
        return escape(self.text, quote=False) if self.kind == "text" else self.raw


class Tokenizer(HTMLParser):
    """Rendered HTML as a flat list of tokens, noting the text inside source notes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens = []
        self.open = []  # (tag, is a source note) of the elements around

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text()
        if tag in VOID:
            self.tokens.append(Token("void", tag, raw))
            return
        classes = (dict(attrs).get("class") or "").split()
        note = tag == "sup" and "note" in classes
        # A link back to a fact is ours, not the brief's words.
        unread = note or (tag == "a" and "evidence__back" in classes)
        self.open.append((tag, unread))
        self.tokens.append(Token("start", tag, raw, note=note))

    def handle_startendtag(self, tag, attrs):
        self.tokens.append(Token("void", tag, self.get_starttag_text()))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                break
        self.tokens.append(Token("end", tag, f"</{tag}>"))

    def handle_data(self, data):
        in_note = any(note for _tag, note in self.open)
        self.tokens.append(Token("text", text=data, visible=not in_note))


def tokenize(html):
    parser = Tokenizer()
    parser.feed(str(html))
    parser.close()
    return parser.tokens


def visible_text(html):
    """The words of rendered HTML as a reader reads them: tags and note numbers left out."""
    return "".join(
        token.text for token in tokenize(html) if token.kind == "text" and token.visible
    )


def text_of(markdown_text):
    """The words a reader reads of a section's or an abstract's Markdown."""
    return visible_text(render_markdown(markdown_text))


def is_quoted(quote, markdown_text):
    """Whether ``quote`` is found word for word in the text (after ``normalize``)."""
    return quoted_in(quote, words_of(markdown_text))


@functools.lru_cache(maxsize=32)
def words_of(markdown_text):
    """The normalized words of a text's Markdown, kept for the last texts asked.

    A pure function of the Markdown: the same text always reads the same,
    in any process. Each piece of evidence checks its quote against its
    section, and an import of a brief's evidence checks hundreds against a
    few sections: each was rendered and normalized once a row (7 ms).
    """
    return normalize(text_of(markdown_text))


def quoted_in(quote, normalized_text):
    """``is_quoted`` for a text normalized once for many quotes."""
    wanted = normalize(quote)
    return bool(wanted) and wanted in normalized_text


def sentence_ends(html, quotes):
    """For each quote, where it ends and where the sentence it ends in ends in
    ``html``'s words (offsets in the normalized text), or None where it is not
    found: quotes with the same sentence end share one sentence."""
    normalized = normalize(visible_text(html))
    ends = []
    for quote in quotes:
        wanted = normalize(quote)
        start = normalized.find(wanted) if wanted else -1
        if start < 0:
            ends.append(None)
            continue
        stop = start + len(wanted)
        end = SENTENCE_END.search(normalized, stop - 1)
        ends.append((stop, end.end() if end else len(normalized)))
    return ends


# A full stop, question or exclamation mark (closing quotes or brackets after
# it) that a space or the text's end follows.
SENTENCE_END = re.compile(r"""[.!?]["')\]]*(?=\s|$)""")


# --- Marking quotes on the page ------------------------------------------------------


@dataclass
class Mark:
    """A quote to mark: the id its mark takes, and the HTML to put right after it."""

    anchor: str
    quote: str
    after: str = ""  # safe HTML: the link back to the fact


def mark_quotes(html, marks):
    """``html`` with each quote of ``marks`` marked; and the anchors it could place.

    A quote is wrapped in one ``<mark>`` where its words sit in one element
    (taking in whole any linked name or cited phrase they begin or end
    with); else each of its pieces is wrapped, the first carrying the id. A
    quote that partly overlaps one marked before it gets only its anchor
    (an empty element at its first word), since marks cannot cross.
    """
    tokens = tokenize(html)
    places = []  # (token index, offset) of each visible character
    for number, token in enumerate(tokens):
        if token.kind == "text" and token.visible:
            places.extend((number, offset) for offset in range(len(token.text)))
    visible = "".join(
        token.text for token in tokens if token.kind == "text" and token.visible
    )
    chars = normalized_chars(visible)
    normalized = "".join(char for char, _index in chars)
    spans = []  # (mark, first place, place after the last)
    for mark in marks:
        wanted = normalize(mark.quote)
        start = normalized.find(wanted) if wanted else -1
        if start < 0:
            continue
        first = places[chars[start][1]]
        last_number, last_offset = places[chars[start + len(wanted) - 1][1]]
        spans.append((mark, first, (last_number, last_offset + 1)))
    if not spans:
        return html, set()
    tokens, index_of = split_at(
        tokens, [point for _m, *ends in spans for point in ends]
    )
    ranges = []
    for mark, first, after in spans:
        ranges.append((mark, index_of[first], index_of[after]))
    return render_marks(tokens, ranges), {mark.anchor for mark, *_ in ranges}


def split_at(tokens, points):
    """Tokens with text cut at ``points``, and each point's index in the new list.

    A point (token, offset) becomes the index of the token that starts there.
    """
    cuts = {}
    for number, offset in points:
        cuts.setdefault(number, set()).add(offset)
    result, index_of = [], {}
    for number, token in enumerate(tokens):
        offsets = sorted(cuts.get(number, ()))
        if not offsets:
            result.append(token)
            continue
        # A point at a text's very end is the index of what follows it.
        last = 0
        for offset in [*offsets, len(token.text)]:
            if offset > last:
                result.append(
                    Token("text", text=token.text[last:offset], visible=token.visible)
                )
                last = offset
            index_of[(number, offset)] = len(result)
    return result, index_of


def balanced(tokens):
    depth = []
    for token in tokens:
        if token.kind == "start":
            depth.append(token.tag)
        elif token.kind == "end":
            if not depth or depth.pop() != token.tag:
                return False
    return not depth


def widened(tokens, start, end):
    """The range taking in whole the inline elements the quote begins or ends with,
    and the source note right after its last word."""
    while (
        start > 0
        and tokens[start - 1].kind == "start"
        and tokens[start - 1].tag in INLINE
    ):
        start -= 1
    while end < len(tokens):
        token = tokens[end]
        if token.kind == "end" and token.tag in INLINE:
            end += 1
        elif token.note:
            end = matching_end(tokens, end) + 1
        else:
            break
    return start, end


def matching_end(tokens, start):
    depth = 0
    for index in range(start, len(tokens)):
        if tokens[index].kind == "start":
            depth += 1
        elif tokens[index].kind == "end":
            depth -= 1
            if depth == 0:
                return index
    return len(tokens) - 1


def render_marks(tokens, ranges):
    # Before each token index: the marks that close there (innermost first),
    # then their links back, then the marks that open there (outermost first).
    closes, afters, opens = {}, {}, {}
    placed = []  # (start, end) of the marks placed, which others may not cross

    def put(index, html, closing=False, after=""):
        if closing:
            closes.setdefault(index, []).insert(0, html)
            afters.setdefault(index, []).insert(0, after)
        else:
            opens.setdefault(index, []).append(html)

    # Outer marks open first: sort by start, then by the longest.
    for mark, start, end in sorted(ranges, key=lambda r: (r[1], -r[2])):
        wide = widened(tokens, start, end)
        if balanced(tokens[wide[0] : wide[1]]):
            start, end = wide
        crosses = any(s < start < e < end or start < s < end < e for s, e in placed)
        anchor = escape(mark.anchor)
        if crosses:
            put(start, f'<span class="evidence-anchor" id="{anchor}"></span>')
            if mark.after:  # its sentence's link back, which no other mark carries
                put(end, "", closing=True, after=mark.after)
            continue
        if balanced(tokens[start:end]):
            put(start, f'<mark class="evidence" id="{anchor}">')
            put(end, "</mark>", closing=True, after=mark.after)
            placed.append((start, end))
            continue
        pieces = [
            index
            for index in range(start, end)
            if tokens[index].kind == "text" and tokens[index].visible
        ]
        for number, index in enumerate(pieces):
            identity = f' id="{anchor}"' if number == 0 else ""
            put(index, f'<mark class="evidence"{identity}>')
            after = mark.after if index == pieces[-1] else ""
            put(index + 1, "</mark>", closing=True, after=after)
        placed.append((start, end))
    html = []
    for index in range(len(tokens) + 1):
        for chunks in (closes, afters, opens):
            html.extend(chunks.get(index, ()))
        if index < len(tokens):
            html.append(tokens[index].html())
    return "".join(html)
