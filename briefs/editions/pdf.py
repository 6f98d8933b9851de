"""
A published brief's PDF edition, in the layout of the printed Perspective:
cover (series, number, title, authors, date), imprint page, the text with a
running header (the short title) and "Page 3 of 11", the key facts as a box,
and the source notes numbered with their URLs.

Typeset by WeasyPrint from ``templates/briefs/edition/`` as tagged PDF/UA-1
with the brief's language and title, every font embedded (WeasyPrint embeds
the subsets it uses), hyphenated in the brief's language by Pyphen
(``hyphens: auto`` and ``lang``). Never in a request: a job
(``make_pdf_edition``) makes it once a write that touched a published
brief's rows has committed (``briefs.domain.derived.briefs_rewritten``); the
job first renders the edition's HTML and, when it is what the stored PDF was
made from (its ``fingerprint``), makes nothing. A job that fails keeps the
last good PDF and records why, which the brief's admin page shows.
"""

import hashlib
import io
import re
import time
from dataclasses import dataclass, field
from importlib.metadata import version

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext
from django_tasks import task

from briefs.domain import dates
from briefs.domain.languages import site_language
from briefs.models import PdfEdition, Publication
from briefs.reading import selectors
from briefs.reading.links import absolute, absolute_url_of, absolute_url_of_edition

# Below the jobs a curator waits for (imports): an edition may come a little later.
PRIORITY = -10

# A source cited with its URL is a link in the text: the edition adds its
# note number after it, as print does (one without a URL has its number).
CITED_SOURCE = re.compile(
    r'(<a (?=[^>]*\bclass="source")[^>]*\bid="cite-(\d+)(?:-\d+)?"[^>]*>.*?</a>)',
    re.S,
)


def numbered_notes(html):
    return mark_safe(  # noqa: S308 (stored HTML, sanitized when rendered)
        CITED_SOURCE.sub(r'\1<sup class="note"><a href="#source-\2">\2</a></sup>', html)
    )


def css_string(text):
    """``text`` as a CSS string literal that cannot end its <style> element."""
    escaped = "".join(
        f"\\{ord(char):x} " if char in '"\\<>&\n' else char for char in text
    )
    return mark_safe(f'"{escaped}"')  # noqa: S308 (escaped above)


def short_title(title, limit=70):
    """The running header's title: up to its first colon or question, or cut at a word."""
    match = re.match(r"(.+?[?:])\s", title)
    short = match.group(1).rstrip(":") if match else title
    if len(short) <= limit:
        return short
    return short[:limit].rsplit(" ", 1)[0] + "…"


@dataclass
class Edition:
    """What the edition's template shows besides the brief's page."""

    publication: Publication
    page: selectors.BriefPage
    sections: list = field(default_factory=list)

    @property
    def language(self):
        return self.publication.language

    @property
    def css(self):
        # The words around the page numbers of "Page 3 of 11", in the
        # edition's language ("3 / 11"): CSS puts the counters between them.
        words = pgettext("PDF edition's footer", "Page {page} of {pages}")
        before, rest = words.split("{page}")
        between, after = rest.split("{pages}")
        return {
            "series": css_string(self.publication.series_label),
            "short_title": css_string(short_title(self.publication.title)),
            "page_before": css_string(before),
            "page_of": css_string(between),
            "page_after": css_string(after),
        }

    @property
    def date(self):
        return dates.render(self.publication.publication_date, dates.DatePrecision.DAY)

    @property
    def issn(self):
        return settings.SERIES_ISSN

    @property
    def url(self):
        return absolute_url_of(self.publication)

    @property
    def original_url(self):
        """Where a translation's original is read, if this edition is one and
        its original is public."""
        original = self.publication.translation_of
        if original is None or not original.is_published:
            return None
        return absolute_url_of_edition(original)

    @property
    def summary(self):
        return numbered_notes(self.publication.summary_html)


@dataclass
class Section:
    heading: str
    html: str


def edition_html_in_language(publication):
    page = selectors.brief_page(publication)
    edition = Edition(
        publication,
        page,
        [
            Section(section.heading, numbered_notes(section.body_html))
            for section in page.sections
        ],
    )
    return render_to_string(
        "briefs/edition/publication.html",
        {"publication": publication, "page": page, "edition": edition},
    )


def edition_html(publication):
    """The HTML the PDF is typeset from (``publication`` as ``selectors.brief_pages``
    reads it), in the brief's language: its words, dates and links."""
    with translation.override(site_language(publication.language)):
        return edition_html_in_language(publication)


def typeset(html):
    """The PDF of ``html``: tagged PDF/UA-1, links at the site's origin."""
    # Only here: loading WeasyPrint (Pango through cffi) takes a third of a
    # second at the start of every process, web workers included, that
    # typesets nothing.
    import weasyprint

    return weasyprint.HTML(string=html, base_url=absolute("/")).write_pdf(
        pdf_variant="pdf/ua-1"
    )


def fingerprint(html):
    """What a PDF is made from: the HTML, and the typesetter that made it."""
    return hashlib.sha256(
        f"WeasyPrint {version('weasyprint')}\n{html}".encode()
    ).hexdigest()


def page_count(pdf):
    from pypdf import PdfReader  # only here: reading back what was typeset

    return len(PdfReader(io.BytesIO(pdf)).pages)


def make_edition(publication_id):
    """Make the published brief's PDF edition if what it shows changed; what happened."""
    public = selectors.brief_pages(AnonymousUser()).filter(status="published")
    publication = public.filter(pk=publication_id).first()
    if publication is None:
        return "not published"
    html = edition_html(publication)
    source = fingerprint(html)
    stored = PdfEdition.objects.filter(pk=publication_id).defer("pdf").first()
    if stored is not None and stored.fingerprint == source and not stored.failure:
        return "unchanged"
    started = time.perf_counter()
    try:
        pdf = typeset(html)
        pages = page_count(pdf)
    except Exception as error:
        record_failure(publication, error)
        raise
    with transaction.atomic():
        edition, _ = PdfEdition.objects.select_for_update().get_or_create(
            publication=publication
        )
        edition.pdf = pdf
        edition.etag = hashlib.sha256(pdf).hexdigest()
        edition.fingerprint = source
        edition.pages = pages
        edition.made_at = timezone.now()
        edition.seconds = round(time.perf_counter() - started, 3)
        edition.failed_at = None
        edition.failure = ""
        edition.save()
    return "made"


def record_failure(publication, error):
    """Keep the last good PDF; say why this one failed, for the brief's admin page."""
    with transaction.atomic():
        edition, _ = PdfEdition.objects.select_for_update().get_or_create(
            publication=publication
        )
        edition.failed_at = timezone.now()
        edition.failure = f"{type(error).__name__}: {error}"[:2000]
        edition.save(update_fields=["failed_at", "failure"])


@task(priority=PRIORITY)
def make_pdf_edition(publication_id):
    """Make one brief's PDF edition (a repeated or stale job makes nothing new)."""
    return make_edition(publication_id)


def enqueue_editions(sender, publication_ids, **kwargs):
    """A job for each published brief a committed write touched (``briefs_rewritten``)."""
    if not settings.PDF_EDITIONS:
        return
    published = Publication.objects.published().filter(pk__in=publication_ids)
    for pk in published.order_by("pk").values_list("pk", flat=True):
        make_pdf_edition.enqueue(pk)
