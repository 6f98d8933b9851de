"""Template filters and tags of the reading site."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from briefs.domain import dates
from briefs.domain.dates import DatePrecision

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


def time_element(machine, text):
    # The standard library's escape, which Django's escape() wraps: a
    # timeline writes hundreds of dates, and format_html() costs several
    # times as much.
    return mark_safe(f'<time datetime="{escape(machine)}">{escape(text)}</time>')


@register.simple_tag
def timeline_items(events, show_briefs=False):
    """The <li> of each event of a timeline, with the briefs discussing it if asked.

    Built here, escaped with the standard library (as Django's escape() is)
    and marked safe once: a timeline page lists hundreds of events and links,
    and a template loop or format_html() for each was most of the page's work.
    """
    items = []
    for event in events:
        briefs = ""
        if show_briefs and event.briefs:
            links = ", ".join(
                f'<a href="{escape(brief.url)}"><cite>{escape(brief.title)}</cite></a>'
                for brief in event.briefs
            )
            briefs = f'<span class="timeline__briefs"> · in {links}</span>'
        items.append(
            '<li class="timeline__event">\n'
            f'    <span class="timeline__when">{partial_date(event.when)}</span>\n'
            '    <span class="timeline__what">'
            f'<span class="timeline__kind">{escape(event.kind)}</span> '
            f'<a href="{escape(event.url)}">{escape(event.title)}</a>{briefs}</span>\n'
            "  </li>"
        )
    return mark_safe("\n  ".join(items))
