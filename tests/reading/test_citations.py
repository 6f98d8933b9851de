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
        "Belarus and What It Might Mean.” HIIA Perspective. Hungarian Institute of "
        "International Affairs, 15 July 2025. http://testserver" + BRIEF_URL
    ) in text_of(client.get(BRIEF_URL))
