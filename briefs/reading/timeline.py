"""The dated events of briefs, in order: meetings, releases, sanctions' dates."""

from dataclasses import dataclass

from django.db.models import Case, ExpressionWrapper, F, IntegerField, Value, When

from briefs import dates

# A year starts before the season, month and day that begin on the same date.
PRECISION_ORDER = {
    dates.DatePrecision.YEAR: 0,
    dates.DatePrecision.SEASON: 1,
    dates.DatePrecision.MONTH: 2,
    dates.DatePrecision.DAY: 3,
}


@dataclass
class Event:
    when: dates.PartialDate
    kind: str
    title: str
    item: object

    @property
    def url(self):
        return self.item.get_absolute_url()

    @property
    def sort_key(self):
        return (
            self.when.date,
            PRECISION_ORDER.get(self.when.precision, 0),
            self.title,
        )


def events(meetings=(), releases=(), sanctions=(), publications=()):
    """Every dated item among those given, earliest first; undated ones are left out."""
    found = [
        Event(meeting.when, "Meeting", meeting.title, meeting) for meeting in meetings
    ]
    found += [
        Event(release.when, "Prisoner release", release.title, release)
        for release in releases
    ]
    for sanction in sanctions:
        found.append(
            Event(sanction.started, "Sanctions imposed", sanction.title, sanction)
        )
        found.append(Event(sanction.ended, "Sanctions ended", sanction.title, sanction))
    for publication in publications:
        when = dates.PartialDate(publication.publication_date, dates.DatePrecision.DAY)
        found.append(Event(when, "Brief published", publication.title, publication))
    return sorted((event for event in found if event.when), key=lambda e: e.sort_key)


# --- Every brief's events, ordered and paged by the database ---------------------


@dataclass(frozen=True)
class EventKind:
    """One kind of dated event: which rows, which of their dates, and how to read it."""

    name: str
    rows: object  # a queryset
    date: str  # the column of its date
    when: object  # the row's PartialDate, from the row
    # The column of the date's precision; without one, the date is a day.
    precision: str = ""

    def ordered(self, index):
        """(kind, pk, date, precision order, title) of each dated row, for sorting."""
        if self.precision:
            order = Case(
                *(
                    When(**{self.precision: value}, then=Value(order))
                    for value, order in PRECISION_ORDER.items()
                ),
                default=Value(0),
            )
        else:
            order = Value(PRECISION_ORDER[dates.DatePrecision.DAY])
        return (
            self.rows.filter(**{f"{self.date}__isnull": False})
            .annotate(
                kind=Value(index),
                when_date=F(self.date),
                precision_order=ExpressionWrapper(order, IntegerField()),
            )
            .values_list("kind", "pk", "when_date", "precision_order", "title")
            .order_by()
        )


def published_on(publication):
    return dates.PartialDate(publication.publication_date, dates.DatePrecision.DAY)


class Timeline:
    """Events of several kinds in date order, counted and loaded a page at a time.

    The database merges, orders and pages them (as ``events()`` orders a
    few in Python), so a page costs the same few queries however many events
    there are: its count, its rows, and the rows of each kind shown on it
    with what they prefetch.
    """

    def __init__(self, meetings, releases, sanctions, publications):
        self.kinds = [
            EventKind(
                "Meeting", meetings, "date", lambda row: row.when, "date_precision"
            ),
            EventKind(
                "Prisoner release",
                releases,
                "date",
                lambda row: row.when,
                "date_precision",
            ),
            EventKind(
                "Sanctions imposed",
                sanctions,
                "start_date",
                lambda row: row.started,
                "start_date_precision",
            ),
            EventKind(
                "Sanctions ended",
                sanctions,
                "end_date",
                lambda row: row.ended,
                "end_date_precision",
            ),
            EventKind(
                "Brief published", publications, "publication_date", published_on
            ),
        ]
        parts = [kind.ordered(index) for index, kind in enumerate(self.kinds)]
        # Ties in the order of the kinds, as events() leaves them.
        self.rows = (
            parts[0]
            .union(*parts[1:], all=True)
            .order_by("when_date", "precision_order", "title", "kind", "pk")
        )

    def count(self):
        return self.rows.count()

    def __getitem__(self, index):
        rows = list(self.rows[index])
        loaded = {}
        for number, kind in enumerate(self.kinds):
            if ids := [pk for row_kind, pk, *_ in rows if row_kind == number]:
                loaded[number] = kind.rows.in_bulk(ids)
        events = []
        for number, pk, *_ in rows:
            kind, item = self.kinds[number], loaded[number].get(pk)
            if item is not None:  # unless deleted since it was ordered
                events.append(Event(kind.when(item), kind.name, item.title, item))
        return events

    def __iter__(self):
        return iter(self[:])
