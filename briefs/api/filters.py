"""
The query parameters of each list, as django-ninja filter schemas.

Dates filter by the interval a partial date covers, never by its stored
first day: ``date_after`` keeps what ends on or after that day (so
``date_after=2023-10-15`` finds "autumn 2023"), ``date_before`` what starts
on or before it; together they find whatever overlaps the range. A
relation that may hold several matching rows is filtered through a
subquery, so no row comes twice. A brief named in a filter is looked for
among the published ones only: a draft's slug finds what an unknown slug
finds, nothing, so a filter neither shows what a draft discusses nor tells
that the draft exists.
"""

import datetime
from typing import ClassVar

from django.db.models import Exists, OuterRef, Q
from ninja import Field, FilterSchema

from briefs.domain import dates
from briefs.models import (
    Actor,
    Contribution,
    MeetingParticipant,
    NationalityCount,
    Publication,
    Sanction,
)


def in_published_brief(slug, lookup):
    """Rows the published brief ``slug`` links through ``lookup`` (``actors``,
    ``meetings``, …); every row when no slug is given. Any edition's slug
    names its brief's facts (its original's); an actor, the edition's own
    mentions."""
    if not slug:
        return Q()
    edition = Publication.objects.published().filter(slug=slug)
    if lookup != "actors":
        edition = Publication.objects.filter(
            Q(pk__in=edition.values("pk")) | Q(pk__in=edition.values("translation_of"))
        ).originals()
    return Q(Exists(edition.filter(**{lookup: OuterRef("pk")})))


class BriefFilters(FilterSchema):
    actor: str | None = None
    author: str | None = None
    language: str | None = Field(
        None, description="Editions in this language only: en, hu, …"
    )
    date_after: datetime.date | None = None
    date_before: datetime.date | None = None

    def filter_language(self, code):
        return Q(language=code) if code else Q()

    def filter_actor(self, slug):
        return Q(actors__slug=slug) if slug else Q()

    def filter_author(self, slug):
        if not slug:
            return Q()
        credited = Contribution.objects.filter(author__slug=slug)
        return Q(pk__in=credited.values("publication"))

    def filter_date_after(self, day):
        return Q(publication_date__gte=day) if day else Q()

    def filter_date_before(self, day):
        return Q(publication_date__lte=day) if day else Q()


class ActorFilters(FilterSchema):
    kind: Actor.Kind | None = None
    country: str | None = None
    brief: str | None = None

    def filter_country(self, slug):
        return Q(country__slug=slug) if slug else Q()

    def filter_brief(self, slug):
        return in_published_brief(slug, "actors")


class DatedFilters(FilterSchema):
    """A fact with one partial date, ``date``."""

    brief: str | None = None
    date_after: datetime.date | None = None
    date_before: datetime.date | None = None

    def filter_brief(self, slug):
        return in_published_brief(slug, self.discussed_as)

    def filter_date_after(self, day):
        return dates.ends_on_or_after("date", day) if day else Q()

    def filter_date_before(self, day):
        return Q(date__lte=day) if day else Q()


class MeetingFilters(DatedFilters):
    discussed_as: ClassVar[str] = "meetings"
    actor: str | None = None
    country: str | None = None

    def filter_actor(self, slug):
        if not slug:
            return Q()
        taking_part = MeetingParticipant.objects.filter(actor__slug=slug)
        return Q(pk__in=taking_part.values("meeting"))

    def filter_country(self, slug):
        return Q(country__slug=slug) if slug else Q()


class ReleaseFilters(DatedFilters):
    discussed_as: ClassVar[str] = "releases"
    actor: str | None = None
    country: str | None = None

    def filter_actor(self, slug):
        if not slug:
            return Q()
        counted = NationalityCount.objects.filter(country__slug=slug)
        return (
            Q(released_by__slug=slug)
            | Q(released_to__slug=slug)
            | Q(pk__in=counted.values("release"))
        )

    def filter_country(self, slug):
        """Releases of prisoners of that nationality."""
        if not slug:
            return Q()
        counted = NationalityCount.objects.filter(country__slug=slug)
        return Q(pk__in=counted.values("release"))


class SanctionFilters(FilterSchema):
    actor: str | None = None
    imposed_by: str | None = None
    target: str | None = None
    status: Sanction.Status | None = None
    sector: str | None = None
    brief: str | None = None
    date_after: datetime.date | None = None
    date_before: datetime.date | None = None

    def filter_actor(self, slug):
        return Q(imposed_by__slug=slug) | Q(target__slug=slug) if slug else Q()

    def filter_imposed_by(self, slug):
        return Q(imposed_by__slug=slug) if slug else Q()

    def filter_target(self, slug):
        return Q(target__slug=slug) if slug else Q()

    def filter_sector(self, sector):
        return Q(sector__iexact=sector) if sector else Q()

    def filter_brief(self, slug):
        return in_published_brief(slug, "sanctions")

    def filter_date_after(self, day):
        """In force on or after the day: not ended before it (an open end has not ended)."""
        if not day:
            return Q()
        return Q(start_date__isnull=False, end_date__isnull=True) | (
            dates.ends_on_or_after("end_date", day)
        )

    def filter_date_before(self, day):
        return Q(start_date__lte=day) if day else Q()
