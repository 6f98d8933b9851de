"""
What each row of the API looks like; the OpenAPI document is made from these.

Related rows are named by slug (their natural key, as in every export) with
their name, and ``url`` is the row's page on the site. A partial date is an
object: its EDTF string, the text the site shows, its precision and the
interval of days it covers, so a reader never takes the first day of
"autumn 2023" for the date.

A translated text (an actor's name, position and description, a fact's
title, a meeting's place) is given in the request's language, English
where that language has none (``name``), and in every language as its own
value, empty where curators gave none (``names``: {"en": …, "hu": …}).

Each fact (meeting, sanction, release) shares ``FactOut``, with its
``evidence``: each value a published brief states for one of its facts, with
the quoted words, where they stand, the source notes behind them and their
rank (preferred, normal, deprecated, as Wikidata ranks statements).
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from ninja import Field, Schema

from briefs.domain import dates
from briefs.models.base import languages, translated_fields
from briefs.reading.links import absolute_url_of
from briefs.reading.selectors import editions_discussing

PUBLIC = AnonymousUser()


def in_every_language(row, name):
    """{language code: the row's own value of a translated ``name`` in it}."""
    fields = translated_fields(type(row))[name]
    return dict(
        zip(languages(), (getattr(row, field) for field in fields), strict=True)
    )


IN_EVERY_LANGUAGE = "The same in every language: {code: its own value, '' if none}."


class PartialDateOut(Schema):
    edtf: str
    text: str
    precision: str
    approximate: bool
    earliest: datetime.date
    latest: datetime.date


def partial_date(date, precision, approximate):
    if date is None:
        return None
    earliest, latest = dates.interval(date, precision)
    return PartialDateOut(
        edtf=dates.to_edtf(date, precision, approximate),
        text=dates.render(date, precision, approximate),
        precision=precision,
        approximate=approximate,
        earliest=earliest,
        latest=latest,
    )


class ActorRef(Schema):
    slug: str
    name: str
    names: dict[str, str] = Field(description=IN_EVERY_LANGUAGE)

    @staticmethod
    def resolve_names(actor):
        return in_every_language(actor, "name")


class IdentifierOut(Schema):
    scheme: str
    value: str
    url: str


class ActorOut(Schema):
    slug: str
    name: str
    names: dict[str, str] = Field(description=IN_EVERY_LANGUAGE)
    kind: str
    position: str
    positions: dict[str, str] = Field(description=IN_EVERY_LANGUAGE)
    country: ActorRef | None
    aliases: list[str]
    identifiers: list[IdentifierOut]
    description: str
    descriptions: dict[str, str] = Field(description=IN_EVERY_LANGUAGE)
    url: str

    @staticmethod
    def resolve_names(actor):
        return in_every_language(actor, "name")

    @staticmethod
    def resolve_positions(actor):
        return in_every_language(actor, "position")

    @staticmethod
    def resolve_descriptions(actor):
        return in_every_language(actor, "description")

    @staticmethod
    def resolve_country(actor):
        # A country without a page of its own is not published: left out.
        return actor.country if actor.country_is_visible else None

    @staticmethod
    def resolve_aliases(actor):
        return [alias.name for alias in actor.aliases.all()]

    @staticmethod
    def resolve_identifiers(actor):
        if not actor.wikidata_id:
            return []
        return [
            IdentifierOut(
                scheme="wikidata",
                value=actor.wikidata_id,
                url=f"https://www.wikidata.org/wiki/{actor.wikidata_id}",
            )
        ]

    @staticmethod
    def resolve_url(actor):
        return absolute_url_of(actor)


# --- Briefs ------------------------------------------------------------------------


class CreditOut(Schema):
    slug: str = Field(alias="author.slug")
    name: str = Field(alias="author.name")
    role: str
    position: str = Field(alias="author.position")
    affiliation: str = Field(alias="author.affiliation")
    orcid: str | None = Field(
        alias="author.orcid_url", description="The author's ORCID iD, as its URL."
    )

    @staticmethod
    def resolve_orcid(credit):
        return credit.author.orcid_url or None


class EditionOut(Schema):
    """One edition of a brief: the brief in one language."""

    slug: str
    language: str = Field(description="Its language, as a code: en, hu, …")
    title: str
    translation_of: str | None = Field(
        description="The original edition it translates, by slug; null on the original."
    )
    unofficial_translation: bool
    url: str

    @staticmethod
    def resolve_translation_of(publication):
        return publication.translation_of.slug if publication.is_translation else None

    @staticmethod
    def resolve_url(publication):
        return absolute_url_of(publication)


class BriefSummaryOut(Schema):
    slug: str
    title: str
    language: str = Field(
        description="The language of its title, abstract and sections: en, hu, …"
    )
    translation_of: str | None = Field(
        description="The original edition this one translates, by slug; null on "
        "the original, whose facts every edition states."
    )
    unofficial_translation: bool = Field(
        description="A translation the institute has not made or approved."
    )
    translation_note: str
    editions: list[EditionOut] = Field(
        description="Every published edition of the brief, this one included, "
        "original first."
    )
    series: str
    number: str | None = Field(
        description="Its number in the series, “2025/17”; null until first published."
    )
    doi: str | None = Field(description="Its DOI; null until it has a number.")
    publisher: str
    publication_date: datetime.date
    summary_markdown: str
    credits: list[CreditOut]
    url: str

    @staticmethod
    def resolve_number(publication):
        return publication.report_number or None

    @staticmethod
    def resolve_doi(publication):
        return publication.doi or None

    @staticmethod
    def resolve_summary_markdown(publication):
        return publication.summary

    @staticmethod
    def resolve_translation_of(publication):
        return EditionOut.resolve_translation_of(publication)

    @staticmethod
    def resolve_editions(publication):
        return [edition for edition in publication.edition_list if edition.is_published]

    @staticmethod
    def resolve_credits(publication):
        return publication.contributions.all()

    @staticmethod
    def resolve_url(publication):
        return absolute_url_of(publication)


class SectionOut(Schema):
    position: int
    heading: str
    markdown: str
    html: str

    @staticmethod
    def resolve_markdown(section):
        return section.body


class SourceOut(Schema):
    number: int
    anchor_text: str
    url: str


class BriefOut(BriefSummaryOut):
    """A brief with its text as the site renders it and the facts it discusses."""

    publisher_url: str
    summary_html: str
    cover_photo_credit: str
    copyright_line: str
    sections: list[SectionOut]
    sources: list[SourceOut]
    actors: list[ActorRef]
    meetings: list[str]
    sanctions: list[str]
    releases: list[str]

    @staticmethod
    def resolve_summary_html(publication):
        return publication.page.summary

    @staticmethod
    def resolve_sections(publication):
        return publication.page.sections

    @staticmethod
    def resolve_sources(publication):
        return publication.source_references.all()

    @staticmethod
    def resolve_actors(publication):
        return publication.actors.all()

    @staticmethod
    def resolve_meetings(publication):
        return [meeting.slug for meeting in publication.page.meetings]

    @staticmethod
    def resolve_sanctions(publication):
        return [sanction.slug for sanction in publication.page.sanctions]

    @staticmethod
    def resolve_releases(publication):
        return [release.slug for release in publication.page.releases]


# --- Facts ---------------------------------------------------------------------------


class EvidenceOut(Schema):
    """One value of a fact as a published brief states it."""

    brief: str = Field(description="The slug of the brief that states it.")
    language: str = Field(
        description="The language of that brief, and of the quoted words."
    )
    fact: str = Field(description="date, place, duration, participant, status, …")
    actor: str | None = Field(
        description="The participant or nationality the fact is about, by slug."
    )
    value: str
    rank: str = Field(description="preferred, normal or deprecated.")
    text: str = Field(description="Where the words stand: 'abstract' or 'section N'.")
    quote: str
    quote_found: bool = Field(
        description="False once an edit of the text no longer holds the quote."
    )
    sources: list[int] = Field(description="The brief's source notes that back it.")
    note: str
    url: str = Field(description="The quoted words, marked on the brief's page.")

    @staticmethod
    def resolve_brief(row):
        return row.publication.slug

    @staticmethod
    def resolve_language(row):
        return row.publication.language

    @staticmethod
    def resolve_actor(row):
        return row.actor.slug if row.actor else None

    @staticmethod
    def resolve_text(row):
        return "abstract" if row.section is None else f"section {row.section}"

    @staticmethod
    def resolve_sources(row):
        return row.source_numbers

    @staticmethod
    def resolve_url(row):
        return f"{absolute_url_of(row.publication)}#{row.anchor}"


class FactOut(Schema):
    """What every fact carries: its key, its page, the published briefs
    discussing it and the evidence they give for its values, best first."""

    slug: str
    title: str
    titles: dict[str, str] = Field(description=IN_EVERY_LANGUAGE)
    briefs: list[str]
    url: str
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_titles(fact):
        return in_every_language(fact, "title")

    @staticmethod
    def resolve_evidence(fact):
        return fact.evidence_shown

    @staticmethod
    def resolve_briefs(fact):
        # Every edition of the briefs discussing it (an edition per language).
        return [brief.slug for brief in editions_discussing(fact, PUBLIC)]

    @staticmethod
    def resolve_url(fact):
        return absolute_url_of(fact)


class ParticipantOut(Schema):
    actor: ActorRef
    role: str


class MeetingOut(FactOut):
    date: PartialDateOut | None
    place: str
    places: dict[str, str] = Field(description=IN_EVERY_LANGUAGE)
    country: ActorRef | None
    duration_hours: Decimal | None
    duration_approximate: bool
    topics: list[str]
    outcome: str
    significance: str
    participants: list[ParticipantOut]
    releases: list[str]

    @staticmethod
    def resolve_date(meeting):
        return partial_date(
            meeting.date, meeting.date_precision, meeting.date_approximate
        )

    @staticmethod
    def resolve_places(meeting):
        return in_every_language(meeting, "place")

    @staticmethod
    def resolve_topics(meeting):
        return meeting.topic_list

    @staticmethod
    def resolve_participants(meeting):
        return meeting.participations.all()

    @staticmethod
    def resolve_releases(meeting):
        return [release.slug for release in meeting.outcomes]


class SanctionOut(FactOut):
    imposed_by: ActorRef
    target: ActorRef
    sector: str
    status: str
    status_note: str
    start: PartialDateOut | None
    end: PartialDateOut | None
    description: str
    releases: list[str]

    @staticmethod
    def resolve_start(sanction):
        return partial_date(
            sanction.start_date,
            sanction.start_date_precision,
            sanction.start_date_approximate,
        )

    @staticmethod
    def resolve_end(sanction):
        return partial_date(
            sanction.end_date,
            sanction.end_date_precision,
            sanction.end_date_approximate,
        )

    @staticmethod
    def resolve_releases(sanction):
        return [release.slug for release in sanction.traded_for]


class NationalityCountOut(Schema):
    country: ActorRef
    count: int


class ReleaseOut(FactOut):
    date: PartialDateOut | None
    released_by: ActorRef
    released_to: ActorRef | None
    meeting: str | None
    total: int
    breakdown: list[NationalityCountOut]
    unaccounted: int
    sanctions_relief: list[str]
    description: str

    @staticmethod
    def resolve_date(release):
        return partial_date(
            release.date, release.date_precision, release.date_approximate
        )

    @staticmethod
    def resolve_meeting(release):
        # A meeting only a draft discusses is not published: left out.
        return release.meeting.slug if release.meeting_is_visible else None

    @staticmethod
    def resolve_breakdown(release):
        return release.nationality_counts.all()

    @staticmethod
    def resolve_sanctions_relief(release):
        return [sanction.slug for sanction in release.relief]
