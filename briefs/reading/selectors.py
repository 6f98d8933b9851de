"""
What each reading page reads.

Each ``*_pages(user)`` queryset holds the rows of one kind of page that the
user may open, each with everything its template shows, so a page costs the
same few queries for a brief of three sections or three hundred and no
template triggers a query. Who may read what is the models' ``visible_to``:
the public reads published briefs and the actors, meetings, sanctions and
releases they discuss; editors (staff) also read drafts, to preview them.

The views, the feed and any later door (an API) read through these, so they
cannot disagree about what a page holds or who may see it.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from briefs.domain.markup import cited_sources
from briefs.domain.quotes import Mark, mark_quotes
from briefs.models import (
    FACTS_ABOUT_AN_ACTOR,
    RANK_ORDER,
    Actor,
    Author,
    Contribution,
    DatasetRelease,
    Evidence,
    EvidenceRank,
    Fact,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    PageGeneration,
    PreviewLink,
    PrisonerRelease,
    Publication,
    Sanction,
    Section,
    SourceReference,
    facts_of,
)
from briefs.models import (
    FACTS_OF as FACTS_OF_KIND,
)
from briefs.reading import timeline
from briefs.reading.charts import nationality_chart
from briefs.reading.citations import Citation
from briefs.reading.links import absolute_url_of

# --- Parts several pages fetch ---------------------------------------------------


def credits():
    """A brief's contributions of every role with their authors, in credit order."""
    return Prefetch(
        "contributions",
        queryset=Contribution.objects.select_related("author").order_by("position"),
    )


def author_credits():
    """A brief's authors in credit order, as ``publication.author_credits``."""
    return Prefetch(
        "contributions",
        queryset=Contribution.objects.filter(
            role=Contribution.Role.AUTHOR
        ).select_related("author"),
        to_attr="author_credits",
    )


def participants():
    """A meeting's participants with their actors, in order."""
    return Prefetch(
        "participations", queryset=MeetingParticipant.objects.select_related("actor")
    )


def nationality_counts():
    """A release's breakdown with the country of each count, largest first."""
    return Prefetch(
        "nationality_counts",
        queryset=NationalityCount.objects.select_related("country"),
    )


def visible_briefs(user):
    """The briefs discussing a row that the user may read, as ``row.briefs``."""
    return Prefetch(
        "publications",
        queryset=Publication.objects.visible_to(user),
        to_attr="briefs",
    )


def with_meeting_visibility(releases, user):
    """Releases that know whether their meeting has a page this user may open."""
    visible_meetings = Meeting.objects.visible_to(user).filter(
        pk=OuterRef("meeting_id")
    )
    return releases.annotate(meeting_is_visible=Exists(visible_meetings))


# --- Briefs ------------------------------------------------------------------------


def published_briefs():
    """Published briefs, newest first, with their authors: the index and the feed."""
    return Publication.objects.published().prefetch_related(author_credits())


def brief_pages(user):
    """Briefs the user may read, with their text, credits, sources and facts."""
    return with_brief_parts(Publication.objects.visible_to(user), user)


def brief_with_stored_article():
    """Published briefs with only what the page shows around the article, the
    stored article and the current page generation: one query (briefs.reading.articles)."""
    generation = PageGeneration.objects.filter(pk=1).values("value")
    return (
        Publication.objects.published()
        .select_related("stored_article")
        .only("slug", "title", "series", "status", "stored_article")
        .annotate(current_generation=Subquery(generation))
    )


def preview_link(token):
    """The preview link of ``token`` with its brief, usable or not; None if unknown."""
    return PreviewLink.objects.select_related("publication").filter(token=token).first()


def brief_preview(link):
    """The brief a preview link opens, with what its page shows.

    Whoever holds the link reads this brief, and the rest of the site as the
    public does: links to other pages appear only where those are public.
    """
    publications = Publication.objects.filter(pk=link.publication_id)
    return with_brief_parts(publications, AnonymousUser()).get()


