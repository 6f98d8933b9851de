"""The editions in a real browser: a write queues the PDF edition, the task
worker (a process of its own) makes it, and a reader follows the brief page's
PDF link and downloads its citations, each naming the DOI."""

import time

import pytest

from briefs.domain import publishing
from briefs.models import PdfEdition
from tests.helpers import SCREENSHOTS_DIR, SEED_SLUG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def wait_for_edition(publication, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        edition = PdfEdition.objects.filter(pk=publication.pk).exclude(etag="").first()
        if edition is not None:
            return edition
        time.sleep(0.5)
    raise AssertionError("the worker made no PDF edition")


def test_a_reader_opens_the_pdf_edition_and_downloads_the_citations(
    live_server, seeded, task_worker, page, settings
):
    settings.SITE_ORIGIN = live_server.url  # the page's absolute links, followed
    publishing.publication_save(publication=seeded, user=None)  # a write: a job
    edition = wait_for_edition(seeded)
    page.goto(f"{live_server.url}/briefs/{SEED_SLUG}/")
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    page.locator(".brief__header").screenshot(
        path=SCREENSHOTS_DIR / "brief-edition.png"
    )
    assert page.locator(".kicker").text_content() == "HIIA Perspective 2025/1"
    link = page.get_by_role("link", name="The PDF edition")
    href = link.get_attribute("href")
    assert href.endswith(f"/briefs/{SEED_SLUG}/edition.pdf")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body() == bytes(edition.pdf)
    assert (
        page.locator('meta[name="citation_pdf_url"]').get_attribute("content") == href
    )
    doi = "10.5555/hiia-perspective.2025.1"
    assert (
        page.get_by_role("link", name=doi).get_attribute("href")
        == f"https://doi.org/{doi}"
    )
    for name, extension, says in (
        ("BibTeX", "bib", "doi = {" + doi + "}"),
        ("RIS", "ris", "DO  - " + doi),
        ("CSL-JSON", "json", '"DOI": "' + doi + '"'),
    ):
        with page.expect_download() as download:
            page.get_by_role("link", name=name, exact=True).click()
        assert download.value.suggested_filename == f"{SEED_SLUG}.{extension}"
        assert says in open(download.value.path(), encoding="utf-8").read()
