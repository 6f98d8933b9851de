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

# Absolute links at the test client's own address, as a site reached there
# would make them (tests of the origin set another and ask with other Hosts).
SITE_ORIGIN = "http://testserver"
