"""The project's settings as bench/bench_reading.py runs them.

Only what a benchmark must place elsewhere changes: static files are
collected into the bench's temporary folder, and ``BENCH_CACHE=none``
turns the page cache off to measure rendering itself.
"""

import os
from pathlib import Path

from hiia.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])

if os.environ.get("BENCH_CACHE") == "none":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
