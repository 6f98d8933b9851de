"""Template filters of the reading site."""

from html import escape

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from briefs import dates
from briefs.dates import DatePrecision

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
    return format_html('<time datetime="{}">{}</time>', machine_date(when), when)


@register.filter
def full_date(date):
    """A calendar date as a <time> element: "15 July 2025"."""
    if not date:
        return ""
    text = dates.render(date, dates.DatePrecision.DAY)
    return format_html('<time datetime="{}">{}</time>', date.isoformat(), text)


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
