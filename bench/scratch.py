"""A throw-away database for the benchmarks that measure the app in-process.

Django's test databases, made and dropped as the test runner does, so a
benchmark never writes into the site's own database.
"""

from contextlib import contextmanager


@contextmanager
def scratch_database(**settings_overrides):
    """Django set up on a test database of its own, dropped on leaving;
    ``settings_overrides`` set before it is made."""
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
    )

    for name, value in settings_overrides.items():
        setattr(settings, name, value)
    setup_test_environment()  # responses carry their context, as in tests
    old = setup_databases(verbosity=0, interactive=False)
    try:
        yield
    finally:
        teardown_databases(old, verbosity=0)
