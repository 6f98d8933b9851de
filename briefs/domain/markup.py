"""
A brief's Markdown, rendered to HTML a reader can trust.

Three things happen to a section's text, in this order:

1. Markdown becomes an element tree. ``[anchor text][N]`` is read as source
   reference N of the brief: a link where its URL is known, otherwise the
   text followed by a numbered note pointing into the brief's "Sources" list
   (never a dead ``href="#"``).
2. Names of the actors the brief mentions (their name or any alias) become
   links to their pages: the longest name wins ("President Donald Trump"
   over "Donald Trump"), never inside a link or a heading, and only an
   actor's first mention in each paragraph, so a paragraph that says
   "Minsk" five times does not turn into a row of links.
3. nh3 sanitizes the result against an explicit allow-list: whatever HTML a
   curator typed, no script, event handler, ``javascript:`` URL, style or
   iframe reaches a page.

Render once, read many: a brief's texts are rendered together whenever any
of what they are made from is written, and stored beside the Markdown
(``Publication.summary_html``, ``Section.body_html``); a page reads the
stored HTML. Which briefs, and when, is ``briefs.domain.derived``'s to
settle; this module only turns text into HTML.
"""

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import markdown
import nh3
from django.utils import translation
from django.utils.safestring import mark_safe
from markdown.blockprocessors import OListProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from briefs.domain.languages import site_language

