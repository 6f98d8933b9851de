"""The dated events of briefs, in order: meetings, releases, sanctions' dates."""

from dataclasses import dataclass

from django.db.models import F, Value
from django.utils.translation import pgettext_lazy

from briefs.domain import dates
from briefs.models.base import localized, translated_fields

# A year starts before the season, month and day that begin on the same date.
# The names sort the other way round, so the database orders by them.
PRECISION_ORDER = {
    dates.DatePrecision.YEAR: 0,
    dates.DatePrecision.SEASON: 1,
    dates.DatePrecision.MONTH: 2,
    dates.DatePrecision.DAY: 3,
}


@dataclass(frozen=True)
class Link:
    """A page to link to, by its title (in ``language``, a brief's)."""

    url: str
    title: str
    language: str = ""


# What each kind of event is called, in the reader's language.
MEETING = pgettext_lazy("timeline", "Meeting")
RELEASE = pgettext_lazy("timeline", "Prisoner release")
SANCTIONS_IMPOSED = pgettext_lazy("timeline", "Sanctions imposed")
SANCTIONS_ENDED = pgettext_lazy("timeline", "Sanctions ended")
BRIEF_PUBLISHED = pgettext_lazy("timeline", "Brief published")


@dataclass
class Event:
    """A dated event as a timeline shows it, with the briefs discussing it if asked."""

    when: dates.PartialDate
    kind: str
    title: str
    url: str
    briefs: tuple = ()

    @property
    def sort_key(self):
        return (
            self.when.date,
            PRECISION_ORDER.get(self.when.precision, 0),
            self.title,
        )


def events(meetings=(), releases=(), sanctions=(), publications=()):
    """Every dated item among those given, earliest first; undated ones are left out."""
    found = [(meeting.when, MEETING, meeting) for meeting in meetings]
    found += [(release.when, RELEASE, release) for release in releases]
    for sanction in sanctions:
        found.append((sanction.started, SANCTIONS_IMPOSED, sanction))
        found.append((sanction.ended, SANCTIONS_ENDED, sanction))
    for publication in publications:
        when = dates.PartialDate(publication.publication_date, dates.DatePrecision.DAY)
        found.append((when, BRIEF_PUBLISHED, publication))
    return sorted(
        (
            Event(when, kind, item.title, item.get_absolute_url())
            for when, kind, item in found
            if when
        ),
        key=lambda e: e.sort_key,
    )


# --- Every brief's events, ordered and paged by the database ---------------------


@dataclass(frozen=True)
class EventKind:
    """One kind of dated event: which rows, and which of their dates."""

    name: str
    rows: object  # a queryset of the rows the reader may see
    # The column of its date, with "<date>_precision" and "<date>_approximate"
    # beside it, or (partial=False) a day every row has.
    date: str
    partial: bool = True

    def ordered(self, index):
        """What a timeline shows of each dated row, with what it is sorted by.

        (kind, pk, date, precision, title, approximate, slug)
        """
        rows = self.rows
        if self.partial:
            rows = rows.filter(**{f"{self.date}__isnull": False})
            precision = F(f"{self.date}_precision")
            approximate = F(f"{self.date}_approximate")
        else:
            precision = Value(dates.DatePrecision.DAY.value)
            approximate = Value(False)
        # A fact's title in the reader's language (a brief's is its edition's).
        if "title" in translated_fields(rows.model):
            title = localized("title")
        else:
            title = F("title")
        return (
            rows.annotate(
                kind=Value(index),
                when_date=F(self.date),
                when_precision=precision,
                when_approximate=approximate,
                when_title=title,
            )
            .values_list(
                "kind",
                "pk",
                "when_date",
                "when_precision",
                "when_title",
                "when_approximate",
                "slug",
            )
            .order_by()
        )


class Timeline:
    """Events of several kinds in date order, counted and loaded a page at a time.

    The database merges, orders and pages them (as ``events()`` orders a
    few in Python), so a page costs the same few queries however many events
    there are: its count, its rows (all a page shows of them), and the briefs
    discussing them.
    """

    def __init__(self, meetings, releases, sanctions, publications):
        self.publications = publications
        self.kinds = [
            EventKind(MEETING, meetings, "date"),
            EventKind(RELEASE, releases, "date"),
            EventKind(SANCTIONS_IMPOSED, sanctions, "start_date"),
            EventKind(SANCTIONS_ENDED, sanctions, "end_date"),
            EventKind(BRIEF_PUBLISHED, publications, "publication_date", partial=False),
        ]
        parts = [kind.ordered(index) for index, kind in enumerate(self.kinds)]
        # The names of the precisions sort backwards as PRECISION_ORDER
        # does; ties in the order of the kinds, as events() leaves them.
        self.rows = (
            parts[0]
            .union(*parts[1:], all=True)
            .order_by("when_date", "-when_precision", "when_title", "kind", "pk")
        )

    def count(self):
        return self.rows.count()

    def briefs_discussing(self, rows):
        """{(model, pk): links to the briefs discussing that row}, in one query.

        The briefs are those the reader may see, in their usual order.
        """
        shown = {}
        for number, pk, *_ in rows:
            model = self.kinds[number].rows.model
            if model is not self.publications.model:
                shown.setdefault(model, set()).add(pk)
        models = list(shown)
        parts = []
        for position, (model, pks) in enumerate(shown.items()):
            # The name a Publication query uses for the model: "meetings", …
            # A translation discusses its original's facts: through its
            # original's links (an original has none there, a translation
            # none of its own).
            lookup = model.publications.field.related_query_name()
            for edition in ("", "translation_of__"):
                parts.append(
                    self.publications.filter(**{f"{edition}{lookup}__in": pks})
                    .annotate(
                        discussed_model=Value(position),
                        discussed=F(f"{edition}{lookup}"),
                    )
                    .values_list(
                        "discussed_model",
                        "discussed",
                        "slug",
                        "title",
                        "language",
                        "publication_date",
                    )
                    .order_by()
                )
        if not parts:
            return {}
        # The usual order sorts by columns selected above.
        query = (
            parts[0]
            .union(*parts[1:], all=True)
            .order_by(*self.publications.model._meta.ordering)
        )
        url = self.publications.model.url_by_slug()
        briefs = {}
        for position, pk, slug, title, language, _ in query:
            briefs.setdefault((models[position], pk), []).append(
                Link(url(slug), title, language)
            )
        return briefs

    def __getitem__(self, index):
        rows = list(self.rows[index])
        briefs = self.briefs_discussing(rows)
        urls = [kind.rows.model.url_by_slug() for kind in self.kinds]
        return [
            Event(
                dates.PartialDate(date, precision, approximate),
                self.kinds[number].name,
                title,
                urls[number](slug),
                briefs.get((self.kinds[number].rows.model, pk), ()),
            )
            for number, pk, date, precision, title, approximate, slug in rows
        ]

    def __iter__(self):
        return iter(self[:])
