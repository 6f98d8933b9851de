"""Fixtures every test may ask for: the seeded brief and users in each curation role."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker

from briefs.models import Publication
from briefs.reading import caching
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
def empty_cache():
    """Each test starts with no cached page: the local-memory cache outlives a test."""
    cache.clear()
    yield
    cache.clear()


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
