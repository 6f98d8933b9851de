"""The Crossref deposit: report-paper records of schema 5.3.1, every one
checked against the XSD kept in the repository, with what Crossref needs of a
report in a series; a brief or a setting missing is refused, naming it."""

import io

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from briefs.domain import publishing
from briefs.editions import crossref
from briefs.editions import pdf as editions
from briefs.models import Publication
from tests.factories import (
    make_author,
    make_contribution,
    make_publication,
    make_section,
    make_source_reference,
)
from tests.helpers import SEED_SLUG, shipped_edition

pytestmark = [
    pytest.mark.django_db,
    # On one xdist worker: each process compiles Crossref's schema (with JATS
    # and MathML) once, 2-3 s of CPU.
    pytest.mark.xdist_group("crossref-schema"),
]

NS = {"c": crossref.NS, "rel": crossref.REL, "jats": crossref.JATS}
ISSN = "0317-8471"


@pytest.fixture
def deposit_settings(settings):
    settings.SERIES_ISSN = ISSN
    settings.CROSSREF_DEPOSITOR_EMAIL = "doi@example.org"
    return settings


def deposited(*slugs):
    out = io.StringIO()
    call_command("crossref_deposit", *slugs, stdout=out)
    xml = out.getvalue().encode()
    # Every deposit a test makes is checked against the schema again, here.
    document = etree.fromstring(xml)
    assert crossref.schema().validate(etree.ElementTree(document))
    return document


def text(document, path):
    return document.findtext(path, namespaces=NS)


def test_the_seed_brief_is_deposited_as_a_report_in_its_series(
    seeded, deposit_settings
):
    editions.make_edition(seeded.pk)
    doc = deposited(SEED_SLUG)
    meta = doc.find(".//c:report-paper/c:report-paper_series_metadata", NS)
    assert meta.get("language") == "en"
    assert text(meta, "c:series_metadata/c:titles/c:title") == "HIIA Perspective"
    assert text(meta, "c:series_metadata/c:issn") == ISSN
    assert text(meta, "c:titles/c:title") == seeded.title
    person = meta.find("c:contributors/c:person_name", NS)
    assert (text(person, "c:given_name"), text(person, "c:surname")) == (
        "Ruslan",
        "Bortnik",
    )
    assert person.get("sequence") == "first"
    assert text(meta, "c:publication_date/c:year") == "2025"
    assert text(meta, "c:publication_date/c:month") == "07"
    assert text(meta, "c:institution/c:institution_name") == seeded.publisher
    assert text(meta, "c:publisher_item/c:identifier") == "2025/1"
    assert text(meta, "c:doi_data/c:doi") == "10.5555/hiia-perspective.2025.1"
    assert (
        text(meta, "c:doi_data/c:resource")
        == "http://testserver/briefs/" + SEED_SLUG + "/"
    )
    pdf = meta.find("c:doi_data/c:collection/c:item/c:resource", NS)
    assert (
        pdf.text.endswith("/edition.pdf") and pdf.get("mime_type") == "application/pdf"
    )
    assert len(meta.findall("c:citation_list/c:citation", NS)) == 21
    assert text(meta, "jats:abstract/jats:p").startswith("At the end of June 2025")


def test_an_author_s_orcid_and_a_dataset_release_are_carried(
    deposit_settings, editor, tmp_path
):
    brief = make_publication("with-orcid", status=Publication.Status.DRAFT)
    author = make_author("an-author", name="Ada Lovelace", orcid="0000-0002-1825-0097")
    make_contribution(brief, author)
    make_section(brief, body="As [a report][1] says.")
    make_source_reference(brief, 1, "a report", "https://example.org/report")
    publishing.publication_publish(publication=brief, user=editor)
    from django.utils import timezone

    from briefs.models import DatasetRelease

    DatasetRelease.objects.create(
        version="abc123",
        content_hash="f" * 64,
        released_at=timezone.now(),
        file_name="x.zip",
        size=1,
        counts={},
    )
    doc = deposited("with-orcid")
    assert (
        text(doc, ".//c:person_name/c:ORCID") == "https://orcid.org/0000-0002-1825-0097"
    )
    assert text(doc, ".//c:citation/c:unstructured_citation") == (
        "a report. https://example.org/report"
    )
    relation = doc.find(".//rel:inter_work_relation", NS)
    assert relation.get("relationship-type") == "isSupplementedBy"
    assert relation.text.endswith("/data/abc123.zip")


def test_a_brief_and_its_translation_name_each_other_by_doi(seeded, deposit_settings):
    hungarian = Publication.objects.get(slug=shipped_edition("hu")["slug"])
    doc = deposited(SEED_SLUG, hungarian.slug)
    original, translation = doc.findall(".//c:report-paper_series_metadata", NS)

    def relations(meta):
        return [
            (relation.get("relationship-type"), relation.text)
            for relation in meta.findall(".//rel:intra_work_relation", NS)
        ]

    assert translation.get("language") == "hu"
    assert relations(original) == [("hasTranslation", hungarian.doi)]
    assert relations(translation) == [("isTranslationOf", seeded.doi)]


def test_several_briefs_go_into_one_deposit(seeded, deposit_settings, editor):
    other = make_publication(
        "another", status=Publication.Status.DRAFT, series=seeded.series
    )
    publishing.publication_publish(publication=other, user=editor)
    doc = deposited(SEED_SLUG, "another")
    assert [e.text for e in doc.findall(".//c:doi_data/c:doi", NS)] == [
        "10.5555/hiia-perspective.2025.1",
        "10.5555/hiia-perspective.2025.2",
    ]


def test_what_is_missing_is_named_and_nothing_is_written(seeded, settings, tmp_path):
    settings.SERIES_ISSN = ""
    settings.CROSSREF_DEPOSITOR_EMAIL = ""
    out = tmp_path / "deposit.xml"
    with pytest.raises(CommandError, match="HIIA_SERIES_ISSN.*HIIA_CROSSREF_EMAIL"):
        call_command("crossref_deposit", SEED_SLUG, "-o", str(out))
    assert not out.exists()
    with pytest.raises(CommandError, match="No published brief with slug “a-draft”"):
        make_publication("a-draft", status=Publication.Status.DRAFT)
        call_command("crossref_deposit", "a-draft")


def test_a_brief_without_a_number_has_no_doi_to_deposit(deposit_settings):
    make_publication("not-numbered")  # made public outside the service
    with pytest.raises(CommandError, match="“not-numbered” has no DOI"):
        call_command("crossref_deposit", "not-numbered")


def test_the_schema_refuses_what_crossref_would(seeded, deposit_settings):
    xml = crossref.deposit(list(crossref.selectors.deposited_briefs()))
    document = etree.fromstring(xml)
    document.find(".//c:publication_date/c:year", NS).text = "twenty"
    with pytest.raises(crossref.DepositError, match="year"):
        crossref.validated(etree.ElementTree(document))
