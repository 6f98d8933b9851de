"""
The ETags of public answers, and the cache of API answers, both keyed by the
page generation.

A brief page shows rows of a dozen tables, and one actor or meeting appears
in many briefs. Working out which pages an edit touches would be easy to get
wrong, so every public answer (a page, a stored article, an API answer, an
ETag) carries one number, the page generation, and any write moves it on
(``briefs.domain.derived``, in the write's own transaction): every answer
made before is unreachable at once and expires on its own. Each is in one
language, which its key and ETag name. Edits are rare
next to reads, so making every page again after one is cheap.

The generation is a row in the database, so every process reads the same
number, whatever the cache: Redis (REDIS_URL), or the per-process memory
``make run`` uses. Keys are taken before an answer is made: if a write
moves the generation on meanwhile, the answer is kept under the old key,
where no one will look. (A brief's page is kept as its stored article,
``briefs.reading.articles``, in the database.)

The cache fails open: while it cannot be reached (Redis restarting or
gone), pages are rendered uncached rather than failing (``Outage``). Edits
need nothing from it, so nothing is owed once it answers again.
"""

import logging
import time
from functools import wraps

from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.utils.translation import get_language
from redis.exceptions import RedisError

from briefs.domain.rules import sees_drafts
from briefs.models import PageGeneration

PAGE_TIMEOUT = 300

logger = logging.getLogger(__name__)


class Outage:
    """What this process knows of a cache that stopped answering.

    One warning when it stops and one when it answers again, not a traceback
    a request; while it is down, a pause between attempts, so that requests
    do not each wait for a server that is not there.
    """

    pause = 1.0  # seconds

    def __init__(self):
        # The time.monotonic() after which to try the cache again.
        self.retry_at = None

    def attempt(self, operation, *args):
        """``operation(*args)`` on the cache, or None if it cannot be reached."""
        if self.retry_at is not None and time.monotonic() < self.retry_at:
            return None
        try:
            result = operation(*args)
        except RedisError as error:
            self.failed(error)
            return None
        if self.retry_at is not None:
            self.retry_at = None
            logger.warning("The page cache answers again.")
        return result

    def failed(self, error):
        if self.retry_at is None:
            logger.warning(
                "The page cache cannot be reached (%s): pages are rendered "
                "uncached until it answers.",
                error,
            )
        self.retry_at = time.monotonic() + self.pause


outage = Outage()


def generation(request=None):
    """The current page generation; None in a database no write has settled yet.

    Read once a request: its ETag and the key its answer is kept under are
    made of the same number.
    """
    if request is not None and hasattr(request, "page_generation"):
        return request.page_generation
    number = PageGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    if request is not None:
        request.page_generation = number
    return number


def page_etag(request, *args, **kwargs):
    """What the public sees changes only when the generation moves on; and is in
    one language, the request's (a page's address gives it; the ETag says it
    too, so no cache could take one language's answer for another's)."""
    if sees_drafts(request.user):
        return None
    number = generation(request)
    return None if number is None else f"reading-{get_language()}-{number}"


def cached_page(key):
    return outage.attempt(cache.get, key)


def store_page(key, content):
    outage.attempt(cache.set, key, content, PAGE_TIMEOUT)


def revalidated(view):
    """A public page with an ETag, answered 304 while nothing has changed.

    Browsers and caches in front may keep the page but must ask again each
    time (``no-cache``), so an unpublished brief is gone at once. The view
    runs first, so only what would be a 200 carries the ETag and is answered
    304: a page since gone is a 404, a bad query a 422, whatever ETag a
    client holds (and the API's throttle counts a conditional request). A
    304 saves the bytes, and a page's template, which is never rendered for
    it. Editors' pages may show drafts: private, without an ETag.
    """

    @wraps(view)
    def page(request, *args, **kwargs):
        # Read before the view, as the key its answer is kept under: the
        # generation its rows are read at, or an older one.
        etag = page_etag(request)
        response = view(request, *args, **kwargs)
        if (
            etag is not None
            and response.status_code == 200
            and request.method in ("GET", "HEAD")
        ):
            response.headers.setdefault("ETag", quote_etag(etag))
            response = get_conditional_response(
                request, etag=response["ETag"], response=response
            )
        audience = "private" if sees_drafts(request.user) else "public"
        patch_cache_control(response, no_cache=True, **{audience: True})
        return response

    return page