def with_brief_parts(publications, user):
    """Briefs with their text, credits, sources and facts; links as ``user`` may follow."""
    releases = with_meeting_visibility(
        PrisonerRelease.objects.select_related("released_by", "released_to", "meeting"),
        user,
    ).prefetch_related(
        nationality_counts(),
        Prefetch("sanctions_relief", queryset=Sanction.objects.visible_to(user)),
    )
    # Parts in their brief's order, without the join to the brief that
    # their Meta.ordering ("publication" first) would add.
    return publications.prefetch_related(
        Prefetch("sections", queryset=Section.objects.order_by("position")),
        Prefetch(
            "source_references", queryset=SourceReference.objects.order_by("number")
        ),
        Prefetch("evidence", queryset=Evidence.objects.select_related("actor")),
        credits(),
        "actors",
        Prefetch(
            "meetings",
            queryset=Meeting.objects.select_related("country").prefetch_related(
                participants()
            ),
        ),
        Prefetch(
            "sanctions",
            queryset=Sanction.objects.select_related("imposed_by", "target"),
        ),
        Prefetch("releases", queryset=releases),
    )


def citable_briefs(user):
    """Briefs the user may read, with what a citation of each names."""
    return Publication.objects.visible_to(user).prefetch_related(credits())


def citation(publication, dataset=None):
    """The brief's citation, at the site's origin, naming ``dataset``."""
    return Citation(
        publication,
        absolute_url_of(publication),
        dataset=dataset,
        dataset_url=absolute_url_of(dataset) if dataset else "",
    )


def latest_dataset():
    """The newest dataset release, or None: what a brief page and its citations name."""
    return DatasetRelease.objects.order_by("-released_at").first()


def dataset_releases():
    """Every dataset release, newest first: the /data/ page."""
    return DatasetRelease.objects.order_by("-released_at")


def stored_html(html):
    """A brief's text as stored when it was written: rendered and sanitized then,
    so the page marks it up (evidence) without rendering it again."""
    return mark_safe(html)  # noqa: S308 (sanitized when stored)


@dataclass
class BriefPage:
    """A brief as its page shows it: the text rendered, the facts beside it, how to cite it."""

    summary: str
    sections: list
    sources: list
    authors: list
    other_credits: list
    meetings: list
    sanctions: list
    releases: list
    events: list
    citation: Citation
    json_ld: str
    dataset: object

    @property
    def canonical_url(self):
        return self.citation.url

    @property
    def key_fact_count(self):
        return len(self.meetings) + len(self.releases) + len(self.sanctions)


def brief_page(publication, dataset=None):
    """The page of a brief from ``brief_pages()``, built without a query.

    ``dataset`` is the newest release (``latest_dataset()``), which the page
    and its citation name.
    """
    actors = publication.actors.all()
    sections = list(publication.sections.all())
    releases = list(publication.releases.all())
    for release in releases:
        release.chart = nationality_chart(release)
    meetings = list(publication.meetings.all())
    sanctions = list(publication.sanctions.all())
    evidence = list(publication.evidence.all())
    attach_evidence([*meetings, *sanctions, *releases], evidence)
    # Each quote marked in the text it comes from, linking back to its fact.
    summary = mark_evidence(stored_html(publication.summary_html), evidence, None)
    for section in sections:
        section.html = mark_evidence(
            stored_html(section.body_html), evidence, section.position
        )
    sources = cited_sources(
        publication.source_references.all(),
        [publication.summary_html, *(section.body_html for section in sections)],
    )
    cited = citation(publication, dataset)
    authors = cited.authors
    author_urls = {author.pk: absolute_url_of(author) for author in authors}
    return BriefPage(
        summary=summary,
        sections=sections,
        sources=sources,
        authors=authors,
        other_credits=[
            credit
            for credit in publication.contributions.all()
            if credit.role != Contribution.Role.AUTHOR
        ],
        meetings=meetings,
        sanctions=sanctions,
        releases=releases,
        events=timeline.events(meetings, releases, sanctions),
        citation=cited,
        json_ld=cited.json_ld(
            author_urls=author_urls,
            actors=actors,
            claims=claims(evidence, cited.url, sources),
        ),
        dataset=dataset,
    )


