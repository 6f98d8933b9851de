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

import re
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import (
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from briefs.domain.languages import codes, site_language
from briefs.domain.markup import cited_sources
from briefs.domain.quotes import Mark, mark_quotes, normalize, sentence_ends
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
    PdfEdition,
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
from briefs.models.base import in_every_language, localized
from briefs.reading import timeline
from briefs.reading.charts import nationality_chart
from briefs.reading.citations import Citation
from briefs.reading.links import absolute, absolute_url_of

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
    """The briefs discussing a row, as ``row.linked_briefs``: the originals
    linked to it, each with its translations the user may read; the editions
    the user may read are ``editions_discussing(row)``."""
    return Prefetch(
        "publications",
        queryset=Publication.objects.with_facts_visible_to(user).prefetch_related(
            Prefetch(
                "translations",
                queryset=Publication.objects.visible_to(user).order_by("language"),
                to_attr="visible_translations",
            )
        ),
        to_attr="linked_briefs",
    )


def editions_discussing(row, user):
    """Every edition that states ``row`` (from ``visible_briefs(user)``) that
    the user may read: each linked original, then its translations."""
    return [
        edition
        for original in row.linked_briefs
        for edition in (original, *original.visible_translations)
        if edition.is_visible_to(user)
    ]


def with_meeting_visibility(releases, user):
    """Releases that know whether their meeting has a page this user may open."""
    visible_meetings = Meeting.objects.visible_to(user).filter(
        pk=OuterRef("meeting_id")
    )
    return releases.annotate(meeting_is_visible=Exists(visible_meetings))


# --- Briefs ------------------------------------------------------------------------


def published_briefs():
    """Published briefs, newest first, with their authors: the index and the
    feed. Each brief once, in the reader's language where it has that
    edition (``Publication.objects.for_reader``)."""
    return (
        Publication.objects.published().for_reader().prefetch_related(author_credits())
    )


def briefs_in_language(language):
    """Published briefs written in ``language`` (its editions), newest first,
    with their authors: the feed of that language."""
    return published_briefs().filter(language=language)


def last_change(rows, *, brief, key="pk"):
    """The latest ``updated_at`` of ``rows`` (a queryset) of the brief ``brief``
    (a lookup from them to it, matching the brief's ``key``), as a subquery
    of the briefs."""
    latest = rows.filter(**{brief: OuterRef(key)}).order_by("-updated_at")
    return Subquery(latest.values("updated_at")[:1])


# What a brief states, besides its own row: an edit of any of these changes
# what its page shows. (Path from the rows to the brief, and whether they are
# the edition's own or its brief's facts, linked to the original edition.)
STATED = [
    (Section, "publication", False),
    (Evidence, "publication", False),
    (Meeting, "publications", True),
    (MeetingParticipant, "meeting__publications", True),
    (Sanction, "publications", True),
    (PrisonerRelease, "publications", True),
    (NationalityCount, "release__publications", True),
]


def briefs_last_changed(briefs):
    """``briefs`` with ``last_changed``: when the brief or a fact it states was
    last edited, for the sitemap's ``lastmod``. Greatest of values each given
    the brief's own time when there are none: SQLite's is NULL if one is."""
    return briefs.annotate(
        facts_edition_key=Coalesce("translation_of", "pk"),
        last_changed=Greatest(
            F("updated_at"),
            *(
                Coalesce(
                    last_change(
                        model.objects.all(),
                        brief=path,
                        key="facts_edition_key" if shared else "pk",
                    ),
                    F("updated_at"),
                )
                for model, path, shared in STATED
            ),
        ),
    )


def with_pdf_edition(publications):
    """Briefs with ``pdf_etag``: their PDF edition's, or None while none is made."""
    editions = PdfEdition.objects.filter(publication=OuterRef("pk")).exclude(etag="")
    return publications.annotate(pdf_etag=Subquery(editions.values("etag")[:1]))


def brief_pages(user):
    """Briefs the user may read, with their text, credits, sources, facts and PDF edition."""
    return with_brief_parts(
        with_pdf_edition(Publication.objects.visible_to(user)), user
    )


def brief_with_stored_article(language):
    """Published briefs with the stored article in ``language`` (``stored_article``, None if there is none)
    and the current page generation: one query (briefs.reading.articles)."""
    generation = PageGeneration.objects.filter(pk=1).values("value")
    return (
        Publication.objects.published()
        .annotate(
            stored_article=FilteredRelation(
                "stored_articles", condition=Q(stored_articles__language=language)
            ),
            current_generation=Subquery(generation),
            **published_edition_slugs(),
        )
        # Every column of the brief (Django takes no only() with a
        # FilteredRelation): a few short ones, and its abstract.
        .select_related("stored_article")
    )


def published_edition_slugs():
    """Annotations ``edition_slug_<code>``: the slug of the brief's published
    edition in each of the site's languages (None where it has none), read
    in the query that reads the brief, for ``Publication.url_in_language``:
    the language switch and hreflang links of a kept page cost no query."""
    original = Coalesce(OuterRef("translation_of"), OuterRef("pk"))
    editions = Publication.objects.published().filter(
        Q(pk=original) | Q(translation_of=original)
    )
    return {
        f"edition_slug_{code}": Subquery(
            editions.filter(language=code).values("slug")[:1]
        )
        for code in codes()
    }


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


def brief_facts(user, edition=""):
    """The prefetches of a brief's facts (meetings with their participants,
    sanctions, releases with their breakdown and relief), linked to
    ``edition``: "" the brief's own row, ``"translation_of__"`` its original's."""
    releases = with_meeting_visibility(
        PrisonerRelease.objects.select_related("released_by", "released_to", "meeting"),
        user,
    ).prefetch_related(
        nationality_counts(),
        Prefetch("sanctions_relief", queryset=Sanction.objects.visible_to(user)),
    )
    return [
        Prefetch(
            f"{edition}meetings",
            queryset=Meeting.objects.select_related("country").prefetch_related(
                participants()
            ),
        ),
        Prefetch(
            f"{edition}sanctions",
            queryset=Sanction.objects.select_related("imposed_by", "target"),
        ),
        Prefetch(f"{edition}releases", queryset=releases),
    ]


def editions():
    """A brief's editions, as ``publication.edition_list`` reads them: an
    original's translations, and a translation's original with its own."""
    translations = Publication.objects.order_by("language")
    return [
        Prefetch("translations", queryset=translations),
        Prefetch("translation_of__translations", queryset=translations),
    ]


def with_brief_parts(publications, user):
    """Briefs with their text, credits, sources and facts; links as ``user`` may follow.

    A translation states its original's facts (``Publication.facts_edition``):
    they are fetched through its original, which costs an original nothing
    (it has none) and a translation three queries for the links it does not
    have; its evidence is its own, quoting its own text.
    """
    # Parts in their brief's order, without the join to the brief that
    # their Meta.ordering ("publication" first) would add.
    return publications.select_related("translation_of").prefetch_related(
        Prefetch("sections", queryset=Section.objects.order_by("position")),
        Prefetch(
            "source_references", queryset=SourceReference.objects.order_by("number")
        ),
        Prefetch("evidence", queryset=Evidence.objects.select_related("actor")),
        credits(),
        "actors",
        *brief_facts(user),
        *brief_facts(user, "translation_of__"),
        *editions(),
    )


def citable_briefs(user):
    """Briefs the user may read, with what a citation of each names."""
    return with_pdf_edition(Publication.objects.visible_to(user)).prefetch_related(
        credits()
    )


def citation(publication, dataset=None):
    """The brief's citation, at the site's origin, naming ``dataset``."""
    has_pdf = publication.is_published and getattr(publication, "pdf_etag", None)
    return Citation(
        publication,
        absolute_url_of(publication),
        dataset=dataset,
        dataset_url=absolute_url_of(dataset) if dataset else "",
        pdf_url=absolute(pdf_path(publication)) if has_pdf else "",
    )


def deposited_briefs():
    """Published briefs with what a Crossref deposit or OAI-PMH record names:
    their credits, sources, PDF edition and editions in other languages
    (``translation_of``, ``published_translations``)."""
    return (
        with_pdf_edition(Publication.objects.published())
        .select_related("translation_of")
        .prefetch_related(
            credits(),
            Prefetch(
                "source_references",
                queryset=SourceReference.objects.order_by("number"),
            ),
            Prefetch(
                "translations",
                queryset=Publication.objects.published().order_by("language"),
                to_attr="published_translations",
            ),
        )
    )


def pdf_path(publication):
    return reverse("briefs:publication_pdf", kwargs={"slug": publication.slug})


def pdf_edition(slug):
    """The PDF edition of a published brief, or None."""
    return (
        PdfEdition.objects.filter(
            publication__slug=slug, publication__status="published"
        )
        .exclude(etag="")
        .select_related(None)
        .only("pdf", "etag", "made_at", "publication_id")
        .first()
    )


def pdf_edition_etag(slug):
    """Only the ETag of that edition: what a conditional request is answered from."""
    return (
        PdfEdition.objects.filter(
            publication__slug=slug, publication__status="published"
        )
        .exclude(etag="")
        .values_list("etag", flat=True)
        .first()
    )


def latest_dataset():
    """The newest dataset release, or None: what a brief page and its citations name."""
    return DatasetRelease.objects.order_by("-released_at").first()


def dataset_releases():
    """Every dataset release, newest first."""
    return DatasetRelease.objects.order_by("-released_at")


def dataset_releases_marked():
    """Every dataset release, newest first, each with ``withdrawn``: the slugs of
    the briefs it holds that are no longer published (the /data/ page)."""
    releases = list(dataset_releases())
    held = {slug for release in releases for slug in release.briefs or ()}
    published = set(
        Publication.objects.published()
        .filter(slug__in=held)
        .values_list("slug", flat=True)
    )
    for release in releases:
        release.withdrawn = sorted(set(release.briefs or ()) - published)
    return releases


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
    # The brief's other published editions, as (edition, its address for a
    # reader of its language): the links between them.
    editions: list = field(default_factory=list)
    # The language of the edition's own words where the page is read in
    # another (its title, abstract and sections carry it as ``lang``).

    @property
    def canonical_url(self):
        return self.citation.url

    @property
    def key_fact_count(self):
        return len(self.meetings) + len(self.releases) + len(self.sanctions)

    @property
    def sources_without_url(self):
        return sum(1 for source in self.sources if not source.reference.url)


def brief_page(publication, dataset=None):
    """The page of a brief from ``brief_pages()``, built without a query.

    ``dataset`` is the newest release (``latest_dataset()``), which the page
    and its citation name.
    """
    actors = publication.actors.all()
    sections = list(publication.sections.all())
    # The brief's facts are its original edition's; the evidence, this edition's.
    facts = publication.facts_edition
    releases = list(facts.releases.all())
    for release in releases:
        release.chart = nationality_chart(release)
    meetings = list(facts.meetings.all())
    sanctions = list(facts.sanctions.all())
    evidence = list(publication.evidence.all())
    attach_evidence([*meetings, *sanctions, *releases], evidence)
    # Each quote marked in the text it comes from, linking back to its fact.
    # Its links back are in the page's language, in a text that may be in
    # another; and its actors' names link to their pages in the page's language.
    page_language = get_language()
    back_lang = "" if publication.language == page_language else page_language
    relink = actor_links_in_page_language(publication, actors)
    summary = mark_evidence(
        relink(stored_html(publication.summary_html)), evidence, None, back_lang
    )
    for section in sections:
        section.html = mark_evidence(
            relink(stored_html(section.body_html)),
            evidence,
            section.position,
            back_lang,
        )
    sources = cited_sources(
        publication.source_references.all(),
        [publication.summary_html, *(section.body_html for section in sections)],
    )
    cited = citation(publication, dataset)
    authors = cited.authors
    author_urls = {author.pk: absolute_url_of(author) for author in authors}
    editions = [
        (edition, absolute(edition.url_in_language(edition.language)))
        for edition in publication.other_editions()
    ]
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
            editions=editions,
        ),
        dataset=dataset,
        editions=editions,
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
            record.stated_participants = one_fact(
                kind, record, Fact.PARTICIPANT, record.participations.all()
            )
        if kind == "release":
            for count in record.nationality_counts.all():
                count.stated = stated(Fact.NATIONALITY, count.country)
            record.stated_nationalities = one_fact(
                kind, record, Fact.NATIONALITY, record.nationality_counts.all()
            )


