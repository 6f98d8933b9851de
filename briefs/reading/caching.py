"""
The cache of rendered brief pages, and how any edit empties it.

A brief page shows rows of a dozen tables (sections, actors and their
aliases, meetings and their participants, sanctions, releases, …), and one
actor or meeting appears in many briefs. Working out which briefs an edit
touches would be easy to get wrong, so every cached page carries a
*generation* number in its key and any change to any row of the app moves
the generation on: all cached pages become unreachable at once and expire
on their own. Edits are rare next to reads, so re-rendering every brief
after one is cheap.

The same rule keeps a second generation in the database
(``PageGeneration``), moved on once a transaction commits: every process
reads it, and the articles stored for public readers are served only while
it stands (briefs.reading.articles).

The generation lives in the same cache as the pages. With Redis
(REDIS_URL) every app server sees the same one. The default local-memory
cache is per process: right for one process, and a server running several
(gunicorn workers) without Redis sees another worker's edit only when its
own copy of a page expires, after PAGE_TIMEOUT at the most.

The cache fails open both ways. While it cannot be reached (Redis
restarting or gone), pages are rendered uncached and carry no ETag rather
than failing, and edits save although the generation cannot move on. So
that no page cached before such an edit is served after it, a process
that saw the cache stop answering moves the generation on as soon as it
answers again, before it reads any page from it (``Outage``).

A brief scheduled to go public is published by the worker or the sweep,
another process: with Redis its save reaches every page at once; with the
per-process cache it cannot, so the cache also keeps the times briefs are
scheduled for (saved here, in the admin). From such a time until the
publishing has surely happened (``PUBLISHING_GRACE``) pages are rendered
uncached without an ETag, then the generation moves on.
"""

import hashlib
import logging
import time
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition
from redis.exceptions import RedisError

from briefs.models import PageGeneration, sees_drafts

GENERATION_KEY = "reading:generation"
SCHEDULE_KEY = "reading:scheduled"
PAGE_TIMEOUT = 300
# How long a scheduled brief may take to go public after its time: the
# worker looks for due jobs every second, the sweep runs every 30 seconds.
PUBLISHING_GRACE = 60

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
            if self.retry_at is not None:
                # Back from an outage, in which an edit may have saved
                # without making the pages cached before it stale.
                move_generation_on()
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
                "uncached, and edits save without it, until it answers.",
                error,
            )
        self.retry_at = time.monotonic() + self.pause


outage = Outage()


def generation():
    """The current generation; None while a scheduled brief may be going public."""
    values = cache.get_many([GENERATION_KEY, SCHEDULE_KEY])
    scheduled = values.get(SCHEDULE_KEY) or []
    now = time.time()
    if scheduled and scheduled[0] <= now:
        if now < scheduled[0] + PUBLISHING_GRACE:
            return None
        # Surely public by now: no page cached before it may be served after.
        scheduled = [at for at in scheduled if now < at + PUBLISHING_GRACE]
        cache.set(SCHEDULE_KEY, scheduled, timeout=None)
        invalidate()
        if scheduled and scheduled[0] <= now:
            return None
        values[GENERATION_KEY] = cache.get(GENERATION_KEY)
    value = values.get(GENERATION_KEY)
    if value is None:
        # Lost (evicted, cleared): start from a number never used before,
        # so no page cached under an older generation can come back.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def expect_publication(at):
    """Remember that a brief goes public at ``at`` (see the module's docstring)."""
    outage.attempt(remember_publication, at.timestamp())


def remember_publication(timestamp):
    times = set(cache.get(SCHEDULE_KEY) or ())
    cache.set(SCHEDULE_KEY, sorted(times | {timestamp}), timeout=None)


def invalidate():
    """Make every cached page and stored article stale. Call it after writes
    that send no signals (``QuerySet.update()``, ``bulk_create()``); saves and
    deletes call it already.

    The cache's generation moves on now, so no request serves the old page
    while the write is under way, and again when the transaction commits, in
    case a request rendered the page from the old rows in between and cached
    it under the new generation. The database's moves on at the commit
    (``moves_on_after_commit``). With the cache away the write goes on:
    ``outage`` moves the generation on once the cache answers again.
    """
    outage.attempt(move_generation_on)
    moves_on_after_commit()


