"""Citing a brief: BibTeX, RIS and CSL-JSON downloads, and the "cite this" block."""

import json

import pytest

from tests.factories import make_publication
from tests.helpers import BRIEF_URL, SEED_SLUG, text_of

pytestmark = pytest.mark.django_db


def test_bibtex_download_cites_the_brief(client, seeded):
    response = client.get(BRIEF_URL + "cite.bib")
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert 'filename="' + SEED_SLUG + '.bib"' in response["Content-Disposition"]
    body = response.content.decode()
    assert body.startswith("@techreport{bortnik2025kellogg,")
    assert "author = {Bortnik, Ruslan}" in body
    assert "institution = {Hungarian Institute of International Affairs}" in body
    assert "month = jul," in body
    assert "Aronson" not in body


def test_ris_download_cites_the_brief(client, seeded):
    response = client.get(BRIEF_URL + "cite.ris")
    lines = response.content.decode().split("\r\n")
    assert lines[0] == "TY  - RPRT"
    assert "AU  - Bortnik, Ruslan" in lines
    assert "DA  - 2025/07/15/" in lines
    assert "T3  - HIIA Perspective" in lines
    assert lines[-2] == "ER  - "


def test_csl_json_download_cites_the_brief(client, seeded):
    response = client.get(BRIEF_URL + "cite.json")
    assert response["Content-Type"].startswith(
        "application/vnd.citationstyles.csl+json"
    )
    [item] = json.loads(response.content)
    assert item["type"] == "report"
    assert item["author"] == [{"given": "Ruslan", "family": "Bortnik"}]
    assert item["issued"] == {"date-parts": [[2025, 7, 15]]}
    assert item["collection-title"] == "HIIA Perspective"
    assert item["URL"] == "http://testserver" + BRIEF_URL


def test_bibtex_escapes_latex_special_characters(client):
    brief = make_publication(title="Sanctions & 100% of {trade}_now")
    body = client.get(brief.get_absolute_url() + "cite.bib").content.decode()
    assert r"title = {{Sanctions \& 100\% of \{trade\}\_now}}" in body


def test_cite_this_block_gives_a_ready_citation(client, seeded):
    assert (
        "Bortnik, Ruslan. “A Turning Point or Merely a Tactical Move? Kellogg's Visit to "
        "Belarus and What It Might Mean.” HIIA Perspective 2025/1. Hungarian "
        "Institute of International Affairs, 15 July 2025. "
        "https://doi.org/10.5555/hiia-perspective.2025.1"
    ) in text_of(client.get(BRIEF_URL))


SEED_DOI = "10.5555/hiia-perspective.2025.1"


def test_every_citation_format_carries_the_series_number_and_doi(
    client, seeded, settings
):
    settings.SERIES_ISSN = "0317-8471"
    bib = client.get(BRIEF_URL + "cite.bib").content.decode()
    assert "number = {2025/1}" in bib
    assert "doi = {" + SEED_DOI + "}" in bib
    ris = client.get(BRIEF_URL + "cite.ris").content.decode().split("\r\n")
    assert "IS  - 2025/1" in ris
    assert "DO  - " + SEED_DOI in ris
    assert "SN  - 0317-8471" in ris
    [item] = json.loads(client.get(BRIEF_URL + "cite.json").content)
    assert item["number"] == "2025/1"
    assert item["DOI"] == SEED_DOI
    assert item["ISSN"] == "0317-8471"


def test_the_doi_follows_the_prefix_setting(client, seeded, settings):
    settings.DOI_PREFIX = "10.18449"
    bib = client.get(BRIEF_URL + "cite.bib").content.decode()
    assert "doi = {10.18449/hiia-perspective.2025.1}" in bib


def test_the_page_head_says_a_report_with_its_number_and_doi(client, seeded):
    page = client.get(BRIEF_URL).content.decode()
    assert (
        '<meta name="citation_technical_report_institution" '
        'content="Hungarian Institute of International Affairs">'
    ) in page
    assert '<meta name="citation_technical_report_number" content="2025/1">' in page
    assert f'<meta name="citation_doi" content="{SEED_DOI}">' in page


def test_the_page_and_its_json_ld_show_the_series_number_and_doi(client, seeded):
    response = client.get(BRIEF_URL)
    text = text_of(response)
    assert "HIIA Perspective 2025/1" in text
    assert f"DOI: {SEED_DOI}" in text
    page = response.content.decode()
    script = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    data = json.loads(script)
    assert data["reportNumber"] == "2025/1"
    assert data["identifier"]["value"] == SEED_DOI
    assert data["sameAs"] == "https://doi.org/" + SEED_DOI


def test_a_brief_without_a_number_cites_no_number_nor_doi(client):
    brief = make_publication()  # made public outside the service: no number
    bib = client.get(brief.get_absolute_url() + "cite.bib").content.decode()
    assert "number =" not in bib and "doi =" not in bib
    page = client.get(brief.get_absolute_url()).content.decode()
    assert "citation_doi" not in page
