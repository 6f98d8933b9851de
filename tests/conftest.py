"""Shared helpers: small factories for each model and the shipped fixtures."""

import datetime
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from briefs.models import (
    Actor,
    Author,
    Contribution,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    PrisonerRelease,
    Publication,
    Sanction,
    Section,
    SourceReference,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES_DIR = ROOT / "fixtures"
SEED_FIXTURE = FIXTURES_DIR / "hiia-perspective-2025-07-15-kellogg-belarus.json"
SEED_SOURCE = (
    FIXTURES_DIR / "source" / "hiia-perspective-2025-07-15-kellogg-belarus.txt"
)
SEED_SLUG = "kellogg-visit-to-belarus-turning-point-or-tactical-move"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seeded(db):
    """The database with the shipped fixtures loaded."""
    call_command("load_initial_data", verbosity=0)
    return Publication.objects.get(slug=SEED_SLUG)


def make_actor(slug="belarus", name=None, kind=Actor.Kind.STATE, **fields):
    name = name or slug.replace("-", " ").title()
    return Actor.objects.create(slug=slug, name=name, kind=kind, **fields)


def make_author(slug="jane-doe", name=None, **fields):
    return Author.objects.create(
        slug=slug, name=name or slug.replace("-", " ").title(), **fields
    )


def make_publication(slug="a-brief", status=Publication.Status.PUBLISHED, **fields):
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    fields.setdefault("series", "HIIA Perspective")
    fields.setdefault("publisher", "Hungarian Institute of International Affairs")
    fields.setdefault("publication_date", datetime.date(2025, 7, 15))
    if status == Publication.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now())
    return Publication.objects.create(slug=slug, status=status, **fields)


def make_section(publication, position=1, heading="Heading", body="A paragraph."):
    return Section.objects.create(
        publication=publication, position=position, heading=heading, body=body
    )


def make_contribution(publication, author, role=Contribution.Role.AUTHOR, position=1):
    return Contribution.objects.create(
        publication=publication, author=author, role=role, position=position
    )


def make_source_reference(publication, number=1, anchor_text="source", url=""):
    return SourceReference.objects.create(
        publication=publication, number=number, anchor_text=anchor_text, url=url
    )


def make_meeting(
    slug="a-meeting", date=datetime.date(2025, 6, 21), precision="day", **fields
):
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    return Meeting.objects.create(
        slug=slug, date=date, date_precision=precision, **fields
    )


def make_participant(
    meeting, actor, role=MeetingParticipant.Role.PARTICIPANT, position=1
):
    return MeetingParticipant.objects.create(
        meeting=meeting, actor=actor, role=role, position=position
    )


def make_sanction(slug="a-sanction", imposed_by=None, target=None, **fields):
    imposed_by = imposed_by or make_actor("imposer-" + slug)
    target = target or make_actor("target-" + slug)
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    return Sanction.objects.create(
        slug=slug, imposed_by=imposed_by, target=target, **fields
    )


def make_release(slug="a-release", released_by=None, total=14, **fields):
    released_by = released_by or make_actor("releaser-" + slug)
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    fields.setdefault("date", datetime.date(2025, 6, 1))
    fields.setdefault("date_precision", "month")
    return PrisonerRelease.objects.create(
        slug=slug, released_by=released_by, total=total, **fields
    )


def make_nationality_count(release, country, count):
    return NationalityCount.objects.create(
        release=release, country=country, count=count
    )


# --- Real browser --------------------------------------------------------------

SCREENSHOTS_DIR = ROOT / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make around it are still synchronous, so Django may allow them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh desktop-sized page; screenshots go to artifacts/screenshots/."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


# --- Reading site ----------------------------------------------------------------


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached page: the local-memory cache outlives a test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def make_alias(actor, name):
    from briefs.models import ActorAlias

    return ActorAlias.objects.create(actor=actor, name=name)


# --- Admin roles -------------------------------------------------------------


def make_user(username, group=None, is_staff=True):
    """A user in one of the groups the migrations create ("Editor", "Reader")."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password="a-long-test-password")
    user.is_staff = is_staff
    user.save()
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def logged_in_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(db):
    return make_user("edna", "Editor")


@pytest.fixture
def reader(db):
    return make_user("rita", "Reader")


@pytest.fixture
def editor_client(editor):
    return logged_in_client(editor)


@pytest.fixture
def reader_client(reader):
    return logged_in_client(reader)


def restore_curation_groups():
    """The Editor and Reader groups as their migration makes them.

    A transactional test (the browser tests) empties every table when it ends;
    Django recreates permissions then, but not the groups a data migration made.
    """
    from importlib import import_module

    from django.apps import apps

    import_module("briefs.migrations.0003_editor_and_reader_groups").make_groups(apps)
