"""OAI-PMH at /oai/: every answer valid against the OAI-PMH schema (with the
oai_dc schema), each verb, oai_dc records of the published briefs, lists a
page at a time behind resumption tokens, and the protocol's errors."""

import pytest
from lxml import etree

from briefs.domain import publishing
from briefs.editions import oai
from briefs.models import Publication
from tests.factories import make_publication, make_translation
from tests.helpers import SEED_SLUG

pytestmark = pytest.mark.django_db

NS = {"o": oai.OAI, "dc": oai.DC, "oai_dc": oai.OAI_DC}
SEED_ID = f"oai:testserver:{SEED_SLUG}"


def harvest(client, method="get", **arguments):
    """The answer, checked against the schema (every answer a test reads)."""
    response = getattr(client, method)("/oai/", arguments)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    document = etree.fromstring(response.content)
    checker = oai.schema()
    assert checker.validate(etree.ElementTree(document)), checker.error_log
    return document


def error_of(document):
    error = document.find("o:error", NS)
    return error.get("code") if error is not None else None


def test_identify_names_the_repository(client, seeded):
    doc = harvest(client, verb="Identify")
    assert (
        doc.findtext("o:Identify/o:baseURL", namespaces=NS) == "http://testserver/oai/"
    )
    assert doc.findtext("o:Identify/o:protocolVersion", namespaces=NS) == "2.0"
    assert (
        doc.findtext("o:Identify/o:granularity", namespaces=NS)
        == "YYYY-MM-DDThh:mm:ssZ"
    )
    assert doc.find("o:request", NS).get("verb") == "Identify"


def test_list_metadata_formats_offers_oai_dc(client, seeded):
    doc = harvest(client, verb="ListMetadataFormats", identifier=SEED_ID)
    prefixes = doc.findall(".//o:metadataPrefix", NS)
    assert [prefix.text for prefix in prefixes] == ["oai_dc"]


def test_get_record_gives_the_brief_as_dublin_core(client, seeded):
    doc = harvest(client, verb="GetRecord", identifier=SEED_ID, metadataPrefix="oai_dc")
    assert doc.findtext(".//o:header/o:identifier", namespaces=NS) == SEED_ID
    dc = doc.find(".//oai_dc:dc", NS)
    assert dc.findtext("dc:title", namespaces=NS) == seeded.title
    assert dc.findtext("dc:creator", namespaces=NS) == "Ruslan Bortnik"
    assert dc.findtext("dc:date", namespaces=NS) == "2025-07-15"
    assert dc.findtext("dc:relation", namespaces=NS) == "HIIA Perspective 2025/1"
    identifiers = [node.text for node in dc.findall("dc:identifier", NS)]
    assert "https://doi.org/10.5555/hiia-perspective.2025.1" in identifiers


def test_a_record_relates_a_brief_s_editions_in_other_languages(client, seeded):
    hungarian = seeded.translations.get()

    def relations(slug):
        doc = harvest(
            client,
            verb="GetRecord",
            identifier=f"oai:testserver:{slug}",
            metadataPrefix="oai_dc",
        )
        return [node.text for node in doc.findall(".//dc:relation", NS)]

    assert relations(SEED_SLUG) == ["HIIA Perspective 2025/1", hungarian.doi_url]
    assert relations(hungarian.slug)[1:] == [seeded.doi_url]


def test_listing_records_costs_the_same_queries_at_two_and_at_ten_editions(
    client, seeded, django_assert_max_num_queries
):
    arguments = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    with django_assert_max_num_queries(12) as few:
        harvest(client, **arguments)
    for n in range(4):
        make_translation(make_publication(f"brief-{n}"))
    with django_assert_max_num_queries(len(few)):
        harvest(client, **arguments)


def test_a_harvest_pages_through_every_published_brief_once(
    client, seeded, monkeypatch
):
    monkeypatch.setattr(oai, "PAGE_SIZE", 2)
    for n in range(4):
        make_publication(f"brief-{n}")
    make_publication("a-draft", status=Publication.Status.DRAFT)
    seen, token, pages = [], None, 0
    while True:
        arguments = (
            {"resumptionToken": token} if token else {"metadataPrefix": "oai_dc"}
        )
        doc = harvest(
            client, "post" if pages % 2 else "get", verb="ListIdentifiers", **arguments
        )
        pages += 1
        seen += [node.text for node in doc.findall(".//o:header/o:identifier", NS)]
        resumption = doc.find(".//o:resumptionToken", NS)
        # The seed brief's two editions, each a record, and four briefs.
        assert resumption.get("completeListSize") == "6"
        token = resumption.text
        if not token:
            break
    assert pages == 3
    assert sorted(seen) == sorted(
        [SEED_ID, f"oai:testserver:{seeded.translations.get().slug}"]
        + [f"oai:testserver:brief-{n}" for n in range(4)]
    )


def test_list_records_filters_by_the_time_a_brief_changed(client, seeded, editor):
    brief = make_publication("later", status=Publication.Status.DRAFT)
    publishing.publication_publish(publication=brief, user=editor)
    brief.refresh_from_db()
    since = oai.utc(brief.updated_at)
    doc = harvest(
        client, verb="ListRecords", metadataPrefix="oai_dc", **{"from": since}
    )
    assert [n.text for n in doc.findall(".//o:header/o:identifier", NS)] == [
        "oai:testserver:later"
    ]
    doc = harvest(
        client, verb="ListRecords", metadataPrefix="oai_dc", until="2000-01-01"
    )
    assert error_of(doc) == "noRecordsMatch"


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"},
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "marc21"},
            "cannotDisseminateFormat",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "x"},
            "noSetHierarchy",
        ),
        ({"verb": "ListSets"}, "noSetHierarchy"),
        (
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x:y"},
            "idDoesNotExist",
        ),
        (
            {"verb": "ListIdentifiers", "resumptionToken": "forged"},
            "badResumptionToken",
        ),
    ],
)
def test_errors_are_the_protocol_s(client, seeded, arguments, code):
    doc = harvest(client, **arguments)
    assert error_of(doc) == code
    if code in {"badVerb", "badArgument"}:
        assert not doc.find("o:request", NS).attrib  # as the protocol says


def test_a_draft_is_not_there(client, db):
    make_publication("a-draft", status=Publication.Status.DRAFT)
    doc = harvest(
        client,
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier="oai:testserver:a-draft",
    )
    assert error_of(doc) == "idDoesNotExist"
