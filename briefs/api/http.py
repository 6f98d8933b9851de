"""
What every API answer carries besides its data: an ETag, CORS, a rate limit;
and the cache it is kept in.

The ETag is the reading site's (``briefs.reading.caching.revalidated``):
nothing public changes until the page generation moves on, so a client
asking again with ``If-None-Match`` gets a 304 where the answer would be a
200. For the same reason an answer is kept in the cache under the
generation, as the reading pages are, keyed by its path and query string
(which choose the rows; its links are the site's origin's, whatever Host
was asked). Anyone could fill the cache with copies that way, at the rate
the throttle allows each client, and each expires after PAGE_TIMEOUT. Any
site may read the API from a browser (``Access-Control-Allow-Origin: *``,
and a preflight answered): it is public and takes no credentials. Each
client (its address, as ``hiia.proxy.client_ip`` sees it behind nginx) may
make ``API_THROTTLE_RATE`` requests a period, a conditional one too,
counted in the shared cache so every worker counts the same requests.
"""

import hashlib
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language
from ninja.throttling import BaseThrottle

from briefs.reading import caching
from briefs.reading.caching import (
    cached_page,
    generation,
    revalidated,
    store_page,
)
from hiia.proxy import client_ip

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600}


def parse_rate(rate):
    """(requests, seconds) of a rate such as "120/min"."""
    count, period = rate.split("/")
    return int(count), PERIODS[period]


class ClientRateThrottle(BaseThrottle):
    """At most ``API_THROTTLE_RATE`` requests a period from one client, in fixed windows.

    ninja's ``SimpleRateThrottle`` keeps every request's time in one cache
    entry, rewritten on each request, which grows with the rate; a counter
    per window is one atomic ``incr``. While the cache cannot be reached the
    API answers unthrottled, as the pages render uncached.
    """

    def allow_request(self, request):
        requests, period = parse_rate(settings.API_THROTTLE_RATE)
        window = int(time.time() // period)
        key = f"api:throttle:{client_ip(request)}:{window}"
        # The pages' memory of an outage, looked up each time: one a process,
        # whichever object it is (the tests put a fresh one in place).
        count = caching.outage.attempt(self.count, key, period)
        return count is None or count <= requests

    def count(self, key, period):
        cache.add(key, 0, period + 1)
        try:
            return cache.incr(key)
        except ValueError:  # Expired between the two calls.
            cache.set(key, 1, period + 1)
            return 1

    def wait(self):
        """Seconds until the next window opens."""
        _requests, period = parse_rate(settings.API_THROTTLE_RATE)
        return math.ceil(period - time.time() % period)


throttle = ClientRateThrottle()

JSON = "application/json; charset=utf-8"


def answer_key(request):
    """The key of this answer at the current generation, or None before the
    first write. Taken before the answer is made, as a page's."""
    number = generation(request)
    if number is None:
        return None
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    # The API speaks the default language (its address has no prefix), but an
    # answer kept is keyed by the language it was made in all the same.
    return f"api:answer:{get_language()}:{number}:{digest}"


def kept(run):
    """An operation answered from the cache while nothing has changed.

    The throttle still counts an answer from the cache; one it refuses goes
    on to the operation, which refuses it with the API's 429.
    """

    @wraps(run)
    def answer(request, *args, **kwargs):
        key = answer_key(request)
        content = None if key is None else cached_page(key)
        if content is not None and throttle.allow_request(request):
            return HttpResponse(content, content_type=JSON)
        response = run(request, *args, **kwargs)
        if key is not None and response.status_code == 200:
            store_page(key, response.content)
        return response

    return answer


def open_to_every_origin(run):
    """Let a page on any site read the answer: the API is public and needs no cookie."""

    @wraps(run)
    def answer(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        return response

    return answer


def public(run):
    """An operation's answer with the site's ETag rule and CORS, kept in the cache.

    Only a 200 carries the ETag (``revalidated``): a client never revalidates
    a 404, a 422 or a 429 into a 304.
    """
    return open_to_every_origin(revalidated(kept(run)))


API_PATH = "/api/"
PREFLIGHT_SECONDS = 24 * 3600


class PreflightMiddleware:
    """Answers a CORS preflight (``OPTIONS``) anywhere under /api/: 204, any
    origin may GET with any header.

    A browser asks first before a page's script sends a header of its own,
    such as ``If-None-Match`` to revalidate an answer it keeps; ninja routes
    only GET, so the preflight was a 405 and the request never made. No
    credentials are taken, so the wildcards are safe.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "OPTIONS" or not request.path.startswith(API_PATH):
            return self.get_response(request)
        response = HttpResponse(status=204)
        response["Allow"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "*"
        response["Access-Control-Max-Age"] = str(PREFLIGHT_SECONDS)
        return response
