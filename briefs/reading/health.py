"""The health probe for a load balancer: can this worker reach its database and cache?"""

import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_answers():
    # A key of its own, so probes from several workers never see each other's.
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


CHECKS = {"database": database_answers, "cache": cache_answers}


@never_cache
def health(request):
    """200 when every check passes, else 503; the body names each check's result."""
    results = {}
    for name, answers in CHECKS.items():
        try:
            results[name] = "ok" if answers() else "failed"
        except Exception as error:  # noqa: BLE001 (any failure is the answer)
            results[name] = f"failed: {type(error).__name__}"
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(results, status=200 if healthy else 503)
