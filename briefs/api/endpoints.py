"""
The public API: read-only, published facts, one list and one detail per kind.

Lists come a page at a time behind a cursor (django-ninja's
``CursorPagination``, ordered by slug, which never changes under a reader
paging through), each page in the same few queries however long it is; a
cursor the API did not give is a 422 that says so. ``/api/`` itself names
the lists, the docs and the downloads. The OpenAPI document is
``/api/openapi.json``; the docs page ``/api/docs`` is served from the
project's static files (``ninja`` in INSTALLED_APPS), under the site's
Content-Security-Policy and its icons as data: images.
"""

import pydantic
from csp.decorators import csp_update
from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import NinjaAPI, Query, Router, Swagger
from ninja.decorators import decorate_view
from ninja.errors import Throttled, ValidationError
from ninja.pagination import CursorPagination, paginate

from briefs.api import filters, schemas, selectors
from briefs.api.http import public, throttle
from briefs.reading.links import absolute, at_origin


class BriefsAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation):
        # The view's own name ("list_meetings"), not ninja's module-prefixed one.
        return operation.view_func.__name__


api = BriefsAPI(
    title="HIIA Briefs",
    version="1",
    description=(
        "The facts of the published HIIA briefs: briefs, actors, meetings, "
        "sanctions and prisoner releases. Read-only and open to every origin; "
        "related rows are named by slug. Whole-corpus downloads, versioned "
        "and citable, are at /data/."
    ),
    urls_namespace="api",
    throttle=throttle,
    # Swagger UI's stylesheet draws its icons as data: images; nothing else
    # on the page needs more than the site's policy.
    docs_decorator=csp_update({"img-src": ["data:"]}),
    # No deep links: Swagger UI puts each as a link inside the operation's
    # button, a control in a control that keyboards and screen readers trip on.
    docs=Swagger(settings={"deepLinking": False}),
)


@api.exception_handler(Throttled)
def too_many_requests(request, error):
    return api.create_response(
        request,
        {
            "detail": (
                f"Too many requests: at most {settings.API_THROTTLE_RATE} from one "
                f"client. Try again in {error.wait} seconds."
            )
        },
        status=429,
    )


class SlugCursorPagination(CursorPagination):
    """ninja's cursor pagination, refusing a cursor it never gave with a 422
    (ninja lets a well-encoded but wrong one through to a 500), its links at
    the site's origin."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        check_cursor(self.Cursor, pagination.cursor)
        page = super().paginate_queryset(queryset, pagination, request, **params)
        for link in ("next", "previous"):
            page[link] = page[link] and at_origin(page[link])
        return page


def check_cursor(cursor_class, encoded):
    """Raise the API's 422 unless ``encoded`` is a cursor as this API writes them:
    base64 of an offset, a direction and a slug (no NUL, which PostgreSQL refuses)."""
    try:
        cursor = cursor_class.from_encoded_param(encoded)
    except (ValidationError, pydantic.ValidationError):
        cursor = None
    if cursor is None or "\x00" in (cursor.p or ""):
        raise ValidationError(
            [
                {
                    "type": "cursor",
                    "loc": ["query", "cursor"],
                    "msg": "Not a cursor this API gave: ask without one for the "
                    "first page, then follow each answer's next and previous.",
                }
            ]
        )


def paged(function):
    """A list a page at a time, by slug."""
    return paginate(
        SlugCursorPagination, ordering=("slug",), page_size=50, max_page_size=200
    )(function)


@api.get("/", include_in_schema=False)
@decorate_view(public)
def index(request):
    """Where to go: each list, the docs, the OpenAPI document and the downloads."""
    return {
        "title": api.title,
        "description": api.description,
        "docs": absolute(reverse("api:openapi-view")),
        "openapi": absolute(reverse("api:openapi-json")),
        "endpoints": {
            kind: {"list": url, "one": f"{url}{{slug}}"}
            for kind in ("briefs", "actors", "meetings", "sanctions", "releases")
            for url in [absolute(reverse(f"api:list_{kind}"))]
        },
        "datasets": absolute(reverse("briefs:dataset_list")),
    }


briefs = Router(tags=["briefs"])
actors = Router(tags=["actors"])
meetings = Router(tags=["meetings"])
sanctions = Router(tags=["sanctions"])
releases = Router(tags=["releases"])


@briefs.get("/", response=list[schemas.BriefSummaryOut])
@decorate_view(public)
@paged
def list_briefs(request, query: Query[filters.BriefFilters]):
    """Published briefs with their credits; the text is in each brief's own answer."""
    return query.filter(selectors.briefs())


@briefs.get("/{slug}", response=schemas.BriefOut)
@decorate_view(public)
def get_brief(request, slug: str):
    """A brief with its abstract and sections as Markdown and as the site renders them."""
    publication = get_object_or_404(selectors.brief_pages(), slug=slug)
    publication.page = selectors.brief_page(publication)
    return publication


@actors.get("/", response=list[schemas.ActorOut])
@decorate_view(public)
@paged
def list_actors(request, query: Query[filters.ActorFilters]):
    return query.filter(selectors.actors())


@actors.get("/{slug}", response=schemas.ActorOut)
@decorate_view(public)
def get_actor(request, slug: str):
    return get_object_or_404(selectors.actors(), slug=slug)


@meetings.get("/", response=list[schemas.MeetingOut])
@decorate_view(public)
@paged
def list_meetings(request, query: Query[filters.MeetingFilters]):
    return query.filter(selectors.meetings())


@meetings.get("/{slug}", response=schemas.MeetingOut)
@decorate_view(public)
def get_meeting(request, slug: str):
    return get_object_or_404(selectors.meetings(), slug=slug)


@sanctions.get("/", response=list[schemas.SanctionOut])
@decorate_view(public)
@paged
def list_sanctions(request, query: Query[filters.SanctionFilters]):
    return query.filter(selectors.sanctions())


@sanctions.get("/{slug}", response=schemas.SanctionOut)
@decorate_view(public)
def get_sanction(request, slug: str):
    return get_object_or_404(selectors.sanctions(), slug=slug)


@releases.get("/", response=list[schemas.ReleaseOut])
@decorate_view(public)
@paged
def list_releases(request, query: Query[filters.ReleaseFilters]):
    return query.filter(selectors.releases())


@releases.get("/{slug}", response=schemas.ReleaseOut)
@decorate_view(public)
def get_release(request, slug: str):
    return get_object_or_404(selectors.releases(), slug=slug)


api.add_router("/briefs", briefs)
api.add_router("/actors", actors)
api.add_router("/meetings", meetings)
api.add_router("/sanctions", sanctions)
api.add_router("/releases", releases)
