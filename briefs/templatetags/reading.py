"""Template filters and tags of the reading site."""

from html import escape
from urllib.parse import urlsplit, urlunsplit

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from briefs.domain import dates
from briefs.domain.dates import DatePrecision
from briefs.reading import languages

register = template.Library()


def machine_date(when):
    """The HTML ``datetime`` value of a partial date: no more precise than the brief.

    HTML has no season, so a season gives its year.
    """
    if when.precision == DatePrecision.DAY:
        return when.date.isoformat()
    if when.precision == DatePrecision.MONTH:
        return f"{when.date:%Y-%m}"
    return f"{when.date:%Y}"


@register.filter
def site_path(url):
    """An absolute address on this site as the path a reader's link follows,
    whatever host the reader reached the site at (the language switch's way)."""
    parts = urlsplit(url)
    return urlunsplit(("", "", parts.path, parts.query, parts.fragment))


@register.filter
def partial_date(when):
    """A partial date as a <time> element: "autumn 2023", datetime="2023"."""
    if not when:
        return ""
    return time_element(machine_date(when), str(when))


@register.filter
def full_date(date):
    """A calendar date as a <time> element: "15 July 2025"."""
    if not date:
        return ""
    return time_element(date.isoformat(), dates.render(date, dates.DatePrecision.DAY))


@register.filter
def lang_attribute(text_of):
    """`` lang="hu"`` for an element holding a text in a language other than the
    page's: ``text_of`` is a language code or a row with ``language`` (a brief,
    whose title, abstract and sections are in its edition's language); nothing
    when it is the page's own."""
    language = text_of if isinstance(text_of, str) else getattr(text_of, "language", "")
    if not language or language == translation.get_language():
        return ""
    return mark_safe(f' lang="{escape(language)}"')  # noqa: S308 (escaped)


@register.filter
def text_in(text, text_of):
    """``text`` (a brief's words, quoted) as a ``<span lang>`` when the language
    of ``text_of`` (as ``lang_attribute`` takes it) is not the page's."""
    attribute = lang_attribute(text_of)
    if not attribute:
        return text
    return mark_safe(f"<span{attribute}>{escape(str(text))}</span>")  # noqa: S308


def time_element(machine, text):
    # The standard library's escape, which Django's escape() wraps: a
    # timeline writes hundreds of dates, and format_html() costs several
    # times as much.
    return mark_safe(f'<time datetime="{escape(machine)}">{escape(text)}</time>')


@register.simple_tag(takes_context=True)
def alternates(context):
    """This page in each language (``briefs.reading.languages``): the view's
    ``translatable`` object decides where, if it can."""
    request = context.get("request")
    if request is None:
        return []
    return languages.alternates(request, context.get("translatable"))


@register.simple_tag
def timeline_items(events, show_briefs=False):
    """The <li> of each event of a timeline, with the briefs discussing it if asked.

    Built here, escaped with the standard library (as Django's escape() is)
    and marked safe once: a timeline page lists hundreds of events and links,
    and a template loop or format_html() for each was most of the page's work.
    """
    items = []
    # "in" before the briefs that discuss an event: " · in <cite>…</cite>".
    discussed_in = escape(pgettext("an event discussed in briefs", "in"))
    for event in events:
        briefs = ""
        if show_briefs and event.briefs:
            links = ", ".join(
                f'<a href="{escape(brief.url)}"><cite{lang_attribute(brief)}>'
                f"{escape(brief.title)}</cite></a>"
                for brief in event.briefs
            )
            briefs = f'<span class="timeline__briefs"> · {discussed_in} {links}</span>'
        items.append(
            '<li class="timeline__event">\n'
            f'    <span class="timeline__when">{partial_date(event.when)}</span>\n'
            '    <span class="timeline__what">'
            f'<span class="timeline__kind">{escape(event.kind)}</span> '
            f'<a href="{escape(event.url)}">{escape(event.title)}</a>{briefs}</span>\n'
            "  </li>"
        )
    return mark_safe("\n  ".join(items))
