"""The project's settings as the test suite runs them: a developer's machine.

DEBUG on while the settings load (no secret key or hosts needed, static
files without collectstatic); pytest-django then runs each test with DEBUG
off, as production would. Tests of the production settings load them in a
subprocess with the environment they check.
"""

import os

os.environ["DJANGO_DEBUG"] = "1"

from hiia.settings import *  # noqa: E402, F403

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # The browser tests' live server answers Chromium's concurrent requests in
    # threads. An in-memory test database is one connection shared by all of
    # them, and two requests at once on one SQLite connection can hang; a file
    # gives each thread its own connection, which SQLite's locking serves.
    import tempfile
    from pathlib import Path

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": Path(tempfile.gettempdir()) / f"hiia-test-{os.getpid()}.sqlite3"
    }
else:
    # One PostgreSQL server may serve several checkouts testing at once (git
    # worktrees): each gets a test database of its own, named by its folder,
    # rather than all dropping and creating test_hiia under each other.
    import hashlib

    _checkout = hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:8]  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": f"test_{DATABASES['default']['NAME']}_{_checkout}"  # noqa: F405
    }

# Under pytest-xdist each worker is a process of its own, with a test database
# of its own: pytest-django adds _gw0, _gw1, … to the names above.
# With Redis (REDIS_URL, as .ci/run sets it) each takes its own Redis
# database too, the next numbers after the one named: a test empties its
# cache (FLUSHDB), and must not empty another worker's in mid-test.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", …
if _worker and CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    from urllib.parse import urlsplit

    _redis = urlsplit(CACHES["default"]["LOCATION"])  # noqa: F405
    _number = int(_redis.path.strip("/") or 0) + int(_worker.removeprefix("gw"))
    CACHES["default"]["LOCATION"] = _redis._replace(path=f"/{_number}").geturl()  # noqa: F405

# Absolute links at the test client's own address, as a site reached there
# would make them (tests of the origin set another and ask with other Hosts).
SITE_ORIGIN = "http://testserver"
