"""Helpers shared by the tests: the seed's paths, reading pages, counting and
comparing rows, and exporting through each door the app offers."""

import csv
import datetime
import fcntl
import html
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from briefs.exchange.tables import export_table, import_table

ROOT = Path(__file__).resolve().parent.parent
FIXTURES_DIR = ROOT / "fixtures"
SEED_FIXTURE = FIXTURES_DIR / "hiia-perspective-2025-07-15-kellogg-belarus.json"
SEED_SOURCE = (
    FIXTURES_DIR / "source" / "hiia-perspective-2025-07-15-kellogg-belarus.txt"
)
SEED_SOURCE_HU = SEED_SOURCE.with_suffix(".hu.txt")
SEED_SLUG = "kellogg-visit-to-belarus-turning-point-or-tactical-move"
BRIEF_URL = f"/briefs/{SEED_SLUG}/"
# Briefs' texts in the layout of fixtures/source/, for ingest_brief.
TEXTS_DIR = ROOT / "tests" / "exchange" / "texts"
TWO_AUTHORS_TEXT = TEXTS_DIR / "two-authors.txt"
TWO_AUTHORS_SLUG = "who-speaks-for-minsk-belarus-ukraine-and-the-grain-corridor"

SCREENSHOTS_DIR = ROOT / "artifacts" / "screenshots"


# --- Pages ----------------------------------------------------------------------


def text_of(response):
    """The page's visible words, tags removed, white space collapsed."""
    page = response.content.decode()
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    return re.sub(r" ([,.;:])", r"\1", text)


def logged_in_client(user):
    client = Client()
    client.force_login(user)
    return client


# --- The admin ------------------------------------------------------------------

# The app's models in the admin (the auth models are registered there too).
ADMIN_MODELS = [
    model for model in admin.site._registry if model._meta.app_label == "briefs"
]


def admin_url(model, view, *args):
    return reverse(f"admin:briefs_{model._meta.model_name}_{view}", args=args)


def admin_format_index(model, name):
    """The position of a file format in the admin's import and export forms."""
    formats = admin.site._registry[model].get_import_formats()
    return [format_.__name__ for format_ in formats].index(name)


def admin_upload(client, model, content, name="rows.csv", format_name="CSV", **extra):
    """The admin import's first step: the file goes up, the preview (or the problems) comes back."""
    if isinstance(content, str):
        content = content.encode()
    return client.post(
        admin_url(model, "import"),
        {
            "format": admin_format_index(model, format_name),
            "import_file": SimpleUploadedFile(name, content),
        },
        **extra,
    )


def admin_confirm(client, model, preview, **kwargs):
    """The admin import's second step: confirm what the preview showed."""
    return client.post(
        admin_url(model, "process_import"),
        preview.context["confirm_form"].initial,
        **kwargs,
    )


def form_data(response):
    """A change form's fields and inlines as a browser would post them back."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            if isinstance(bound.field, forms.BooleanField):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(item) for item in value]
            elif value is not None:
                data[bound.html_name] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def save_in_admin(client, obj, **changes):
    """Open ``obj``'s change form and save it back with ``changes``."""
    url = admin_url(type(obj), "change", obj.pk)
    return client.post(url, form_data(client.get(url)) | changes)


# --- Rows -----------------------------------------------------------------------


def load_seed():
    """The shipped fixtures, loaded as ``make run`` loads them."""
    call_command("load_initial_data", verbosity=0)


def row_counts():
    """How many rows every table of the app holds, history and links included;
    not the rows the site derives for itself (the page generation, stored
    articles), which are not data."""
    app = apps.get_app_config("briefs")
    return {
        model._meta.label: model.objects.count()
        for model in app.get_models(include_auto_created=True)
        if model not in app.derived_models()
    }


def empty_database():
    """Every row gone, history included, as on a fresh database."""
    # PostgreSQL will not TRUNCATE a table with foreign key checks still
    # deferred in this (the test's) transaction: run them now.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)


def is_key_list(value):
    """A many-to-many value: a list of natural keys."""
    return (
        isinstance(value, list) and bool(value) and isinstance(value[0], list | tuple)
    )


def shipped_fixture():
    """The seed's objects as the models serialize them now: a nullable field
    added after the fixture was written is null, as loaddata leaves it."""
    objects = json.loads(SEED_FIXTURE.read_text())
    for obj in objects:
        model = apps.get_model(obj["model"])
        for field in model._meta.concrete_fields:
            if field.null and field.serialize and not field.primary_key:
                obj["fields"].setdefault(field.name, None)
    return objects