# --- Evidence ----------------------------------------------------------------------


SUBJECT_OF = {Meeting: "meeting", Sanction: "sanction", PrisonerRelease: "release"}


def ranked(evidence):
    """Best first (preferred, normal, deprecated), then in the brief's order."""
    return sorted(
        evidence, key=lambda row: (RANK_ORDER[row.rank], row.publication_id, row.number)
    )


@dataclass
class StatedFact:
    """One fact of a record on a brief's page, with the evidence for its values.

    ``best`` holds the values of the best rank present (preferred, else
    normal), as Wikidata reads ranks: what the panel shows; ``others`` the
    other values ("others exist"), deprecated ones last.
    """

    anchor: str  # the id of the fact in the key-facts panel
    label: str
    best: list = field(default_factory=list)
    others: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.best or self.others)


def stated_fact(kind, record, fact, actor, evidence):
    ordered = ranked(evidence)
    best_rank = next(
        (row.rank for row in ordered if row.rank != EvidenceRank.DEPRECATED), None
    )
    parts = ["fact", kind, record.slug, fact, *([actor.slug] if actor else [])]
    return StatedFact(
        anchor="-".join(parts),
        label=Fact(fact).label,
        best=[row for row in ordered if row.rank == best_rank],
        others=[row for row in ordered if row.rank != best_rank],
    )


def evidence_by_fact(evidence):
    """{(kind, record id, fact, actor id): [evidence]}."""
    found = {}
    for row in evidence:
        found.setdefault(row.fact_key, []).append(row)
    return found


def attach_evidence(records, evidence):
    """Give each record ``stated`` ({fact: StatedFact}), each participation and
    nationality count its own ``stated``, and each piece of ``evidence`` (one
    brief's) its ``record`` and ``stated_fact``, for the link back."""
    found = evidence_by_fact(evidence)
    for record in records:
        kind = SUBJECT_OF[type(record)]

        def stated(fact, actor=None, record=record, kind=kind):
            key = (kind, record.pk, fact, actor.pk if actor else None)
            result = stated_fact(kind, record, fact, actor, found.get(key, []))
            for row in [*result.best, *result.others]:
                row.record, row.stated_fact = record, result
            return result

        record.stated = {
            fact.value: stated(fact)
            for fact in FACTS_OF_KIND[kind]
            if fact not in FACTS_ABOUT_AN_ACTOR
        }
        if kind == "meeting":
            for participation in record.participations.all():
                participation.stated = stated(Fact.PARTICIPANT, participation.actor)
        if kind == "release":
            for count in record.nationality_counts.all():
                count.stated = stated(Fact.NATIONALITY, count.country)


def mark_evidence(html, evidence, section):
    """A text's HTML with the quotes of its evidence marked, each linking back to its fact.

    Sets ``on_page`` on each piece of evidence of this text: whether its
    words were found, so the panel links only to marks that exist.
    """
    rows = [
        row
        for row in evidence
        if row.section == section and getattr(row, "stated_fact", None)
    ]
    if not rows:
        return html
    marks = [
        Mark(
            anchor=row.anchor,
            quote=row.quote,
            after=format_html(
                '<a class="evidence__back" href="#{}" title="Back to the fact" '
                'aria-label="Back to the fact: {}, {}">↩</a>',
                row.stated_fact.anchor,
                row.stated_fact.label,
                row.value,
            ),
        )
        for row in rows
    ]
    marked, anchors = mark_quotes(html, marks)
    for row in rows:
        row.on_page = row.anchor in anchors
    return mark_safe(marked)  # noqa: S308 (sanitized HTML with our own marks)


