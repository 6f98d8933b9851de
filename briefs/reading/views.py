"""
Reading pages: published briefs and the facts they hold.

What each page reads, and who may read it, is in ``selectors``: a view
names its template and asks one selector for its rows.
"""

from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import condition, require_http_methods
from django.views.generic import DetailView, ListView, TemplateView

from briefs.models import (
    Actor,
    Author,
    Meeting,
    PrisonerRelease,
    Publication,
    Sanction,
)
from briefs.reading import articles, selectors
from briefs.reading.charts import nationality_chart
from briefs.reading.citations import Citation
from briefs.reading.search import ResultsPaginator, clean_query, search

# --- Briefs --------------------------------------------------------------------


class PublicationListView(ListView):
    template_name = "briefs/publication_list.html"
    context_object_name = "publications"
    paginate_by = 20

    def get_queryset(self):
        return selectors.published_briefs()


class PublicationDetailView(DetailView):
    model = Publication
    template_name = "briefs/publication_detail.html"
    context_object_name = "publication"

    def get_queryset(self):
        return selectors.brief_pages(self.request.user)

    def get_object(self, queryset=None):
        # The article stored for every public reader, if it is current; else
        # the generation it would be stored at, read before the brief's rows.
        self.article = self.generation = None
        if articles.may_store(self.request):
            publication = super().get_object(
                selectors.brief_with_stored_article(get_language())
            )
            self.article = articles.current(publication)
            if self.article is not None:
                return publication
            self.generation = publication.current_generation
        return super().get_object(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.article is None:
            page = selectors.brief_page(self.object, dataset=selectors.latest_dataset())
            self.article = articles.render(self.object, page)
            articles.store(self.object, self.generation, self.article)
        context["article"] = self.article
        # The language switch goes to the brief's edition in each language.
        context["translatable"] = self.object
        return context


class PublicationPreviewView(DetailView):
    """A brief read through a preview link, by a reviewer without an account.

    Never cached (the link may be revoked at any moment) and never indexed.
    A link that expired or was revoked says so.
    """

    template_name = "briefs/publication_detail.html"
    context_object_name = "publication"

    def get(self, request, *args, **kwargs):
        self.link = selectors.preview_link(kwargs["token"])
        if self.link is None:
            raise Http404("No such preview.")
        if self.link.is_usable:
            response = super().get(request, *args, **kwargs)
        else:
            response = TemplateResponse(
                request, "briefs/preview_gone.html", {"link": self.link}, status=410
            )
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_object(self, queryset=None):
        return selectors.brief_preview(self.link)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = selectors.brief_page(self.object)
        context["article"] = articles.render(self.object, page)
        context["preview"] = self.link
        return context


class PublicationCitationView(DetailView):
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
        return selectors.citable_briefs(self.request.user)

    def render_to_response(self, context, **response_kwargs):
        extension = self.kwargs["format"]
        citation = selectors.citation(self.object, dataset=selectors.latest_dataset())
        content_type, write = self.formats[extension]
        response = HttpResponse(write(citation), content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="{self.object.slug}.{extension}"'
        )
        return response


# --- People, things that act, events and measures ---------------------------------


class EntityDetailView(DetailView):
    """A row's page with its lists, each a page at a time (``selectors.ListPage``):
    ``pages`` reads the rows, ``lists`` their lists."""

    pages = lists = None

    def get_queryset(self):
        return self.pages(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lists"] = self.lists(self.object, self.request.user, self.request.GET)
        return context


class AuthorDetailView(EntityDetailView):
    model = Author
    template_name = "briefs/author_detail.html"
    context_object_name = "author"
    pages = staticmethod(selectors.author_pages)
    lists = staticmethod(selectors.author_lists)


class ActorListView(ListView):
    template_name = "briefs/actor_list.html"
    context_object_name = "actors"
    paginate_by = 200

    def get_queryset(self):
        return selectors.actor_list(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = selectors.actors_by_kind(context["actors"])
        return context


class ActorDetailView(EntityDetailView):
    model = Actor
    template_name = "briefs/actor_detail.html"
    context_object_name = "actor"
    pages = staticmethod(selectors.actor_pages)
    lists = staticmethod(selectors.actor_lists)


class MeetingDetailView(EntityDetailView):
    model = Meeting
    template_name = "briefs/meeting_detail.html"
    context_object_name = "meeting"
    pages = staticmethod(selectors.meeting_pages)
    lists = staticmethod(selectors.meeting_lists)


class SanctionDetailView(EntityDetailView):
    model = Sanction
    template_name = "briefs/sanction_detail.html"
    context_object_name = "sanction"
    pages = staticmethod(selectors.sanction_pages)
    lists = staticmethod(selectors.sanction_lists)


class ReleaseDetailView(EntityDetailView):
    model = PrisonerRelease
    template_name = "briefs/release_detail.html"
    context_object_name = "release"
    pages = staticmethod(selectors.release_pages)
    lists = staticmethod(selectors.release_lists)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["chart"] = nationality_chart(self.object)
        return context


# --- Across briefs -----------------------------------------------------------------


class TimelineView(TemplateView):
    template_name = "briefs/timeline.html"
    paginate_by = 200

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Events of four tables in date order: paged after merging them.
        page = selectors.page_or_404(
            Paginator(selectors.timeline_events(self.request.user), self.paginate_by),
            self.request.GET.get("page"),
        )
        context.update(years=selectors.by_year(page), page_obj=page)
        return context


class SearchView(ListView):
    template_name = "briefs/search.html"
    context_object_name = "hits"
    paginate_by = 20
    paginator_class = ResultsPaginator

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q", ""))
        return search(self.query, self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, **kwargs)


# --- Open data ---------------------------------------------------------------------


class DatasetListView(ListView):
    """Every dataset release with its hash, its counts, what changed and its download."""

    template_name = "briefs/datasetrelease_list.html"
    context_object_name = "releases"

    def get_queryset(self):
        return selectors.dataset_releases_marked()


def dataset_download(request, version):
    """A release's package as the zip stored when it was made; it never changes."""
    release = get_object_or_404(selectors.dataset_releases(), version=version)
    path = Path(settings.DATASET_ROOT) / release.file_name
    if not path.is_file():
        raise Http404("The package's file is missing.")
    response = FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


# --- The PDF edition ------------------------------------------------------------


@condition(etag_func=lambda request, slug: selectors.pdf_edition_etag(slug))
def publication_pdf(request, slug):
    """A published brief's PDF edition as the job last made it (briefs.editions.pdf).

    Its ETag is the PDF's own hash, so a reader holding it gets a 304 until
    a new edition is made; never a page a request typesets.
    """
    edition = selectors.pdf_edition(slug)
    if edition is None:
        raise Http404("This brief has no PDF edition yet.")
    response = HttpResponse(bytes(edition.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slug}.pdf"'
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    response["Last-Modified"] = http_date(edition.made_at.timestamp())
    return response


def dataset_datacite(request, version):
    """A release's DataCite metadata (kernel 4.5 XML), to register its DOI."""
    from briefs.editions import datacite

    release = get_object_or_404(selectors.dataset_releases(), version=version)
    response = HttpResponse(
        datacite.metadata_xml(release), content_type="application/xml; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{version}.datacite.xml"'
    return response


@csrf_exempt  # harvesters POST their arguments as a form, with no session
@require_http_methods(["GET", "POST"])
def oai_pmh(request):
    """OAI-PMH 2.0 for repository aggregators (briefs.editions.oai)."""
    from briefs.editions import oai

    query = request.POST if request.method == "POST" else request.GET
    return HttpResponse(oai.answer(query), content_type="text/xml; charset=utf-8")
