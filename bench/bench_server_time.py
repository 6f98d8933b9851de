"""
The server's own time per page, in one process, without the page cache.

    DATABASE_URL=postgres://… .venv/bin/python bench/bench_server_time.py [--repeat 50]

Asks Django's test client for the brief page (the seeded brief and the
largest brief), search, /actors/ and /timeline/ over and over on the
database DATABASE_URL names (a corpus from ``generate_corpus``), with
DEBUG on and a dummy cache, so no page comes from the page cache (a brief
page after its first request comes from its stored article,
briefs.reading.articles; bench_reading.py --no-cache also measures the
cold render); prints the median
and 90th percentile milliseconds of each, the median CPU time of the
Python process (the page's own work, without the database's and without
waiting for a busy machine) and its queries. A load test's figures move
with whatever else the machine runs; these move much less.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hiia.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50, help="requests a page")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.db.models import Count
    from django.test import Client

    from briefs.models import Publication

    settings.CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.dummy.DummyCache"
    }
    settings.ALLOWED_HOSTS = ["*"]
    largest = (
        Publication.objects.published()
        .annotate(parts=Count("sections"))
        .order_by("-parts")
        .first()
    )
    seeded = Publication.objects.published().exclude(slug__startswith="gen-").first()
    pages = [
        *([seeded.get_absolute_url()] if seeded else []),
        largest.get_absolute_url(),
        "/search/?q=sanctions",
        "/search/?q=Лукашенко",
        "/actors/",
        "/timeline/",
    ]
    client = Client()
    print(f"{connection.vendor}, {Publication.objects.count()} briefs")
    for path in pages:
        client.get(path)  # warm up
        times, python_times = [], []
        for _ in range(args.repeat):
            reset_queries()
            start, python_start = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            python_times.append((time.process_time() - python_start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        queries = len(connection.queries)
        p90 = statistics.quantiles(times, n=10)[-1]
        print(
            f"{path:60} p50 {statistics.median(times):7.1f} ms   "
            f"p90 {p90:7.1f} ms   Python's CPU p50 "
            f"{statistics.median(python_times):7.1f} ms   {queries} queries"
        )


if __name__ == "__main__":
    main()