def canonical(objects):
    """Serialized objects as sorted JSON strings, so that neither the order of the
    objects nor the order of a many-to-many list matters."""
    return sorted(
        json.dumps(
            {
                **obj,
                "fields": {
                    name: sorted(value) if is_key_list(value) else value
                    for name, value in obj["fields"].items()
                },
            },
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )
        for obj in objects
    )


# --- A brief's prose, as a reader reads it --------------------------------------


def shipped(model):
    """The shipped fixture's objects of one model, as written."""
    return [
        obj["fields"]
        for obj in json.loads(SEED_FIXTURE.read_text())
        if obj["model"] == f"briefs.{model}"
    ]


def shipped_edition(language="en"):
    """The shipped fixture's edition of the seed brief in ``language``."""
    (brief,) = [
        brief for brief in shipped("publication") if brief["language"] == language
    ]
    return brief


def shipped_parts(model, brief):
    """The shipped fixture's ``model`` objects (sections, …) of the edition ``brief``."""
    return [part for part in shipped(model) if part["publication"] == [brief["slug"]]]


# The publication's own prose and imprint, besides its parts.
IMPRINT = (
    "title",
    "series",
    "publisher",
    "publisher_url",
    "publication_date",
    "summary",
    "cover_photo_credit",
    "copyright_line",
)


def prose_of(publication):
    """What a reader reads of a brief, as the fixture's fields name it."""
    return {
        **{name: str(getattr(publication, name)) for name in IMPRINT},
        "contributions": [
            (c.position, c.author.name, c.author.position, c.author.affiliation, c.role)
            for c in publication.contributions.select_related("author")
        ],
        "sections": [
            (s.position, s.heading, s.body) for s in publication.sections.all()
        ],
        "source_references": [
            (r.number, r.anchor_text, r.url)
            for r in publication.source_references.all()
        ],
    }


def shipped_prose(language="en"):
    brief = shipped_edition(language)
    authors = {author["slug"]: author for author in shipped("author")}
    return {
        **{name: brief[name] for name in IMPRINT},
        "contributions": [
            (
                c["position"],
                authors[c["author"][0]]["name"],
                authors[c["author"][0]]["position"],
                authors[c["author"][0]]["affiliation"],
                c["role"],
            )
            for c in sorted(
                shipped_parts("contribution", brief), key=lambda c: c["position"]
            )
        ],
        "sections": [
            (s["position"], s["heading"], s["body"])
            for s in sorted(
                shipped_parts("section", brief), key=lambda s: s["position"]
            )
        ],
        "source_references": [
            (r["number"], r["anchor_text"], r["url"])
            for r in sorted(
                shipped_parts("sourcereference", brief), key=lambda r: r["number"]
            )
        ],
    }


def seed_brief_text(url="https://example.org/sources/{number}"):
    """The shipped brief as ``briefs.exchange.texts`` reads a text: what a PDF
    of it is typeset from. Its sources get ``url`` (the shipped ones have none)."""
    from briefs.exchange.texts import BriefText, Person, SectionText, SourceLink

    brief = shipped_edition("en")
    authors = {author["slug"]: author for author in shipped("author")}
    credits = sorted(shipped_parts("contribution", brief), key=lambda c: c["position"])

    def people(role):
        return [
            Person(
                authors[c["author"][0]]["name"],
                authors[c["author"][0]]["position"],
                authors[c["author"][0]]["affiliation"],
            )
            for c in credits
            if c["role"] == role
        ]

    return BriefText(
        title=brief["title"],
        series=brief["series"],
        publisher=brief["publisher"],
        publisher_url=brief["publisher_url"],
        copyright_line=brief["copyright_line"],
        cover_photo_credit=brief["cover_photo_credit"],
        publication_date=datetime.date.fromisoformat(brief["publication_date"]),
        authors=people("author"),
        copy_editors=people("copy_editor"),
        summary=brief["summary"],
        sections=[
            SectionText(s["heading"], s["body"].split("\n\n"))
            for s in sorted(
                shipped_parts("section", brief), key=lambda s: s["position"]
            )
        ],
        sources=[
            SourceLink(r["number"], r["anchor_text"], url.format(number=r["number"]))
            for r in sorted(
                shipped_parts("sourcereference", brief), key=lambda r: r["number"]
            )
        ],
    )


# --- Tables and exports, one per door --------------------------------------------------------


def exported_bundle(slug=SEED_SLUG):
    """The bundle `export_brief` writes for one brief."""
    out = io.StringIO()
    call_command("export_brief", slug, stdout=out)
    return out.getvalue()


