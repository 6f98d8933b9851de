"""Fixtures every test may ask for: the seeded brief and users in each curation
role; and the order the suite runs in."""

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_migrate
from django.utils import translation
from django_tasks_db.management.commands import db_worker

from briefs.models import Publication
from briefs.reading import caching
from tests import databases
from tests.factories import make_user, make_writer
from tests.helpers import (
    SEED_SLUG,
    closed_port,
    load_seed,
    logged_in_client,
    redis_at,
)
from tests.snapshots import restored, take_snapshot


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a request to /hu/ leaves
    Hungarian active in its thread, as Django's LocaleMiddleware does."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached page: the local-memory cache outlives a test."""
    cache.clear()
    yield
    cache.clear()


FLUSHED = "tests-flushed"  # the receiver that notes a flush during a test


@pytest.fixture(autouse=True)
def content_types_as_stored():
    """A test that empties the database (``flush``, in the transaction its end
    rolls back) has Django cache content types under ids the rollback takes
    back: the next test would log its admin actions against rows that are not
    there. Forgotten after any test that flushed (a flush sends post_migrate)."""
    flushed = []
    post_migrate.connect(
        lambda **kwargs: flushed.append(True), weak=False, dispatch_uid=FLUSHED
    )
    yield
    post_migrate.disconnect(dispatch_uid=FLUSHED)
    if flushed:
        ContentType.objects.clear_cache()


# Far above any query of the suite (the slowest take seconds).
STATEMENT_TIMEOUT = "120s"


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_modify_db_settings,
    django_db_keepdb,
    tmp_path_factory,
):
    """The test database, migrated once a session for every xdist worker
    (tests/databases.py), in the place of pytest-django's."""
    verbosity = request.config.option.verbose
    if connection.vendor == "postgresql":
        # A query that runs for minutes fails, naming itself, rather than hold
        # the run until CI gives up: the landing CI once sat over five minutes
        # on one (an actor's meeting count, planned on statistics taken
        # before a test's bulk load). Every connection the tests open gets it.
        options = connection.settings_dict.setdefault("OPTIONS", {})
        options["options"] = f"-c statement_timeout={STATEMENT_TIMEOUT}"
    with django_db_blocker.unblock():
        config = databases.set_up(tmp_path_factory, verbosity, django_db_keepdb)
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            databases.tear_down(tmp_path_factory, config, verbosity)


@pytest.fixture(scope="session")
def seed_snapshot(django_db_setup, django_db_blocker):
    """What ``load_initial_data`` writes, taken once a session (tests/snapshots.py)."""
    with django_db_blocker.unblock():
        return take_snapshot(load_seed)


@pytest.fixture
def seeded(request, db, seed_snapshot):
    """The database with the shipped fixtures loaded: restored from the snapshot,
    or by ``load_initial_data`` itself in tests marked ``seeded_by_command``."""
    if request.node.get_closest_marker("seeded_by_command"):
        load_seed()
    else:
        restored(seed_snapshot, load_seed)
    return Publication.objects.get(slug=SEED_SLUG)


@pytest.fixture
def seeded_in_english(seeded):
    """The seeded database without the seed brief's Hungarian edition: the
    brief in one edition, as tests of one brief's rules or of making an
    edition again want it."""
    Publication.objects.filter(translation_of=seeded).delete()
    return seeded


@pytest.fixture
def editor(db):
    return make_user("edna", "Editor")


@pytest.fixture
def reader(db):
    return make_user("rita", "Reader")


@pytest.fixture
def writer(db):
    """An editor who may not publish."""
    return make_writer("wanda")


@pytest.fixture
def editor_client(editor):
    return logged_in_client(editor)


@pytest.fixture
def writer_client(writer):
    return logged_in_client(writer)


@pytest.fixture
def reader_client(reader):
    return logged_in_client(reader)


@pytest.fixture
def run_worker(monkeypatch):
    """Run the waiting jobs, as ``manage.py db_worker`` does, in the test's transaction."""
    # The worker closes the database connection between jobs, which would end
    # the test's transaction on PostgreSQL.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command(
        "db_worker", "--batch", "--no-startup-delay", verbosity=0
    )


@pytest.fixture
def redis_down(settings, monkeypatch):
    """A Redis cache on a port where nothing listens, as during a restart."""
    # This process's memory of the outage ends with the test.
    monkeypatch.setattr(caching, "outage", caching.Outage())
    settings.CACHES = redis_at(closed_port())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests that wait on servers and Chromium (marked ``stack`` or
    ``browser``) first, so that pytest-xdist's workers run the others while
    they wait, rather than wait on them at the end. (pytest-django has put
    transactional tests last; a flush leaves the database as ``migrate`` does,
    roles included: briefs/domain/roles.py.)"""
    items.sort(key=lambda item: not waits(item))


def waits(item):
    return any(item.get_closest_marker(mark) for mark in ("stack", "browser"))
