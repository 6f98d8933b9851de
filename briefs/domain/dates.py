"""
Partial dates: a date known to a day, a month, a season or a year.

Briefs say "February 2023", "fall 2023" or "21 June 2025". We store such a
date as the first day of the period it names plus its precision (and a flag
for "about"), so the database can sort and filter by it while nothing shown
to a reader claims more than the brief says. The Library of Congress EDTF
format is the reference: ``2023-02``, ``2023-23`` (autumn), ``2025-06~``.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import dateformat
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    SEASON = "season", _("Season")
    YEAR = "year", _("Year")


PRECISIONS = frozenset(DatePrecision.values)

# English month names as briefs write them (not the locale's), by number.
MONTH_NAMES = (
    "January February March April May June July August September October "
    "November December"
).split()
MONTH_BY_NAME = {name: number for number, name in enumerate(MONTH_NAMES, 1)}
# Hungarian month names, as HIIA's Hungarian briefs date themselves
# ("2025. október 2."): written in lower case.
HUNGARIAN_MONTH_NAMES = (
    "január február március április május június július augusztus szeptember "
    "október november december"
).split()
_MONTH = "|".join(MONTH_NAMES)
_HUNGARIAN_MONTH = "|".join(HUNGARIAN_MONTH_NAMES)
# A day as briefs write it: "May 29, 2024" and "29 May 2024" (ordinals too),
# and the Hungarian "2024. május 29.".
WRITTEN_DAYS = [
    re.compile(
        rf"\b(?P<month>{_MONTH}) (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<year>\d{{4}})\b"
    ),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?P<month>{_MONTH}),? (?P<year>\d{{4}})\b"
    ),
    re.compile(
        rf"\b(?P<year>\d{{4}})\. ?(?P<month>{_HUNGARIAN_MONTH}) (?P<day>\d{{1,2}})\.?(?!\w)",
        re.IGNORECASE,
    ),
]


def month_number(name):
    """The number of a month named in English ("June", any case) or Hungarian ("június")."""
    name = name.lower()
    if name in HUNGARIAN_MONTH_NAMES:
        return HUNGARIAN_MONTH_NAMES.index(name) + 1
    return MONTH_BY_NAME[name.capitalize()]


# Northern-hemisphere meteorological seasons, by the month they start in; a
# winter belongs to the year of its December. Codes are EDTF level 1.
SEASONS = {3: ("spring", 21), 6: ("summer", 22), 9: ("autumn", 23), 12: ("winter", 24)}
SEASON_BY_NAME = {name: month for month, (name, _code) in SEASONS.items()}
SEASON_BY_NAME["fall"] = 9
SEASON_BY_EDTF_CODE = {code: month for month, (_name, code) in SEASONS.items()}
# A season of a year as a reader of each language writes it.
SEASON_OF_YEAR = {
    "spring": pgettext_lazy("a season of a year", "spring {year}"),
    "summer": pgettext_lazy("a season of a year", "summer {year}"),
    "autumn": pgettext_lazy("a season of a year", "autumn {year}"),
    "winter": pgettext_lazy("a season of a year", "winter {year}"),
}


def season_start_month(month):
    """The month a season containing ``month`` starts in (December for Jan/Feb)."""
    return {1: 12, 2: 12}.get(month, month - (month % 3))


def normalize(date, precision):
    """The first day of the period ``date`` falls in, at ``precision``."""
    if date is None:
        return None
    if precision == DatePrecision.MONTH:
        return date.replace(day=1)
    if precision == DatePrecision.SEASON:
        start = season_start_month(date.month)
        year = date.year - 1 if start == 12 and date.month < 3 else date.year
        return datetime.date(year, start, 1)
    if precision == DatePrecision.YEAR:
        return datetime.date(date.year, 1, 1)
    return date


def interval(date, precision):
    """(earliest, latest) day of the period a partial date names: autumn 2023 is
    (2023-09-01, 2023-11-30). None for no date."""
    if date is None:
        return None
    earliest = normalize(date, precision)
    months = {
        DatePrecision.MONTH: 1,
        DatePrecision.SEASON: 3,
        DatePrecision.YEAR: 12,
    }.get(precision, 0)
    if not months:
        return earliest, earliest
    month = earliest.month - 1 + months
    following = datetime.date(earliest.year + month // 12, month % 12 + 1, 1)
    return earliest, following - datetime.timedelta(days=1)


def ends_on_or_after(field, day):
    """A filter: the partial date in ``field`` names a period ending on or after ``day``.

    A period ends on or after a day when it starts on or after the start of
    that day's period of the same precision (periods of one precision do not
    overlap), so the filter reads the stored first day and still never takes
    it for the date itself: ``day`` 2023-10-15 finds "autumn 2023".
    """
    conditions = models.Q()
    for precision in DatePrecision.values:
        conditions |= models.Q(
            **{
                f"{field}_precision": precision,
                f"{field}__gte": period_start(day, precision),
            }
        )
    return conditions


def period_start(day, precision):
    """``normalize``, but for a period that began before the calendar does (the
    winter of 0001-01-01 began in December of year 0): its first day that is."""
    try:
        return normalize(day, precision)
    except ValueError:
        return datetime.date.min


# The words of the two rules of a partial date, which its check constraints
# (briefs.models.base) and ``validate`` both say.
NO_PRECISION = _("Give the precision of this date.")
PRECISION_WITHOUT_DATE = _(
    "A precision without a date: give the date (the first day of its period, "
    "as YYYY-MM-DD), or leave the precision empty."
)


def validate(date, precision, field="date"):
    """Raise a ValidationError keyed on the column at fault if the pair is inconsistent."""
    if date is None:
        if precision:
            raise ValidationError({field: PRECISION_WITHOUT_DATE})
        return
    if not precision:
        raise ValidationError({f"{field}_precision": NO_PRECISION})
    if precision not in PRECISIONS:
        raise ValidationError(
            {
                f"{field}_precision": gettext(
                    "“{precision}” is not one of day, month, season, year."
                ).format(precision=precision)
            }
        )


def read_written_day(text):
    """The date ``text`` is ("July 15, 2025", "15 July 2025", "2025. július 15."), or None.

    ValueError if it has the form of a date but is none ("February 30, 2025").
    """
    text = text.strip()
    for pattern in WRITTEN_DAYS:
        if match := pattern.fullmatch(text) or pattern.fullmatch(text.rstrip(".")):
            month = month_number(match["month"])
            return datetime.date(int(match["year"]), month, int(match["day"]))
    return None


def render(date, precision, approximate=False):
    """A date the way a person writes it in the active language: "21 June 2025",
    "autumn 2023", "c. 2020"; in Hungarian "2025. június 21.", "2023 ősze",
    "kb. 2020".

    The order of its parts is the catalogue's (a format of Django's ``date``
    filter), the names of the months Django's own translations.
    """
    if date is None:
        return ""
    if precision == DatePrecision.MONTH:
        text = dateformat.format(
            date, pgettext("a month of a year: date format", "F Y")
        )
    elif precision == DatePrecision.SEASON:
        season = SEASONS[season_start_month(date.month)][0]
        text = SEASON_OF_YEAR[season].format(year=date.year)
    elif precision == DatePrecision.YEAR:
        text = str(date.year)
    else:
        text = dateformat.format(date, pgettext("a day: date format", "j F Y"))
    return gettext("c. {date}").format(date=text) if approximate else text


def to_edtf(date, precision, approximate=False):
    """The EDTF string for a partial date: ``2025-06-21``, ``2023-23``, ``2020~``."""
    if date is None:
        return ""
    if precision == DatePrecision.MONTH:
        text = f"{date.year:04d}-{date.month:02d}"
    elif precision == DatePrecision.SEASON:
        text = f"{date.year:04d}-{SEASONS[season_start_month(date.month)][1]}"
    elif precision == DatePrecision.YEAR:
        text = f"{date.year:04d}"
    else:
        text = date.isoformat()
    return f"{text}~" if approximate else text


def from_edtf(text):
    """Parse the EDTF subset ``to_edtf`` writes into (date, precision, approximate)."""
    value = text.strip()
    approximate = value.endswith("~")
    value = value.rstrip("~")
    parts = value.split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 1:
            return datetime.date(numbers[0], 1, 1), DatePrecision.YEAR, approximate
        if len(numbers) == 2 and numbers[1] in SEASON_BY_EDTF_CODE:
            month = SEASON_BY_EDTF_CODE[numbers[1]]
            return (
                datetime.date(numbers[0], month, 1),
                DatePrecision.SEASON,
                approximate,
            )
        if len(numbers) == 2:
            return (
                datetime.date(numbers[0], numbers[1], 1),
                DatePrecision.MONTH,
                approximate,
            )
        if len(numbers) == 3:
            return datetime.date(*numbers), DatePrecision.DAY, approximate
    except ValueError:
        pass
    raise ValueError(
        gettext(
            "“{text}” is not an EDTF date such as 2025-06-21, 2023-02 or 2023-23."
        ).format(text=text)
    )


class PartialDate:
    """A read-only view of a model's (date, precision, approximate) triple."""

    def __init__(self, date, precision, approximate=False):
        self.date = date
        self.precision = precision
        self.approximate = approximate

    def __str__(self):
        return render(self.date, self.precision, self.approximate)

    def __bool__(self):
        return self.date is not None

    @property
    def edtf(self):
        return to_edtf(self.date, self.precision, self.approximate)