def one_fact(kind, record, fact, parts):
    """The fact a list of values states (who took part, of which countries),
    with one piece of evidence per quote: one ¶ for the fact, not one per value."""
    best, others, quotes = [], [], set()
    for part in parts:
        for row in part.stated.best:
            if normalize(row.quote) not in quotes:
                quotes.add(normalize(row.quote))
                best.append(row)
        others += part.stated.others
    return StatedFact(
        anchor=f"fact-{kind}-{record.slug}-{fact}",
        label=Fact(fact).label,
        best=best,
        others=others,
    )


ACTOR_LINK = re.compile(r'(<a class="actor" href=")([^"]+)(")')


def actor_links_in_page_language(publication, actors):
    """A function that moves the links to actors' pages in a brief's stored HTML
    (made in the brief's language, ``briefs.domain.markup``) to the page's
    language: an English brief read at /hu/ links to /hu/actors/…"""
    if site_language(publication.language) == get_language():
        return lambda html: html
    with translation.override(site_language(publication.language)):
        stored_url = Actor.url_by_slug()
    page_url = Actor.url_by_slug()
    moved = {stored_url(actor.slug): page_url(actor.slug) for actor in actors}

    def relink(html):
        return mark_safe(  # noqa: S308 (the stored HTML, its own links replaced)
            ACTOR_LINK.sub(
                lambda link: link[1] + moved.get(link[2], link[2]) + link[3], html
            )
        )

    return relink


