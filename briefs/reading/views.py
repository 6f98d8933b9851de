"""
Reading pages: published briefs and the facts they hold.

Each view's ``get_queryset`` fetches everything its template shows, so a
page costs the same few queries for a brief of three sections or three
hundred. Who may read what is the models' ``visible_to(user)``: the public
reads published briefs and the actors, meetings, sanctions and releases
they discuss; editors (staff) also read drafts, to preview them.
"""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponse
from django.views.generic import DetailView, ListView, TemplateView

from briefs.models import (
    Actor,
    Author,
    Contribution,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    PrisonerRelease,
    Publication,
    Sanction,
    sees_drafts,
)
from briefs.reading import caching, timeline
from briefs.reading.charts import nationality_chart
from briefs.reading.citations import Citation
from briefs.reading.rendering import BriefRenderer
from briefs.reading.search import MAX_QUERY_LENGTH, search


class VisibleMixin:
    """Rows of ``model`` this request's user may read."""

    def visible(self, model):
        return model.objects.visible_to(self.request.user)

    def get_queryset(self):
        return self.visible(self.model)

    def visible_briefs(self):
        """The briefs discussing the row that the user may read, as ``row.briefs``."""
        return Prefetch(
            "publications", queryset=self.visible(Publication), to_attr="briefs"
        )


class CachedPageMixin:
    """Serves the page from the cache to every reader who sees what the public sees.

    Editors are never served from the cache: they may be previewing a draft.
    """

    def get(self, request, *args, **kwargs):
        if sees_drafts(request.user):
            return super().get(request, *args, **kwargs)
        key = caching.page_key(request)
        content = cache.get(key)
        if content is not None:
            return HttpResponse(content)
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200:
            response.add_post_render_callback(
                lambda rendered: cache.set(key, rendered.content, caching.PAGE_TIMEOUT)
            )
        return response


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
    return Prefetch(
        "participations", queryset=MeetingParticipant.objects.select_related("actor")
    )


def with_meeting_visibility(releases, user):
    """Releases that know whether their meeting has a page this user may open."""
    visible_meetings = Meeting.objects.visible_to(user).filter(
        pk=OuterRef("meeting_id")
    )
    return releases.annotate(meeting_is_visible=Exists(visible_meetings))


# --- Briefs --------------------------------------------------------------------


class PublicationListView(ListView):
    template_name = "briefs/publication_list.html"
    context_object_name = "publications"
    paginate_by = 20

    def get_queryset(self):
        return Publication.objects.published().prefetch_related(author_credits())


class PublicationDetailView(CachedPageMixin, VisibleMixin, DetailView):
    model = Publication
    template_name = "briefs/publication_detail.html"
    context_object_name = "publication"

    def get_queryset(self):
        user = self.request.user
        releases = with_meeting_visibility(
            PrisonerRelease.objects.select_related(
                "released_by", "released_to", "meeting"
            ),
            user,
        ).prefetch_related(
            Prefetch(
                "nationality_counts",
                queryset=NationalityCount.objects.select_related("country"),
            ),
            Prefetch("sanctions_relief", queryset=self.visible(Sanction)),
        )
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "sections",
                "source_references",
                Prefetch(
                    "contributions",
                    queryset=Contribution.objects.select_related("author"),
                ),
                Prefetch("actors", queryset=Actor.objects.prefetch_related("aliases")),
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
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        publication = self.object
        actors = publication.actors.all()
        renderer = BriefRenderer(publication.source_references.all(), actors)
        # Rendered in reading order, so notes are numbered as they are read.
        summary = renderer.render(publication.summary)
        sections = list(publication.sections.all())
        for section in sections:
            section.html = renderer.render(section.body)
        releases = list(publication.releases.all())
        for release in releases:
            release.chart = nationality_chart(release)
        contributions = publication.contributions.all()
        url = self.request.build_absolute_uri(publication.get_absolute_url())
        citation = Citation(publication, url)
        authors = citation.authors
        context.update(
            summary=summary,
            sections=sections,
            sources=renderer.sources,
            authors=authors,
            other_credits=[
                c for c in contributions if c.role != Contribution.Role.AUTHOR
            ],
            meetings=publication.meetings.all(),
            sanctions=publication.sanctions.all(),
            releases=releases,
            events=timeline.events(
                publication.meetings.all(), releases, publication.sanctions.all()
            ),
            citation=citation,
            canonical_url=url,
            json_ld=citation.json_ld(
                author_urls={
                    author.pk: self.request.build_absolute_uri(
                        author.get_absolute_url()
                    )
                    for author in authors
                },
                actors=actors,
            ),
        )
        return context


