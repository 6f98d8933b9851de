"""The project's settings as bench/bench_reading.py runs them.

Only what a benchmark must place elsewhere changes: static files are
collected into the bench's temporary folder, ``BENCH_CACHE=none``
turns the page cache off to measure rendering itself, and a request that
says so comes after an edit (``bench.middleware``).
"""

import os
from pathlib import Path

from hiia.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
MIDDLEWARE = ["bench.middleware.EditBeforeRequest", *MIDDLEWARE]  # noqa: F405

if os.environ.get("BENCH_CACHE") == "none":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
