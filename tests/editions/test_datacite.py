"""A dataset release's DataCite metadata: every record checked by the
``datacite`` package's schema validator (kernel 4.5), served and written as
XML, naming the briefs it holds by DOI and the release before it."""

import io
import json

import pytest
from datacite import schema45
from django.core.management import CommandError, call_command
from lxml import etree

from briefs.domain import publishing
from briefs.editions import datacite
from briefs.models import DatasetRelease, Publication
from tests.factories import make_publication

pytestmark = pytest.mark.django_db

KERNEL = {"d": "http://datacite.org/schema/kernel-4"}


@pytest.fixture(autouse=True)
def dataset_root(settings, tmp_path):
    settings.DATASET_ROOT = tmp_path / "datasets"


def released(tmp_path, name):
    call_command("release_dataset", "-o", str(tmp_path / name), stdout=io.StringIO())
    return DatasetRelease.objects.order_by("-released_at").first()


def test_a_release_is_described_as_datacite_wants_it(seeded, tmp_path):
    release = released(tmp_path, "one")
    data = datacite.metadata(release)
    assert schema45.validate(data)
    assert data["doi"] == f"10.5555/hiia-briefs.{release.version}"
    assert data["types"]["resourceTypeGeneral"] == "Dataset"
    assert data["version"] == release.version
    assert {
        "relatedIdentifier": "10.5555/hiia-perspective.2025.1",
        "relatedIdentifierType": "DOI",
        "relationType": "IsSupplementTo",
    } in data["relatedIdentifiers"]


def test_a_later_release_is_a_new_version_of_the_one_before(seeded, tmp_path, editor):
    first = released(tmp_path, "one")
    brief = make_publication("another", status=Publication.Status.DRAFT)
    publishing.publication_publish(publication=brief, user=editor)
    second = released(tmp_path, "two")
    data = datacite.metadata(second)
    assert schema45.validate(data)
    assert {
        "relatedIdentifier": datacite.release_doi(first),
        "relatedIdentifierType": "DOI",
        "relationType": "IsNewVersionOf",
    } in data["relatedIdentifiers"]


def test_the_xml_is_served_and_written_by_the_command(client, seeded, tmp_path):
    release = released(tmp_path, "one")
    response = client.get(f"/data/{release.version}.datacite.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = etree.fromstring(response.content)
    assert root.findtext("d:identifier", namespaces=KERNEL) == datacite.release_doi(
        release
    )
    assert root.find("d:identifier", KERNEL).get("identifierType") == "DOI"
    out = io.StringIO()
    call_command("datacite_metadata", release.version, "--json", stdout=out)
    assert schema45.validate(json.loads(out.getvalue()))


def test_a_record_the_schema_refuses_is_an_error_naming_where(
    seeded, tmp_path, monkeypatch
):
    release = released(tmp_path, "one")
    monkeypatch.setattr(
        datacite, "related", lambda release: [{"relatedIdentifier": "x"}]
    )
    with pytest.raises(CommandError, match="relatedIdentifiers/0: 'relat"):
        call_command("datacite_metadata", release.version)


def test_an_unknown_version_is_named(db):
    with pytest.raises(CommandError, match="No dataset release with version “nope”"):
        call_command("datacite_metadata", "nope")