class PublicationCitationView(VisibleMixin, DetailView):
    """The brief as a file for a reference manager: BibTeX, RIS or CSL-JSON."""

    model = Publication
    formats = {
        "bib": ("application/x-bibtex; charset=utf-8", Citation.bibtex),
        "ris": ("application/x-research-info-systems; charset=utf-8", Citation.ris),
        "json": (
            "application/vnd.citationstyles.csl+json; charset=utf-8",
            Citation.csl_json,
        ),
    }

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch(
                    "contributions",
                    queryset=Contribution.objects.select_related("author"),
                )
            )
        )

    def render_to_response(self, context, **response_kwargs):
        extension = self.kwargs["format"]
        publication = self.object
        citation = Citation(
            publication, self.request.build_absolute_uri(publication.get_absolute_url())
        )
        content_type, write = self.formats[extension]
        response = HttpResponse(write(citation), content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="{publication.slug}.{extension}"'
        )
        return response


# --- People and things that act --------------------------------------------------


class AuthorDetailView(VisibleMixin, DetailView):
    model = Author
    template_name = "briefs/author_detail.html"
    context_object_name = "author"

    def get_queryset(self):
        credits = (
            Contribution.objects.filter(publication__in=self.visible(Publication))
            .select_related("publication")
            .order_by("-publication__publication_date", "publication__title")
        )
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("contributions", queryset=credits, to_attr="credits")
            )
        )


KIND_HEADINGS = {
    Actor.Kind.PERSON: "People",
    Actor.Kind.STATE: "States",
    Actor.Kind.ORGANIZATION: "Organizations",
    Actor.Kind.GROUP: "Groups",
}


class ActorListView(VisibleMixin, ListView):
    model = Actor
    template_name = "briefs/actor_list.html"
    context_object_name = "actors"
    paginate_by = 200

    def get_queryset(self):
        return (
            super().get_queryset().select_related("country").prefetch_related("aliases")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actors = context["actors"]
        context["groups"] = [
            (heading, kind, members)
            for kind, heading in KIND_HEADINGS.items()
            if (members := [actor for actor in actors if actor.kind == kind])
        ]
        return context


class ActorDetailView(VisibleMixin, DetailView):
    model = Actor
    template_name = "briefs/actor_detail.html"
    context_object_name = "actor"

    def get_queryset(self):
        user = self.request.user
        meetings = self.visible(Meeting)
        sanctions = self.visible(Sanction)
        releases = self.visible(PrisonerRelease)
        return (
            super()
            .get_queryset()
            .select_related("country")
            .annotate(
                country_is_visible=Exists(
                    Actor.objects.visible_to(user).filter(pk=OuterRef("country_id"))
                )
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
                    "meetings_hosted_in",
                    queryset=meetings,
                    to_attr="meetings_held_here",
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
                Prefetch(
                    "nationals",
                    queryset=self.visible(Actor),
                    to_attr="nationals_visible",
                ),
                self.visible_briefs(),
            )
        )


# --- Events and measures ---------------------------------------------------------


class MeetingDetailView(VisibleMixin, DetailView):
    model = Meeting
    template_name = "briefs/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("country")
            .prefetch_related(
                participants(),
                Prefetch(
                    "releases",
                    queryset=self.visible(PrisonerRelease),
                    to_attr="outcomes",
                ),
                self.visible_briefs(),
            )
        )


class SanctionDetailView(VisibleMixin, DetailView):
    model = Sanction
    template_name = "briefs/sanction_detail.html"
    context_object_name = "sanction"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("imposed_by", "target")
            .prefetch_related(
                Prefetch(
                    "releases",
                    queryset=self.visible(PrisonerRelease),
                    to_attr="traded_for",
                ),
                self.visible_briefs(),
            )
        )


class ReleaseDetailView(VisibleMixin, DetailView):
    model = PrisonerRelease
    template_name = "briefs/release_detail.html"
    context_object_name = "release"

    def get_queryset(self):
        releases = (
            super()
            .get_queryset()
            .select_related("released_by", "released_to", "meeting")
        )
        return with_meeting_visibility(releases, self.request.user).prefetch_related(
            Prefetch(
                "nationality_counts",
                queryset=NationalityCount.objects.select_related("country"),
            ),
            Prefetch(
                "sanctions_relief",
                queryset=self.visible(Sanction).select_related("imposed_by", "target"),
                to_attr="relief",
            ),
            self.visible_briefs(),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["chart"] = nationality_chart(self.object)
        return context


# --- Across briefs -----------------------------------------------------------------


class TimelineView(VisibleMixin, TemplateView):
    template_name = "briefs/timeline.html"
    paginate_by = 200

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        briefs = self.visible_briefs()
        events = timeline.events(
            meetings=self.visible(Meeting).prefetch_related(briefs),
            releases=self.visible(PrisonerRelease).prefetch_related(briefs),
            sanctions=self.visible(Sanction).prefetch_related(briefs),
            publications=self.visible(Publication),
        )
        # Events of four tables in date order: paged after merging them.
        page = Paginator(events, self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        years = {}
        for event in page:
            years.setdefault(event.when.date.year, []).append(event)
        context.update(years=list(years.items()), page_obj=page)
        return context


class SearchView(TemplateView):
    template_name = "briefs/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = " ".join(self.request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
        context.update(
            query=query, hits=search(query, self.request.user) if query else []
        )
        return context
