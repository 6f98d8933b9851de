"""/data/ lists the dataset releases, marking those that hold a brief since
withdrawn; every brief page and citation names the newest."""

import csv
import io
import zipfile

import pytest
from django.conf import settings
from django.core.management import call_command
from pytest_django.asserts import assertContains, assertNotContains

from briefs.models import DatasetRelease, Publication
from tests.factories import make_publication
from tests.helpers import BRIEF_URL, SEED_SLUG

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dataset_root(settings, tmp_path):
    settings.DATASET_ROOT = tmp_path / "datasets"


@pytest.fixture
def released(seeded):
    call_command("release_dataset", stdout=io.StringIO())
    return DatasetRelease.objects.get()


def test_the_data_page_lists_each_release_with_its_hash_and_download(client, released):
    response = client.get("/data/")
    assertContains(response, f"Version {released.version}")
    assertContains(response, released.content_hash)
    assertContains(response, f'href="/data/{released.version}.zip"')
    assertContains(response, released.citation)
    assertContains(response, "The first release.")


def test_the_data_page_shows_what_changed_since_the_release_before(
    client, released, seeded
):
    seeded.title = "A new title"
    seeded.save()
    call_command("release_dataset", stdout=io.StringIO())
    response = client.get("/data/")
    assertContains(response, "Rows changed since the release before")
    assertContains(
        response,
        '<th scope="row">publication</th><td>0</td><td>1</td><td>0</td>',
        html=False,
    )


def test_a_release_downloads_as_its_stored_zip(client, released):
    response = client.get(f"/data/{released.version}.zip")
    data = b"".join(response.streaming_content)
    assert response["Content-Disposition"].startswith("attachment;")
    assert len(data) == released.size
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert f"hiia-briefs-{released.version}/datapackage.json" in names
    assert client.get("/data/000000000000.zip").status_code == 404


def test_a_brief_page_links_the_newest_release(client, seeded):
    assertNotContains(client.get(BRIEF_URL), "The facts of this brief as data")
    call_command("release_dataset", stdout=io.StringIO())
    newest = DatasetRelease.objects.get()
    # A release empties the page cache: the link shows at once.
    response = client.get(BRIEF_URL)
    assertContains(response, "The facts of this brief as data")
    assertContains(response, f'href="/data/{newest.version}.zip"')


@pytest.mark.parametrize("extension", ["bib", "ris", "json"])
def test_a_citation_names_the_dataset_version(client, released, extension):
    body = client.get(f"{BRIEF_URL}cite.{extension}").content.decode()
    assert f"version {released.version}" in body
    assert f"http://testserver/data/{released.version}.zip" in body


def test_a_citation_names_no_dataset_before_the_first_release(client, seeded):
    assert "as data" not in client.get(f"{BRIEF_URL}cite.bib").content.decode()


def publications_in(release):
    """The slugs in a stored release's publication table."""
    with zipfile.ZipFile(settings.DATASET_ROOT / release.file_name) as archive:
        [name] = [n for n in archive.namelist() if n.endswith("/publication.csv")]
        rows = csv.DictReader(io.StringIO(archive.read(name).decode()))
        return [row["slug"] for row in rows]


def release_now():
    call_command("release_dataset", stdout=io.StringIO())
    return DatasetRelease.objects.latest()


def section_of(response, release):
    page = response.content.decode()
    start = page.index(f'id="version-{release.version}"')
    return page[start : page.index("</section>", start)]


@pytest.mark.parametrize("withdraw", ["unpublish", "delete"])
def test_a_withdrawn_brief_is_left_out_of_the_next_release_and_marked_in_the_ones_before(
    client, seeded_in_english, withdraw
):
    seeded = seeded_in_english
    other = make_publication("another-brief")
    before = release_now()
    assert SEED_SLUG in publications_in(before)
    if withdraw == "unpublish":
        seeded.status = Publication.Status.DRAFT
        seeded.save()
    else:
        seeded.delete()

    response = client.get("/data/")
    after = release_now()
    newest = client.get("/data/")

    assert publications_in(after) == [other.slug]
    assert f"<code>{SEED_SLUG}</code>" in section_of(response, before)
    assert "since withdrawn" in section_of(newest, before)
    assert "since withdrawn" not in section_of(newest, after)


def test_a_brief_published_again_is_no_longer_marked(client, seeded):
    release = release_now()
    seeded.status = Publication.Status.DRAFT
    seeded.save()
    assert "since withdrawn" in section_of(client.get("/data/"), release)
    seeded.status = Publication.Status.PUBLISHED
    seeded.save()
    assert "since withdrawn" not in section_of(client.get("/data/"), release)
