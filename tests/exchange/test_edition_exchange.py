"""Editions move as they are: bundles, tables and dataset releases carry
``translation_of`` by slug and each edition's language, and round-trip."""

import json

import pytest
from django.core.management import call_command
from frictionless import validate

from briefs.exchange import releases
from briefs.exchange.tables import TableError
from briefs.models import Publication
from tests.factories import make_brief_in_two_editions
from tests.helpers import (
    empty_database,
    exported_bundle,
    exported_table,
    load_table,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions():
    return make_brief_in_two_editions()


def test_a_bundle_holds_every_edition_whichever_it_is_of(editions, tmp_path):
    of_original = json.loads(exported_bundle("an-original"))
    of_translation = json.loads(exported_bundle("egy-forditas"))

    assert of_original == of_translation
    briefs = [
        obj["fields"] for obj in of_original if obj["model"] == "briefs.publication"
    ]
    assert [(b["slug"], b["translation_of"]) for b in briefs] == [
        ("an-original", None),
        ("egy-forditas", ["an-original"]),
    ]
    assert briefs[1]["unofficial_translation"] is True


def test_a_bundle_of_editions_round_trips_through_an_empty_database(editions, tmp_path):
    text = exported_bundle("egy-forditas")
    empty_database()
    path = tmp_path / "bundle.json"
    path.write_text(text, encoding="utf-8")
    call_command("import_brief", str(path), verbosity=0)

    assert exported_bundle("an-original") == text
    assert Publication.objects.get(slug="egy-forditas").translation_of.slug == (
        "an-original"
    )


def test_the_publication_table_round_trips_translation_of(editions):
    exported = exported_table("publication")
    assert b"translation_of" in exported.splitlines()[0]
    Publication.objects.filter(slug="egy-forditas").update(
        translation_of=None,
        unofficial_translation=False,
        series_year=None,
        series_number=None,
    )

    load_table("publication", exported)

    assert exported_table("publication") == exported
    hungarian = Publication.objects.get(slug="egy-forditas")
    assert hungarian.translation_of.slug == "an-original"
    # Its number in the series is its brief's again.
    assert hungarian.report_number == hungarian.translation_of.report_number != ""


def test_a_table_refuses_a_translation_of_a_translation_in_the_models_words(
    editions,
):
    header, *_rows = exported_table("publication").decode().splitlines()
    columns = header.split(",")
    values = dict.fromkeys(columns, "")
    values |= {
        "slug": "a-third",
        "series": "A Series",
        "title": "A third",
        "publisher": "An Institute",
        "publication_date": "2025-03-01",
        "language": "en",
        "translation_of": "egy-forditas",
        "status": "draft",
        "unofficial_translation": "0",
    }
    data = ",".join(columns) + "\n" + ",".join(values[c] for c in columns) + "\n"

    with pytest.raises(TableError) as refused:
        load_table("publication", data)

    [problem] = refused.value.problems
    assert problem.column == "translation_of"
    assert problem.reason == (
        "“Egy forditas” is itself a translation: an edition translates the "
        "original (“An original”)."
    )


def test_a_release_carries_the_editions_and_their_languages(editions, tmp_path):
    package = releases.write_package(tmp_path)

    rows = releases.keyed_rows("publication", package.tables["publication"])
    header = package.tables["publication"].decode().splitlines()[0].split(",")
    hungarian = rows[("egy-forditas",)]
    assert hungarian[header.index("language")] == "hu"
    assert hungarian[header.index("translation_of")] == "an-original"
    assert hungarian[header.index("unofficial_translation")] == "1"
    assert "Minszkben" in package.tables["evidence"].decode()
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    schema = descriptor["resources"][releases.TABLES.index("publication")]["schema"]
    assert {
        "fields": "translation_of",
        "reference": {"resource": "publication", "fields": "slug"},
    } in schema["foreignKeys"]


def test_a_file_with_an_original_and_its_translation_loads_into_an_empty_database(
    editions,
):
    exported = exported_table("publication")
    empty_database()

    load_table("publication", exported)

    assert Publication.objects.get(slug="egy-forditas").translation_of.slug == (
        "an-original"
    )
