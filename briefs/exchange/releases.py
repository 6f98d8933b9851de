"""
Dataset releases: the published corpus as a versioned, citable Frictionless Data Package.

A package is one CSV per table, written by ``export_table`` (the same
columns and cells as every export, related rows by slug) but limited to what
the public reads (``published_scope``: published briefs, their parts, and
the actors, authors and facts they discuss, as the site and the API show
them), and ``datapackage.json`` describing each field, the primary key and
the foreign keys by slug, the licence and how to cite it. Nothing in it
depends on when or where it was written, so the same database always gives
the same bytes, and the package's version is the hash of its tables.

A release (``DatasetRelease``) keeps the package as one zip file under
``DATASET_ROOT``, its counts, how many rows each table gained, changed and
lost since the release before (``compare``), and the briefs it holds: one
withdrawn since stays in the releases made before, which /data/ marks, and
is left out of every release after.
"""

import csv
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.utils import timezone, translation

from briefs.exchange.tables import export_table
from briefs.exchange.tables.columns import SlugColumn, SlugListColumn, columns_of
from briefs.models import (
    DATASET_PUBLISHER,
    DATASET_TITLE,
    Actor,
    ActorAlias,
    Author,
    Contribution,
    DatasetRelease,
    Evidence,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    PrisonerRelease,
    Publication,
    Sanction,
    Section,
    SourceReference,
)

# In the order they load: each table refers only to tables before it.
TABLES = (
    "author",
    "actor",
    "actoralias",
    "publication",
    "section",
    "contribution",
    "sourcereference",
    "meeting",
    "meetingparticipant",
    "sanction",
    "prisonerrelease",
    "nationalitycount",
    "evidence",
)

NAME = "hiia-briefs"
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
DESCRIPTION = (
    "The briefs the Hungarian Institute of International Affairs has published "
    "and the facts they hold: who met whom, when and where; which sanctions are "
    "at stake; who was released and in exchange for what. One CSV per table, "
    "related rows named by slug; a many-to-many column holds slugs separated by "
    "commas. A partial date is three columns: its first day, its precision "
    "(day, month, season, year) and whether it is approximate. Text a "
    "spreadsheet would take for a formula starts with an apostrophe."
)


def published_scope():
    """{model: the rows of it the public reads}: what a release holds."""
    public = AnonymousUser()
    briefs = Publication.objects.published()
    actors = Actor.objects.visible_to(public)
    meetings = Meeting.objects.visible_to(public)
    releases = PrisonerRelease.objects.visible_to(public)
    sanctions = Sanction.objects.visible_to(public)
    return {
        Author: Author.objects.visible_to(public),
        Actor: actors,
        ActorAlias: ActorAlias.objects.filter(actor__in=actors),
        Publication: briefs,
        Section: Section.objects.filter(publication__in=briefs),
        Contribution: Contribution.objects.filter(publication__in=briefs),
        SourceReference: SourceReference.objects.filter(publication__in=briefs),
        Meeting: meetings,
        MeetingParticipant: MeetingParticipant.objects.filter(meeting__in=meetings),
        Sanction: sanctions,
        PrisonerRelease: releases,
        NationalityCount: NationalityCount.objects.filter(release__in=releases),
        # The words of a published brief that state a public fact: evidence is
        # the product's point, and a researcher's way back to the text.
        Evidence: Evidence.objects.filter(
            models.Q(meeting__isnull=True) | models.Q(meeting__in=meetings),
            models.Q(sanction__isnull=True) | models.Q(sanction__in=sanctions),
            models.Q(release__isnull=True) | models.Q(release__in=releases),
            models.Q(actor__isnull=True) | models.Q(actor__in=actors),
            publication__in=briefs,
        ),
    }


# --- The package ------------------------------------------------------------------


@dataclass
class Package:
    """A package as written: its version, content hash and the rows of each table."""

    version: str
    content_hash: str
    counts: dict
    tables: dict  # name: the CSV's bytes
    briefs: list  # the slugs of the briefs it holds


def write_package(directory):
    """Write the published corpus as a data package into ``directory``; return it."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    scope = published_scope()
    tables, counts = {}, {}
    # One snapshot of every table, so a release cannot hold a row whose parent
    # was unpublished while it was written.
    with transaction.atomic():
        for name in TABLES:
            stream = io.BytesIO()
            counts[name] = export_table(name, stream, "csv", scope=scope)
            tables[name] = stream.getvalue()
    content_hash = tables_hash(tables)
    package = Package(
        version=content_hash[:12],
        content_hash=content_hash,
        counts=counts,
        tables=tables,
        briefs=sorted(
            slug for (slug,) in keyed_rows("publication", tables["publication"])
        ),
    )
    for name, data in tables.items():
        (directory / f"{name}.csv").write_bytes(data)
    (directory / "datapackage.json").write_text(
        json.dumps(descriptor(package), indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return package


def tables_hash(tables):
    """SHA-256 of the tables, each named and its length given, in load order."""
    digest = hashlib.sha256()
    for name in TABLES:
        data = tables[name]
        digest.update(f"{name}\n{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def descriptor(package):
    """``datapackage.json``: what the package is, how to cite it, each table's schema."""
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": DATASET_TITLE,
        "version": package.version,
        "description": DESCRIPTION,
        "licenses": [LICENSE],
        "contributors": [{"title": DATASET_PUBLISHER, "role": "publisher"}],
        "citation": DatasetRelease.citation_of(package.version),
        "resources": [
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(package.tables[name]),
                "hash": "sha256:" + hashlib.sha256(package.tables[name]).hexdigest(),
                "schema": table_schema(name),
            }
            for name in TABLES
        ],
    }


