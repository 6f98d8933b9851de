"""Dataset releases: a valid, byte-identical Frictionless package of the published corpus."""

import importlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from frictionless import validate

from briefs.exchange import releases
from briefs.models import DatasetRelease, Evidence
from tests.factories import (
    make_draft_with_its_own_facts,
    make_publication,
    make_release,
)
from tests.helpers import empty_database, load_table

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dataset_root(settings, tmp_path):
    settings.DATASET_ROOT = tmp_path / "datasets"
    return settings.DATASET_ROOT


def release(*args):
    out = io.StringIO()
    call_command("release_dataset", *args, stdout=out)
    return out.getvalue()


def files_of(directory):
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def test_the_package_validates_with_frictionless(seeded, tmp_path):
    releases.write_package(tmp_path)
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert [resource["name"] for resource in descriptor["resources"]] == list(
        releases.TABLES
    )
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["version"] in descriptor["citation"]
    meeting = descriptor["resources"][releases.TABLES.index("meeting")]["schema"]
    assert meeting["primaryKey"] == ["slug"]
    assert {
        "fields": "country",
        "reference": {"resource": "actor", "fields": "slug"},
    } in meeting["foreignKeys"]
    date = next(field for field in meeting["fields"] if field["name"] == "date")
    assert date["type"] == "date" and date["description"]


def test_frictionless_checks_the_foreign_keys(seeded, tmp_path):
    releases.write_package(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        del resource["hash"], resource["bytes"]
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    sanctions = (tmp_path / "sanction.csv").read_text()
    (tmp_path / "sanction.csv").write_text(
        sanctions.replace(",european-union,", ",no-such-actor,", 1)
    )
    report = validate(tmp_path / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {error[0] for error in report.flatten(["type"])}


def test_the_same_database_gives_the_same_bytes(seeded, tmp_path):
    first = releases.write_package(tmp_path / "first")
    second = releases.write_package(tmp_path / "second")
    assert files_of(tmp_path / "first") == files_of(tmp_path / "second")
    assert first.version == second.version
    assert releases.zip_bytes(first, tmp_path / "first") == releases.zip_bytes(
        second, tmp_path / "second"
    )


def test_a_release_holds_no_draft_nor_what_only_a_draft_discusses(seeded, tmp_path):
    draft, facts = make_draft_with_its_own_facts()
    package = releases.write_package(tmp_path)
    everything = b"".join(package.tables.values()).decode()
    for row in [draft, *facts.values()]:
        assert row.slug not in everything


def test_a_reference_to_an_unpublished_row_is_left_empty(tmp_path):
    _draft, facts = make_draft_with_its_own_facts()
    public = make_release("public-release", meeting=facts["meeting"])
    public.publications.add(make_publication("public-brief"))
    package = releases.write_package(tmp_path)
    rows = releases.keyed_rows("prisonerrelease", package.tables["prisonerrelease"])
    header = package.tables["prisonerrelease"].decode().splitlines()[0].split(",")
    assert rows[("public-release",)][header.index("meeting")] == ""
    assert validate(tmp_path / "datapackage.json").valid


def test_a_release_loads_through_import_table_into_an_empty_database(seeded, tmp_path):
    package = releases.write_package(tmp_path / "before")
    empty_database()
    for name in releases.TABLES:
        load_table(name, package.tables[name], history=False)
    again = releases.write_package(tmp_path / "after")
    assert again.version == package.version
    assert files_of(tmp_path / "after") == files_of(tmp_path / "before")


def test_a_release_is_recorded_once_per_version(seeded, tmp_path, dataset_root):
    output = release("-o", str(tmp_path / "one"))
    first = DatasetRelease.objects.get()
    assert f"Released version {first.version}." in output
    assert (dataset_root / first.file_name).read_bytes()[:2] == b"PK"
    # The seed brief's two editions.
    assert first.counts["publication"] == 2 and first.changes == {}
    assert "Nothing changed" in release("-o", str(tmp_path / "two"))
    assert DatasetRelease.objects.count() == 1


def test_a_dry_run_records_nothing(seeded, tmp_path):
    release("--dry-run", "-o", str(tmp_path))
    assert not DatasetRelease.objects.exists()
    assert (tmp_path / "datapackage.json").exists()


def test_what_changed_since_a_release_is_listed_per_table(seeded, tmp_path):
    release("-o", str(tmp_path / "one"))
    old = DatasetRelease.objects.get()
    make_publication("another-brief")
    seeded.title = "A new title"
    seeded.save()
    output = release("--diff", old.version, "-o", str(tmp_path / "two"))
    assert "publication\tadded\tanother-brief" in output
    assert f"publication\tchanged\t{seeded.slug}" in output
    assert "publication: 1 added, 1 changed, 0 removed" in output
    new = DatasetRelease.objects.latest()
    assert new.changes == {"publication": {"added": 1, "changed": 1, "removed": 0}}
    # A folder works as well as a version.
    assert "No row changed." in release("--dry-run", "--diff", str(tmp_path / "two"))


def test_an_unknown_old_release_is_a_clear_error(db):
    with pytest.raises(Exception, match="No release nope"):
        release("--dry-run", "--diff", "nope")


def test_the_frictionless_command_validates_the_package(seeded, tmp_path):
    releases.write_package(tmp_path)
    command = Path(sys.executable).parent / "frictionless"
    result = subprocess.run(
        [command, "validate", tmp_path / "datapackage.json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_a_release_records_the_briefs_it_holds_and_so_does_the_migration(
    seeded, dataset_root
):
    make_publication("a-draft", status="draft")
    release()
    recorded = DatasetRelease.objects.get()
    migration = importlib.import_module("briefs.migrations.0019_datasetrelease_briefs")

    editions = sorted(edition.slug for edition in seeded.editions())
    assert len(editions) == 2
    assert recorded.briefs == editions
    assert migration.briefs_in_zip(dataset_root / recorded.file_name) == editions
    assert migration.briefs_in_zip(dataset_root / "missing.zip") is None


def test_the_evidence_is_released_with_its_foreign_keys_checked(seeded, tmp_path):
    package = releases.write_package(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    evidence = descriptor["resources"][releases.TABLES.index("evidence")]["schema"]

    assert package.counts["evidence"] == Evidence.objects.count() > 0
    assert {
        (key["fields"], key["reference"]["resource"]) for key in evidence["foreignKeys"]
    } == {
        ("publication", "publication"),
        ("meeting", "meeting"),
        ("sanction", "sanction"),
        ("release", "prisonerrelease"),
        ("actor", "actor"),
    }
    for resource in descriptor["resources"]:
        del resource["hash"], resource["bytes"]
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    rows = (tmp_path / "evidence.csv").read_text()
    meeting = Evidence.objects.exclude(meeting=None).first().meeting.slug
    (tmp_path / "evidence.csv").write_text(
        rows.replace(f",{meeting},", ",no-such-meeting,", 1)
    )
    report = validate(tmp_path / "datapackage.json")
    [(kind, note)] = report.flatten(["type", "note"])
    assert kind == "foreign-key" and "no-such-meeting" in note


def test_evidence_of_a_draft_is_not_released(seeded, tmp_path):
    seeded.status = "draft"
    seeded.published_at = None
    seeded.save()

    package = releases.write_package(tmp_path)

    # The draft's evidence is not released; its published Hungarian
    # edition's is, quoting its own words.
    rows = releases.keyed_rows("evidence", package.tables["evidence"])
    assert {publication for publication, _number in rows} == {
        seeded.translations.get().slug
    }
    assert package.counts["evidence"] == seeded.translations.get().evidence.count()