def claims(evidence, page_url, sources):
    """schema.org Claims for the page's JSON-LD: each value a brief states, with the
    words that state it (``firstAppearance``, a Quotation) and the source notes
    that back it (``citation``, which schema.org allows on a Claim, a CreativeWork)."""
    references = {source.number: source.reference for source in sources}
    result = []
    for row in evidence:
        fact = getattr(row, "stated_fact", None)
        if fact is None:
            continue
        subject = row.record
        cited = [
            {
                "@type": "CreativeWork",
                "name": references[number].anchor_text,
                **({"url": references[number].url} if references[number].url else {}),
            }
            for number in row.source_numbers
            if number in references
        ]
        result.append(
            {
                "@type": "Claim",
                "name": f"{fact.label} of {subject}: {row.value}",
                "about": {
                    "@type": "Event" if isinstance(subject, Meeting) else "Thing",
                    "name": str(subject),
                    "url": absolute_url_of(subject),
                },
                "text": row.value,
                "firstAppearance": {
                    "@type": "Quotation",
                    "text": row.quote,
                    "url": f"{page_url}#{row.anchor}",
                },
                **({"citation": cited} if cited else {}),
            }
        )
    return result


@dataclass
class MissingFact:
    record: object
    label: str
    value: str
    change_url: str


def facts_without_evidence(publication):
    """The facts of the records a brief discusses that none of its evidence states."""
    stated = {row.fact_key for row in publication.evidence.all()}
    missing = []
    records = [
        *publication.meetings.prefetch_related(participants()),
        *publication.sanctions.all(),
        *publication.releases.prefetch_related(nationality_counts()),
    ]
    for record in records:
        kind = SUBJECT_OF[type(record)]
        opts = record._meta
        change_url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]
        )
        for fact, actor in facts_of(record):
            if (kind, record.pk, fact, actor.pk if actor else None) in stated:
                continue
            label = Fact(fact).label
            missing.append(
                MissingFact(
                    record, label, str(actor or fact_value(record, fact)), change_url
                )
            )
    return missing


def fact_value(record, fact):
    """A record's stored value of a fact, as text."""
    if fact == Fact.DATE:
        return str(record.when)
    if fact == Fact.DURATION:
        return record.duration_display
    if fact == Fact.STATUS:
        return record.get_status_display()
    if fact == Fact.PLACE:
        return ", ".join(str(part) for part in (record.place, record.country) if part)
    return str(getattr(record, fact))


def evidence_of(user):
    """Evidence from the briefs the user may read, best first, with what a list of it shows.

    The read of evidence per fact: entity pages prefetch it, and any later
    door (an API) can filter it by record (``meeting=``, ``actor=``, …).
    """
    return (
        Evidence.objects.visible_to(user)
        .select_related("publication", "actor", "meeting", "sanction", "release")
        .ranked()
    )


def evidence_shown(user):
    """A record's or an actor's evidence from the briefs the user may read, as
    ``row.evidence_shown``."""
    return Prefetch("evidence", queryset=evidence_of(user), to_attr="evidence_shown")


# --- People and things that act ------------------------------------------------------


def author_pages(user):
    """Authors the user may read, each with the readable briefs they are credited on."""
    credits_in_visible_briefs = (
        Contribution.objects.filter(
            publication__in=Publication.objects.visible_to(user)
        )
        .select_related("publication")
        .order_by("-publication__publication_date", "publication__title")
    )
    return Author.objects.visible_to(user).prefetch_related(
        Prefetch("contributions", queryset=credits_in_visible_briefs, to_attr="credits")
    )


KIND_HEADINGS = {
    Actor.Kind.PERSON: "People",
    Actor.Kind.STATE: "States",
    Actor.Kind.ORGANIZATION: "Organizations",
    Actor.Kind.GROUP: "Groups",
}


def actor_list(user):
    """The actors the user may read, as the actor index lists them."""
    # Only what a row of the index shows: a page holds hundreds of actors.
    return (
        Actor.objects.visible_to(user)
        .select_related("country")
        .only("slug", "name", "kind", "position", "country__slug", "country__name")
    )


def actors_by_kind(actors):
    """(heading, kind, actors) for each kind that has one of ``actors``, each
    actor with its page's address as ``url``."""
    url = Actor.url_by_slug()
    for actor in actors:
        actor.url = url(actor.slug)
    return [
        (heading, kind, members)
        for kind, heading in KIND_HEADINGS.items()
        if (members := [actor for actor in actors if actor.kind == kind])
    ]