def moves_on_after_commit():
    """Once the current transaction commits (at once outside one), move both
    generations on: once a transaction, however many rows it writes.

    Never inside the writer's transaction: no writer waits on the
    generation's row while another holds it, and an import's locks are
    taken in no new order.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        # Django gives the list of a transaction's callbacks a new identity
        # whenever it drops some (a savepoint rolled back): then ours may be
        # gone, and is registered again.
        if getattr(connection, "page_generation_pending", None) is (
            connection.run_on_commit
        ):
            return
        connection.page_generation_pending = connection.run_on_commit
    transaction.on_commit(generations_move_on)


def generations_move_on():
    outage.attempt(move_generation_on)
    move_stored_generation_on()


def move_stored_generation_on():
    """Move the database's page generation on (briefs.reading.articles)."""
    if not PageGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        # Lost (a flushed database): start from a number never used before,
        # so no article stored under an older generation can come back.
        PageGeneration.objects.get_or_create(pk=1, defaults={"value": time.time_ns()})


def writes_pending():
    """Whether this connection's transaction has written rows of the app whose
    generations move on only when it commits."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        callback is generations_move_on
        for _savepoints, callback, _robust in connection.run_on_commit
    )


def deployed(sender, apps=None, **kwargs):
    """After ``migrate`` (a deployment): articles the code before rendered are not served."""
    if apps is not None:
        try:
            apps.get_model("briefs", "PageGeneration")
        except LookupError:  # migrated back to before the table
            return
    # Only a generation there is: a flushed database stores no article
    # until its first write starts a new one.
    PageGeneration.objects.filter(pk=1).update(value=F("value") + 1)


def move_generation_on():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def page_key(request):
    """The key of this request's page at the current generation, or None
    while the cache cannot be reached or a scheduled brief is going public.

    Take it before rendering: if an edit moves the generation on meanwhile,
    the page is stored under the old key, where no one will look.
    """
    number = outage.attempt(generation)
    if number is None:
        return None
    # Scheme, host and path, because the page embeds its absolute URL
    # (canonical link, citations); not the query string, which the page
    # ignores and which would otherwise let anyone fill the cache with copies.
    url = request.build_absolute_uri(request.path)
    digest = hashlib.sha256(url.encode()).hexdigest()[:32]
    return f"reading:page:{number}:{digest}"


def page_etag(request, *args, **kwargs):
    """What the public sees changes only when the generation moves on."""
    if sees_drafts(request.user):
        return None
    number = outage.attempt(generation)
    return None if number is None else f"reading-{number}"


def cached_page(key):
    return outage.attempt(cache.get, key)


def store_page(key, content):
    outage.attempt(cache.set, key, content, PAGE_TIMEOUT)


def revalidated(view):
    """A public page with an ETag, answered 304 while nothing has changed.

    Browsers and caches in front may keep the page but must ask again each
    time (``no-cache``), so an unpublished brief is gone at once; asking
    costs a 304 and one cache read. Editors' pages may show drafts: private.
    """
    conditional = condition(etag_func=page_etag)(view)

    @wraps(view)
    def page(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        audience = "private" if sees_drafts(request.user) else "public"
        patch_cache_control(response, no_cache=True, **{audience: True})
        return response

    return page


def rows_changed(sender, instance=None, **kwargs):
    invalidate()
    if getattr(instance, "is_scheduled", False):
        expect_publication(instance.publish_at)


def relations_changed(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        rows_changed(sender)


def connect(models):
    """Watch every row of ``models`` (the app's own: history rows are not shown)."""
    for model in models:
        post_save.connect(
            rows_changed, sender=model, dispatch_uid=f"reading-save-{model._meta.label}"
        )
        post_delete.connect(
            rows_changed,
            sender=model,
            dispatch_uid=f"reading-delete-{model._meta.label}",
        )
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            m2m_changed.connect(
                relations_changed,
                sender=through,
                dispatch_uid=f"reading-m2m-{through._meta.label}",
            )
