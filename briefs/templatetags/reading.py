"""Template filters of the reading site."""

from django import template
from django.utils.html import format_html

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