# --- Sanitizing ----------------------------------------------------------------

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "s", "del", "ins", "sub", "sup",
    "span", "abbr", "cite", "q", "code", "pre", "blockquote", "ul", "ol", "li",
    "dl", "dt", "dd", "h3", "h4", "h5", "h6", "a",
}  # fmt: skip
# Removed with everything inside them, not just unwrapped: their content is
# code or an embedded document, never prose a reader should see.
REMOVED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "noscript", "template",
    "textarea", "select", "svg", "math", "title",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "ol": {"start"},
    "sup": {"id"},
    "q": {"cite"},
    # No attribute on every tag: nh3 would otherwise keep "title" and "lang"
    # on any tag (its generic attributes).
    "*": set(),
}
ALLOWED_CLASSES = {"a": {"actor", "source"}, "sup": {"note"}, "span": {"cited"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Ids are ours only: the notes' back-link targets. Anything else a curator
# writes could clash with the page's own ids.
NOTE_ID = re.compile(r"cite-[0-9]+(?:-[0-9]+)?")


def _keep_only_note_ids(tag, attribute, value):
    if attribute == "id" and not NOTE_ID.fullmatch(value):
        return None
    return value


SANITIZER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=REMOVED_WITH_CONTENT,
    attributes=ALLOWED_ATTRIBUTES,
    allowed_classes=ALLOWED_CLASSES,
    attribute_filter=_keep_only_note_ids,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize(html):
    """Keep only the allow-listed tags, attributes, classes and URL schemes."""
    return SANITIZER.clean(html)


# --- Source references -------------------------------------------------------

# [anchor text][N]: the anchor may hold Markdown (emphasis) but no brackets.
SOURCE_REFERENCE = r"\[([^\[\]]+)\]\[([0-9]+)\]"


class SourceReferenceProcessor(InlineProcessor):
    def __init__(self, renderer):
        super().__init__(SOURCE_REFERENCE)
        self.renderer = renderer

    def handleMatch(self, m, data):  # noqa: N802 (Markdown's API)
        anchor, number = m.group(1), int(m.group(2))
        reference = self.renderer.references.get(number)
        if reference is None:
            # A number the brief does not list: keep the words, drop the
            # bracket syntax, point nowhere.
            element = etree.Element("span")
            element.text = anchor
            return element, m.start(0), m.end(0)
        note_id = self.renderer.cite(number)
        if reference.url:
            element = etree.Element(
                "a", {"href": reference.url, "class": "source", "id": note_id}
            )
            element.text = anchor
            return element, m.start(0), m.end(0)
        # No URL recorded: the words, then a note that says where to look.
        cited = etree.Element("span", {"class": "cited"})
        cited.text = anchor
        note = etree.SubElement(cited, "sup", {"class": "note", "id": note_id})
        link = etree.SubElement(
            note,
            "a",
            {
                "href": f"#source-{number}",
                "title": f"Source {number}",
            },
        )
        link.text = str(number)
        return cited, m.start(0), m.end(0)


# --- Actor names ---------------------------------------------------------------

# Where one paragraph ends and the next begins, for "first mention per paragraph".
PARAGRAPHS = {"p", "li", "dt", "dd", "td", "th"}
# Never link inside these: a link in a link is invalid, a heading stays plain,
# code is literal, a note number is not a name.
NOT_LINKED = {"a", "code", "pre", "sup", "h1", "h2", "h3", "h4", "h5", "h6"}


def trie_pattern(names):
    """One regular expression matching any of ``names``, longest first.

    Built as a trie so each position in the text tries one branch per
    character instead of every name in turn: the matcher stays fast with
    hundreds of actors. Greedy optional groups make the longest name win;
    a space matches any run of white space (Markdown keeps line breaks).
    """
    trie = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node):
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def normalize_space(text):
    return " ".join(text.split())


class ActorLinker:
    """Links the names and aliases of a brief's actors to their pages."""

    def __init__(self, actors):
        by_name = {}
        for actor in actors:
            for name in actor.names:
                by_name.setdefault(normalize_space(name), set()).add(actor)
        # A name two actors share would be linked to one of them by chance:
        # leave it as text.
        self.actors = {
            name: next(iter(found))
            for name, found in by_name.items()
            if name and len(found) == 1
        }
        self.urls = {actor.pk: actor.get_absolute_url() for actor in actors}
        self.pattern = None
        if self.actors:
            self.pattern = re.compile(
                rf"(?<!\w)(?:{trie_pattern(self.actors)})(?!\w)", re.UNICODE
            )

    def link_tree(self, root):
        if self.pattern is None:
            return
        for block in [element for element in root.iter() if element.tag in PARAGRAPHS]:
            self._link_inline(block, linked=set())

    def _link_inline(self, element, linked):
        if element.text:
            element.text, new = self._split(element.text, linked)
            for index, link in enumerate(new):
                element.insert(index, link)
        for child in list(element):
            if child.tag not in PARAGRAPHS and child.tag not in NOT_LINKED:
                self._link_inline(child, linked)
            if child.tail:
                child.tail, new = self._split(child.tail, linked)
                position = list(element).index(child) + 1
                for offset, link in enumerate(new):
                    element.insert(position + offset, link)

    def _split(self, text, linked):
        """The text before the first link, and the links (each with its tail)."""
        lead, links, last = None, [], 0
        for match in self.pattern.finditer(text):
            actor = self.actors[normalize_space(match.group(0))]
            if actor.pk in linked:
                continue
            linked.add(actor.pk)
            before = text[last : match.start()]
            if links:
                links[-1].tail = before
            else:
                lead = before
            link = etree.Element(
                "a",
                {
                    "href": self.urls[actor.pk],
                    "class": "actor",
                    "title": actor_title(actor),
                },
            )
            link.text = match.group(0)
            links.append(link)
            last = match.end()
        if not links:
            return text, []
        links[-1].tail = text[last:]
        return lead, links


def actor_title(actor):
    return f"{actor.name}, {actor.position}" if actor.position else actor.name


# Headings inside a section's text sit below the section's own <h2>.
DEMOTED = {"h1": "h3", "h2": "h4", "h3": "h5", "h4": "h6", "h5": "h6"}


class BriefTreeprocessor(Treeprocessor):
    def __init__(self, md, renderer):
        super().__init__(md)
        self.renderer = renderer

    def run(self, root):
        for element in root.iter():
            element.tag = DEMOTED.get(element.tag, element.tag)
        self.renderer.linker.link_tree(root)


class NumberedListProcessor(OListProcessor):
    """Markdown's numbered lists, but a list's number has at most three digits.

    Hungarian writes a date year first ("2025. június végén …"): at the
    start of a paragraph Markdown would take the year for the first number
    of a list, and the paragraph would become one (its quotes no longer
    found either). No list starts at a year.
    """

    def __init__(self, parser):
        super().__init__(parser)
        indent = f"^[ ]{{0,{self.tab_length - 1}}}"
        self.RE = re.compile(indent + r"\d{1,3}\.[ ]+(.*)")
        self.CHILD_RE = re.compile(indent + r"((\d{1,3}\.)|[*+-])[ ]+(.*)")


class BriefExtension(Extension):
    def __init__(self, renderer):
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # Before Markdown's own reference links (170), which would leave
        # "[text][3]" as literal text for want of a "[3]: url" definition.
        md.inlinePatterns.register(
            SourceReferenceProcessor(self.renderer), "source_reference", 175
        )
        # After inline patterns (20) have made links, so names inside them
        # are left alone; before prettify (10).
        md.treeprocessors.register(
            BriefTreeprocessor(md, self.renderer), "brief_actors", 15
        )
        # In place of Markdown's own, at its priority.
        md.parser.blockprocessors.register(
            NumberedListProcessor(md.parser), "olist", 40
        )


# --- A whole brief -------------------------------------------------------------


@dataclass
class Source:
    """A source reference as the Sources list shows it."""

    reference: object
    note_ids: list = field(default_factory=list)

    @property
    def number(self):
        return self.reference.number

    @property
    def back_link(self):
        return self.note_ids[0] if self.note_ids else ""


# The ids the renderer gives notes, as they appear in its sanitized output
# (a tag's attribute: text cannot fake one, its "<" is escaped).
RENDERED_NOTE_ID = re.compile(r'<(?:a|sup) [^>]*?\bid="(cite-([0-9]+)(?:-[0-9]+)?)"')


def cited_sources(references, rendered):
    """The Sources list of a brief whose texts were rendered to ``rendered``
    (in reading order): each reference with the ids of its notes."""
    sources = [Source(reference) for reference in references]
    by_number = {source.number: source for source in sources}
    for html in rendered:
        for note_id, number in RENDERED_NOTE_ID.findall(html):
            if source := by_number.get(int(number)):
                source.note_ids.append(note_id)
    return sources


class BriefRenderer:
    """Renders the texts of one brief with its source references and actors.

    One instance per brief: the Markdown converter is built once and reset
    between texts, and the notes are numbered across the whole brief so
    their ids stay unique on the page.
    """

    def __init__(self, references=(), actors=()):
        self.references = {reference.number: reference for reference in references}
        self.sources = [Source(reference) for reference in references]
        self._sources_by_number = {source.number: source for source in self.sources}
        self.linker = ActorLinker(actors)
        self.markdown = markdown.Markdown(
            extensions=[BriefExtension(self)], output_format="html"
        )

    def cite(self, number):
        """A fresh id for a citation of source ``number``."""
        ids = self._sources_by_number[number].note_ids
        note_id = f"cite-{number}" if not ids else f"cite-{number}-{len(ids) + 1}"
        ids.append(note_id)
        return note_id

    def render(self, text):
        html = self.markdown.reset().convert(text)
        return mark_safe(sanitize(html))  # noqa: S308 (sanitized on this line)


def render_markdown(text):
    """Markdown with neither source references nor actors: sanitized HTML."""
    return BriefRenderer().render(text)


def rendered_texts(publication):
    """The HTML of a brief's abstract, then of each of its sections.

    Rendered in reading order, by one renderer, so notes are numbered as they
    are read and their ids are unique on the page. Actors' names and
    positions in its links are in the brief's language, and link to their
    pages in it (``/hu/actors/…`` from a Hungarian brief), whoever's write
    renders it: stored HTML is the same whatever language the curator's
    admin speaks.
    """
    with translation.override(site_language(publication.language)):
        renderer = BriefRenderer(
            publication.source_references.all(), publication.actors.all()
        )
        summary = renderer.render(publication.summary)
        return summary, [
            (section, renderer.render(section.body))
            for section in publication.sections.all()
        ]
