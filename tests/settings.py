"""The project's settings as the test suite runs them: a developer's machine.

DEBUG on while the settings load (no secret key or hosts needed, static
files without collectstatic); pytest-django then runs each test with DEBUG
off, as production would. Tests of the production settings load them in a
subprocess with the environment they check.
"""

import os

os.environ["DJANGO_DEBUG"] = "1"

from hiia.settings import *  # noqa: E402, F403