def table_schema(name):
    """A Table Schema of a table: its fields, primary key and foreign keys by slug."""
    _resource, _model, columns, key = columns_of(name)
    foreign_keys = [
        {
            "fields": column.name,
            "reference": {
                "resource": column.related_model._meta.model_name,
                "fields": "slug",
            },
        }
        for column in columns
        if isinstance(column, SlugColumn)
    ]
    # Evidence's section is a position in its own brief, empty for the
    # abstract: a key of two columns, one of them empty at times, which
    # Frictionless would check as a missing section. Its description says it.
    return {
        "fields": [field_schema(column) for column in columns],
        "missingValues": [""],
        "primaryKey": key,
        "foreignKeys": foreign_keys,
    }


FIELD_TYPES = [
    (
        models.BooleanField,
        {"type": "boolean", "trueValues": ["1"], "falseValues": ["0"]},
    ),
    (models.IntegerField, {"type": "integer"}),
    (models.DecimalField, {"type": "number"}),
    (models.DateTimeField, {"type": "datetime", "format": "any"}),
    (models.DateField, {"type": "date"}),
]


def field_schema(column):
    field = column.field
    if isinstance(column, SlugListColumn):
        related = column.related_model._meta.verbose_name_plural
        return {
            "name": column.name,
            "type": "string",
            "description": f"Slugs of {related}, separated by commas.",
        }
    if isinstance(column, SlugColumn):
        related = column.related_model._meta.verbose_name
        schema = {
            "name": column.name,
            "type": "string",
            "description": f"Slug of the {related}.",
        }
    else:
        schema = {"name": column.name, "type": "string"}
        for kind, described in FIELD_TYPES:
            if isinstance(field, kind):
                schema.update(described)
                break
        schema["description"] = (
            str(field.help_text or field.verbose_name).rstrip(".") + "."
        )
        # One language's value of a name or title: the description says which.
        if code := getattr(field, "_translated_field_language_code", ""):
            language = translation.get_language_info(code)["name"]
            schema["description"] += f" In {language}."
    constraints = {}
    if not field.blank and not field.null:
        constraints["required"] = True
    if field.choices and not isinstance(column, SlugColumn):
        constraints["enum"] = [str(value) for value, _label in field.flatchoices]
    if field.unique:
        constraints["unique"] = True
    if constraints:
        schema["constraints"] = constraints
    return schema


# --- Zips and releases --------------------------------------------------------------


def zip_bytes(package, directory):
    """The package as one zip, the same bytes for the same package."""
    folder = f"{NAME}-{package.version}"
    names = [f"{name}.csv" for name in TABLES] + ["datapackage.json"]
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (Path(directory) / name).read_bytes())
    return stream.getvalue()


def tables_of_zip(path):
    """{table: CSV bytes} of a stored package."""
    with zipfile.ZipFile(path) as archive:
        return {
            Path(name).stem: archive.read(name)
            for name in archive.namelist()
            if name.endswith(".csv")
        }


def tables_of(old):
    """The tables of ``old``: a recorded version, a package's folder or its zip."""
    release = DatasetRelease.objects.filter(version=old).first()
    if release is not None:
        return tables_of_zip(stored_path(release))
    path = Path(old)
    if path.is_dir():
        return {name: (path / f"{name}.csv").read_bytes() for name in TABLES}
    if path.is_file():
        return tables_of_zip(path)
    raise FileNotFoundError(f"No release {old} and no package at that path.")


def stored_path(release):
    return Path(settings.DATASET_ROOT) / release.file_name


def release_package(package, directory):
    """Record ``package`` (written to ``directory``) as a release: (release, created).

    A package equal to one released before is that release again.
    """
    existing = DatasetRelease.objects.filter(content_hash=package.content_hash).first()
    if existing is not None:
        return existing, False
    previous = DatasetRelease.objects.order_by("-released_at").first()
    changes = {}
    if previous is not None:
        changes = change_counts(
            compare(tables_of_zip(stored_path(previous)), package.tables)
        )
    data = zip_bytes(package, directory)
    file_name = f"{NAME}-{package.version}.zip"
    root = Path(settings.DATASET_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    (root / file_name).write_bytes(data)
    release = DatasetRelease.objects.create(
        version=package.version,
        content_hash=package.content_hash,
        released_at=timezone.now(),
        file_name=file_name,
        size=len(data),
        counts=package.counts,
        changes=changes,
        briefs=package.briefs,
    )
    return release, True


# --- What changed between two releases --------------------------------------------------


def keyed_rows(name, data):
    """{natural key: row} of a table's CSV."""
    if not data:
        return {}
    key = columns_of(name)[3]
    reader = csv.reader(io.StringIO(data.decode("utf-8")))
    header = next(reader, [])
    positions = [header.index(column) for column in key]
    return {tuple(row[position] for position in positions): row for row in reader}


@dataclass
class TableChanges:
    added: list
    changed: list
    removed: list


def compare(old_tables, new_tables):
    """{table: TableChanges} from one package's tables to another's, keys sorted."""
    changes = {}
    for name in TABLES:
        old = keyed_rows(name, old_tables.get(name, b""))
        new = keyed_rows(name, new_tables.get(name, b""))
        changes[name] = TableChanges(
            added=sorted(new.keys() - old.keys()),
            changed=sorted(
                key for key in new.keys() & old.keys() if new[key] != old[key]
            ),
            removed=sorted(old.keys() - new.keys()),
        )
    return changes


def change_counts(changes):
    """{table: {"added": n, "changed": n, "removed": n}} for tables that changed."""
    return {
        name: {
            "added": len(table.added),
            "changed": len(table.changed),
            "removed": len(table.removed),
        }
        for name, table in changes.items()
        if table.added or table.changed or table.removed
    }