def actor_pages(user):
    """Actors the user may read, each with what they take part in that the user may read.

    Every list is filtered to what the user may open, so an actor's page
    never links to a page that would answer "not found".
    """
    meetings = Meeting.objects.visible_to(user)
    sanctions = Sanction.objects.visible_to(user)
    releases = PrisonerRelease.objects.visible_to(user)
    visible_actors = Actor.objects.visible_to(user)
    return (
        visible_actors.select_related("country")
        .annotate(
            country_is_visible=Exists(visible_actors.filter(pk=OuterRef("country_id")))
        )
        .prefetch_related(
            "aliases",
            Prefetch(
                "participations",
                queryset=MeetingParticipant.objects.filter(meeting__in=meetings)
                .select_related("meeting")
                .order_by("meeting__date", "meeting__title"),
            ),
            Prefetch(
                "meetings_hosted_in", queryset=meetings, to_attr="meetings_held_here"
            ),
            Prefetch(
                "sanctions_imposed",
                queryset=sanctions.select_related("target"),
                to_attr="sanctions_imposed_visible",
            ),
            Prefetch(
                "sanctions_borne",
                queryset=sanctions.select_related("imposed_by"),
                to_attr="sanctions_borne_visible",
            ),
            Prefetch(
                "releases_made", queryset=releases, to_attr="releases_made_visible"
            ),
            Prefetch(
                "releases_received",
                queryset=releases,
                to_attr="releases_received_visible",
            ),
            Prefetch(
                "nationality_counts",
                queryset=NationalityCount.objects.filter(release__in=releases)
                .select_related("release")
                .order_by("release__date"),
                to_attr="counted_in_releases",
            ),
            Prefetch("nationals", queryset=visible_actors, to_attr="nationals_visible"),
            visible_briefs(user),
            evidence_shown(user),
        )
    )


# --- Events and measures -------------------------------------------------------------


def meeting_pages(user):
    """Meetings the user may read, with their participants, the releases agreed and briefs."""
    return (
        Meeting.objects.visible_to(user)
        .select_related("country")
        .prefetch_related(
            participants(),
            Prefetch(
                "releases",
                queryset=PrisonerRelease.objects.visible_to(user),
                to_attr="outcomes",
            ),
            visible_briefs(user),
            evidence_shown(user),
        )
    )


def sanction_pages(user):
    """Sanctions the user may read, with the releases they were eased for and briefs."""
    return (
        Sanction.objects.visible_to(user)
        .select_related("imposed_by", "target")
        .prefetch_related(
            Prefetch(
                "releases",
                queryset=PrisonerRelease.objects.visible_to(user),
                to_attr="traded_for",
            ),
            visible_briefs(user),
            evidence_shown(user),
        )
    )


def release_pages(user):
    """Releases the user may read, with their breakdown, the relief traded and briefs."""
    releases = PrisonerRelease.objects.visible_to(user).select_related(
        "released_by", "released_to", "meeting"
    )
    return with_meeting_visibility(releases, user).prefetch_related(
        nationality_counts(),
        Prefetch(
            "sanctions_relief",
            queryset=Sanction.objects.visible_to(user).select_related(
                "imposed_by", "target"
            ),
            to_attr="relief",
        ),
        visible_briefs(user),
        evidence_shown(user),
    )


# --- Across briefs -------------------------------------------------------------------


def timeline_events(user):
    """Every dated event the user may read, earliest first, to be paged."""
    return timeline.Timeline(
        meetings=Meeting.objects.visible_to(user),
        releases=PrisonerRelease.objects.visible_to(user),
        sanctions=Sanction.objects.visible_to(user),
        publications=Publication.objects.visible_to(user),
    )


def by_year(events):
    """(year, events) in the order the events come."""
    years = {}
    for event in events:
        years.setdefault(event.when.date.year, []).append(event)
    return list(years.items())