def mark_evidence(html, evidence, section, lang=""):
    """A text's HTML with the quotes of its evidence marked, each linking back to its fact
    (its words in ``lang``, said as the link's ``lang`` when given).

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
    # One link back per sentence, after its last quote, naming every fact the
    # sentence states (six facts quoting one sentence made "↩↩↩↩↩↩").
    sentences = {}
    ends_of = sentence_ends(html, [row.quote for row in rows])
    for row, ends in zip(rows, ends_of, strict=True):
        quote_end, sentence = ends or (0, ("alone", row.pk))
        sentences.setdefault(sentence, []).append((quote_end, row))
    backs = {}
    for group in sentences.values():
        _end, last = max(group, key=lambda pair: pair[0])
        facts = {}
        for _end, row in group:
            facts.setdefault(row.stated_fact.anchor, []).append(row)
        words = "; ".join(
            f"{found[0].stated_fact.label}, {', '.join(str(r.value) for r in found)}"
            for found in facts.values()
        )
        backs[last.pk] = format_html(
            '<a class="evidence__back" href="#{}" title="{}" aria-label="{}"{}>↩</a>',
            next(iter(facts)),
            gettext("Back to the facts"),
            ngettext(
                "Back to the fact: {facts}", "Back to the facts: {facts}", len(facts)
            ).format(facts=words),
            format_html(' lang="{}"', lang) if lang else "",
        )
    marks = [
        Mark(anchor=row.anchor, quote=row.quote, after=backs.get(row.pk, ""))
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
                "name": gettext("{fact} of {subject}: {value}").format(
                    fact=fact.label, subject=subject, value=row.value
                ),
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
    # A translation's facts are its original's; its evidence its own.
    facts = publication.facts_edition
    records = [
        *facts.meetings.prefetch_related(participants()),
        *facts.sanctions.all(),
        *facts.releases.prefetch_related(nationality_counts()),
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


# --- Lists on an entity page -----------------------------------------------------------

LIST_PAGE = 50


@dataclass
class ListPage:
    """One list of an entity page, a page at a time (an actor may impose tens of
    thousands of sanctions): ``?<name>=N`` chooses its page, so each list of
    a page pages on its own, and the links go to its section, whose id is
    ``name``. A list costs two queries however long it is (its count, then
    its page), one while it is empty."""

    name: str
    page: Page
    query: QueryDict

    def __iter__(self):
        return iter(self.page)

    def __bool__(self):
        return self.page.paginator.count > 0

    def link(self, number):
        query = self.query.copy()
        query[self.name] = number
        return f"?{query.urlencode()}#{self.name}"

    @property
    def previous_link(self):
        return self.link(self.page.previous_page_number())

    @property
    def next_link(self):
        return self.link(self.page.next_page_number())


def list_page(name, rows, query):
    """The page of ``rows`` (ordered, to the last tie) that ``query`` asks for;
    the first for a number that is none, the last for one past the end."""
    return ListPage(
        name, page_or_404(Paginator(rows, LIST_PAGE), query.get(name)), query
    )


def page_or_404(paginator, number):
    """The page ``number`` asks for (none: the first). One rule for every list
    of the site, Django's ListView's: a page before the first, past the last
    or not a number is no page, 404, rather than another page's rows under
    an address that will show different rows once the list grows."""
    try:
        return paginator.page(number or 1)
    except InvalidPage:
        raise Http404(f"There is no page {number!r} of this list.") from None


def list_pages(query, **lists):
    """{name: the page of its rows ``query`` asks for}."""
    return {name: list_page(name, rows, query) for name, rows in lists.items()}


def briefs_discussing(user, **lookup):
    """The briefs the user may read that discuss a row, every edition (a
    translation states its original's facts), newest first."""
    return (
        Publication.objects.visible_to(user)
        .stating(**lookup)
        .for_reader(user=user)
        .order_by("-publication_date", "title", "pk")
    )


def briefs_mentioning(user, actor):
    """The briefs the user may read an edition of that names ``actor``, each
    once in the reader's edition, newest first."""
    return (
        Publication.objects.visible_to(user)
        .of_briefs_of(Publication.objects.filter(actors=actor))
        .for_reader(user=user)
        .order_by("-publication_date", "title", "pk")
    )


def evidence_about(user, **lookup):
    """Evidence about a row from the briefs the user may read, best first:
    each brief's in the edition the reader reads it in (the words are that
    edition's)."""
    return (
        evidence_of(user)
        .filter(
            **lookup,
            publication__in=Publication.objects.visible_to(user).for_reader(user=user),
        )
        .order_by("rank_order", "publication", "number", "pk")
    )


def sanctions_where(user, *conditions, **lookup):
    """Sanctions the user may read, with both parties, by title in the reader's language."""
    return (
        Sanction.objects.visible_to(user)
        .filter(*conditions, **lookup)
        .select_related("imposed_by", "target")
        .order_by(localized("title"), "pk")
    )


def releases_where(user, **lookup):
    """Releases the user may read, earliest first."""
    return (
        PrisonerRelease.objects.visible_to(user)
        .filter(**lookup)
        .order_by("date", localized("title"), "pk")
    )


# --- People and things that act ------------------------------------------------------


def author_pages(user):
    """Authors the user may read (their credits: ``author_lists``)."""
    return Author.objects.visible_to(user)


def author_lists(author, user, query):
    """An author's credits on the briefs the user may read, newest first."""
    credits_in_visible_briefs = (
        Contribution.objects.filter(
            author=author,
            publication__in=Publication.objects.visible_to(user).for_reader(user=user),
        )
        .select_related("publication")
        .order_by("-publication__publication_date", "publication__title", "pk")
    )
    return list_pages(query, briefs=credits_in_visible_briefs)


KIND_HEADINGS = {
    Actor.Kind.PERSON: _("People"),
    Actor.Kind.STATE: _("States"),
    Actor.Kind.ORGANIZATION: _("Organizations"),
    Actor.Kind.GROUP: _("Groups"),
}


def actor_list(user):
    """The actors the user may read, as the actor index lists them: by name
    in the reader's language."""
    # Only what a row of the index shows: a page holds hundreds of actors.
    return (
        Actor.objects.visible_to(user)
        .select_related("country")
        .only(
            "slug",
            *in_every_language("name"),
            "kind",
            *in_every_language("position"),
            "country__slug",
            *(f"country__{name}" for name in in_every_language("name")),
        )
        .order_by(localized("name"))
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
    """Actors the user may read, each with its aliases and whether its country
    has a page this user may open (what it takes part in: ``actor_lists``)."""
    visible_actors = Actor.objects.visible_to(user)
    return (
        visible_actors.select_related("country")
        .annotate(
            country_is_visible=Exists(visible_actors.filter(pk=OuterRef("country_id")))
        )
        .prefetch_related("aliases")
    )


def actor_lists(actor, user, query):
    """What an actor takes part in that the user may read, each list a page at a time.

    Every list is filtered to what the user may open, so an actor's page
    never links to a page that would answer "not found". A release lists
    once whether the actor released, received or was counted among the
    released (``nationals``, that count, or None).
    """
    meetings = Meeting.objects.visible_to(user)
    counted = NationalityCount.objects.filter(country=actor, release=OuterRef("pk"))
    return list_pages(
        query,
        meetings=MeetingParticipant.objects.filter(actor=actor, meeting__in=meetings)
        .select_related("meeting")
        .order_by("meeting__date", localized("meeting__title"), "pk"),
        held_here=meetings.filter(country=actor).order_by(
            "date", localized("title"), "pk"
        ),
        sanctions=sanctions_where(user, Q(imposed_by=actor) | Q(target=actor)),
        releases=releases_where(user)
        .filter(Q(released_by=actor) | Q(released_to=actor) | Exists(counted))
        .annotate(nationals=Subquery(counted.values("count")[:1])),
        nationals=Actor.objects.visible_to(user)
        .filter(country=actor)
        .order_by(localized("name"), "pk"),
        evidence=evidence_about(user, actor=actor),
        briefs=briefs_mentioning(user, actor),
    )


# --- Events and measures -------------------------------------------------------------


def meeting_pages(user):
    """Meetings the user may read, with their country (their lists: ``meeting_lists``)."""
    return Meeting.objects.visible_to(user).select_related("country")


def meeting_lists(meeting, user, query):
    """A meeting's participants, the releases agreed, the evidence and the briefs
    the user may read, each a page at a time."""
    return list_pages(
        query,
        participants=meeting.participations.select_related("actor").order_by(
            "position", "pk"
        ),
        releases=releases_where(user, meeting=meeting),
        evidence=evidence_about(user, meeting=meeting),
        briefs=briefs_discussing(user, meetings=meeting),
    )


def sanction_pages(user):
    """Sanctions the user may read, with both parties (lists: ``sanction_lists``)."""
    return Sanction.objects.visible_to(user).select_related("imposed_by", "target")


def sanction_lists(sanction, user, query):
    """The releases a sanction's easing was offered for, its evidence and the
    briefs the user may read, each a page at a time."""
    return list_pages(
        query,
        releases=releases_where(user, sanctions_relief=sanction),
        evidence=evidence_about(user, sanction=sanction),
        briefs=briefs_discussing(user, sanctions=sanction),
    )


def release_pages(user):
    """Releases the user may read, with their parties and their breakdown, whole
    (the chart draws it; one count a country); their lists: ``release_lists``."""
    releases = PrisonerRelease.objects.visible_to(user).select_related(
        "released_by", "released_to", "meeting"
    )
    return with_meeting_visibility(releases, user).prefetch_related(
        nationality_counts()
    )


def release_lists(release, user, query):
    """The sanctions eased in exchange for a release, its evidence and the briefs
    the user may read, each a page at a time."""
    return list_pages(
        query,
        relief=sanctions_where(user, releases=release),
        evidence=evidence_about(user, release=release),
        briefs=briefs_discussing(user, releases=release),
    )


# --- Across briefs -------------------------------------------------------------------


def timeline_events(user):
    """Every dated event the user may read, earliest first, to be paged."""
    return timeline.Timeline(
        meetings=Meeting.objects.visible_to(user),
        releases=PrisonerRelease.objects.visible_to(user),
        sanctions=Sanction.objects.visible_to(user),
        # Each brief once, in the reader's language where it has that edition.
        publications=Publication.objects.visible_to(user).for_reader(user=user),
    )


def by_year(events):
    """(year, events) in the order the events come."""
    years = {}
    for event in events:
        years.setdefault(event.when.date.year, []).append(event)
    return list(years.items())