def exported_table(name, file_format="csv"):
    """A whole table as the command line exports it."""
    stream = io.BytesIO()
    export_table(name, stream, file_format)
    return stream.getvalue()


SANCTION_HEADER = "slug,title,imposed_by,target,start_date,start_date_precision\n"


def statistics_gathered():
    """On PostgreSQL, the planner's statistics of the rows a test wrote in bulk.

    Autovacuum gathers them of committed rows; a test's rows are never
    committed, so the planner plans for the tables as last analyzed, empty,
    and counted an actor's 400 meetings by nested loops for minutes. ANALYZE
    in the test's transaction counts its own rows.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def load_table(name, data, file_format="csv", **options):
    """Import a table's file, given as bytes or text, as the command line does."""
    if isinstance(data, str):
        data = data.encode()
    return import_table(name, data, file_format, **options)


def csv_text(rows):
    """Rows as the text of a CSV file."""
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def exported_from_admin(client, model, format_name="CSV"):
    """Every column of every row, as the admin's export page sends them."""
    url = admin_url(model, "export")
    form = client.get(url).context["form"]
    data = {"format": admin_format_index(model, format_name), "resource": 0}
    data |= {name: "on" for name, field in form.fields.items() if field.initial is True}
    response = client.post(url, data)
    assert response.status_code == 200
    return response.content


# --- The cache -------------------------------------------------------------------


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_at(port):
    """The cache settings of a Redis on ``port``, with the site's timeouts."""
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }


# --- Built once a session --------------------------------------------------------


def built_once(tmp_path_factory, name, build):
    """A folder ``build(folder)`` fills once a test session, for every
    pytest-xdist worker: the first to ask builds it (the others wait for it),
    the rest find it. Its users copy it, or only read it."""
    root = session_folder(tmp_path_factory)
    folder = root / name
    with locked(root / f"{name}.lock"):
        if not folder.exists():
            building = root / f"{name}.building"
            shutil.rmtree(building, ignore_errors=True)
            building.mkdir()
            build(building)
            building.rename(folder)
    return folder


def session_folder(tmp_path_factory):
    """The test session's temporary folder, the same for every xdist worker."""
    folder = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return folder.parent  # each worker's is in the session's
    return folder


@contextmanager
def locked(path):
    """This process alone, among all that ask for the same ``path``."""
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


# --- The production stack (tests/production, marked stack) ---------------------


def stack_programs_missing():
    from deploy.stack import missing_programs

    return bool(missing_programs()) or (
        subprocess.run(
            [sys.executable, "-m", "gunicorn", "--version"], capture_output=True
        ).returncode
        != 0
    )


# The marks of a module of stack tests.
STACK_TESTS = [
    pytest.mark.stack,
    pytest.mark.skipif(
        stack_programs_missing(),
        reason="the stack needs Debian's nginx-light and redis-server, and gunicorn "
        "(make test and .ci/run install them as root)",
    ),
]


def make_curator(site, username, password):
    """A superuser of the stack's database."""
    subprocess.run(
        [sys.executable, "manage.py", "createsuperuser", "--noinput"],
        cwd=ROOT,
        env={
            **site.env,
            "DJANGO_SUPERUSER_USERNAME": username,
            "DJANGO_SUPERUSER_EMAIL": f"{username}@example.org",
            "DJANGO_SUPERUSER_PASSWORD": password,
        },
        check=True,
        capture_output=True,
    )


def from_prepared(prepared, run, database=True):
    """``run`` (a stack's run folder) with a copy of the prepared static files,
    and of the prepared database if ``database``; the database's URL."""
    shutil.copytree(prepared / "static", run / "static")
    if database:
        shutil.copy2(prepared / "db.sqlite3", run / "db.sqlite3")
    return f"sqlite:///{run / 'db.sqlite3'}"


def stack_manage(site, *arguments):
    """A management command against the stack's database and Redis; its output."""
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=site.env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def http_status(url, timeout=10):
    """The status ``url`` answers with; 0 if nothing answers."""
    request = urllib.request.Request(url, headers={"Connection": "close"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def seconds_until_answered(urls, timeout=60):
    """Seconds until every one of ``urls`` answers 200 (AssertionError after ``timeout``)."""
    start = time.monotonic()
    while True:
        statuses = {url: http_status(url, timeout=5) for url in urls}
        if set(statuses.values()) == {200}:
            return time.monotonic() - start
        assert time.monotonic() - start < timeout, f"still failing: {statuses}"
        time.sleep(0.1)
