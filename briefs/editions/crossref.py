"""
Briefs as a Crossref deposit: ``report-paper`` records of schema 5.3.1
(``manage.py crossref_deposit``), each checked against the XSD kept in
``schemas/crossref/`` before it is written.

A brief is deposited as a report in its series: the series' title and ISSN
(``SERIES_ISSN``), the brief's authors with their ORCID iDs where known,
title, abstract, date, publisher and institution, its number in the series
as the report number, its DOI with the landing page and the PDF edition, its
source notes with their URLs as references, and the newest dataset release
that holds its facts as a relation. A brief without a number (never
published), a series without an ISSN or a depositor without an e-mail
address is refused, naming what is missing.
"""

import functools
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from lxml import etree

from briefs.reading import selectors
from briefs.reading.citations import split_name
from briefs.reading.links import absolute, absolute_url_of

VERSION = "5.3.1"
NS = f"http://www.crossref.org/schema/{VERSION}"
JATS = "http://www.ncbi.nlm.nih.gov/JATS1"
REL = "http://www.crossref.org/relations.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = Path(__file__).resolve().parent / "schemas" / "crossref" / "crossref5.3.1.xsd"


class DepositError(Exception):
    """A deposit that cannot be made, with what is missing."""


@functools.cache
def schema():
    """The Crossref deposit schema, compiled once a process (it imports JATS and MathML)."""
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


def validated(document):
    """``document``, or DepositError naming the first place the schema refuses."""
    checker = schema()
    if not checker.validate(document):
        error = checker.error_log[0]
        raise DepositError(f"Line {error.line}: {error.message}")
    return document


def element(parent, tag, text=None, ns=NS, **attributes):
    node = etree.SubElement(parent, f"{{{ns}}}{tag}", attributes)
    if text is not None:
        node.text = str(text)
    return node


def check_ready(publications):
    problems = []
    if not settings.SERIES_ISSN:
        problems.append("The series has no ISSN: set HIIA_SERIES_ISSN.")
    if not settings.CROSSREF_DEPOSITOR_EMAIL:
        problems.append("The depositor has no e-mail address: set HIIA_CROSSREF_EMAIL.")
    for publication in publications:
        if not publication.doi:
            problems.append(
                f"“{publication.slug}” has no DOI: a brief gets its number, and "
                "with it its DOI, when it is first published."
            )
    if problems:
        raise DepositError(" ".join(problems))


def deposit(publications, now=None):
    """The deposit XML (bytes) of ``publications`` (as ``deposit_briefs`` reads them), validated."""
    check_ready(publications)
    now = now or timezone.now()
    root = etree.Element(
        f"{{{NS}}}doi_batch",
        {"version": VERSION, f"{{{XSI}}}schemaLocation": f"{NS} {SCHEMA.name}"},
        nsmap={None: NS, "jats": JATS, "rel": REL, "xsi": XSI},
    )
    head = element(root, "head")
    element(head, "doi_batch_id", f"hiia-{now:%Y%m%d%H%M%S}")
    # Crossref keeps the deposit with the greatest timestamp: milliseconds.
    element(head, "timestamp", f"{now:%Y%m%d%H%M%S}{now.microsecond // 1000:03d}")
    depositor = element(head, "depositor")
    element(depositor, "depositor_name", settings.CROSSREF_DEPOSITOR_NAME)
    element(depositor, "email_address", settings.CROSSREF_DEPOSITOR_EMAIL)
    element(head, "registrant", settings.CROSSREF_DEPOSITOR_NAME)
    body = element(root, "body")
    dataset = selectors.latest_dataset()
    for publication in publications:
        report(body, publication, dataset)
    document = etree.ElementTree(root)
    validated(document)
    return etree.tostring(
        document, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def report(body, publication, dataset):
    paper = element(body, "report-paper")
    metadata = element(
        paper, "report-paper_series_metadata", language=publication.language
    )
    series = element(metadata, "series_metadata")
    element(element(series, "titles"), "title", publication.series)
    element(series, "issn", settings.SERIES_ISSN, media_type="electronic")
    contributors(metadata, publication)
    element(element(metadata, "titles"), "title", publication.title)
    if publication.summary:
        abstract = element(metadata, "abstract", ns=JATS)
        element(abstract, "p", " ".join(publication.summary.split()), ns=JATS)
    date = publication.publication_date
    published = element(metadata, "publication_date", media_type="online")
    element(published, "month", f"{date.month:02d}")
    element(published, "day", f"{date.day:02d}")
    element(published, "year", date.year)
    element(element(metadata, "publisher"), "publisher_name", publication.publisher)
    element(element(metadata, "institution"), "institution_name", publication.publisher)
    item = element(metadata, "publisher_item")
    element(item, "identifier", publication.report_number, id_type="report-number")
    doi_data = element(metadata, "doi_data")
    element(doi_data, "doi", publication.doi)
    element(doi_data, "resource", absolute_url_of(publication))
    if getattr(publication, "pdf_etag", None):
        mining = element(doi_data, "collection", property="text-mining")
        element(
            element(mining, "item"),
            "resource",
            absolute(selectors.pdf_path(publication)),
            mime_type="application/pdf",
        )
    references(metadata, publication)
    relations(metadata, publication, dataset)


def relations(metadata, publication, dataset):
    """Its editions in other languages that have a DOI (the same work:
    intra-work relations), and the dataset release that supplements it."""
    related = []  # (description, kind, relationship, identifier type, identifier)
    original = publication.translation_of
    if original is not None and original.is_published and original.doi:
        related.append(
            (original.title, "intra", "isTranslationOf", "doi", original.doi)
        )
    for translation in publication.published_translations:
        if translation.doi:
            related.append(
                (translation.title, "intra", "hasTranslation", "doi", translation.doi)
            )
    if dataset is not None:
        related.append(
            (
                dataset.citation,
                "inter",
                "isSupplementedBy",
                "uri",
                absolute_url_of(dataset),
            )
        )
    if not related:
        return
    program = element(metadata, "program", ns=REL)
    for description, kind, relationship, identifier_type, identifier in related:
        item = element(program, "related_item", ns=REL)
        element(item, "description", description, ns=REL)
        element(
            item,
            f"{kind}_work_relation",
            identifier,
            ns=REL,
            **{"relationship-type": relationship, "identifier-type": identifier_type},
        )


def contributors(metadata, publication):
    credited = [
        credit for credit in publication.contributions.all() if credit.role == "author"
    ]
    if not credited:
        return
    people = element(metadata, "contributors")
    for index, credit in enumerate(credited):
        author = credit.author
        given, family = split_name(author.name)
        person = element(
            people,
            "person_name",
            sequence="first" if index == 0 else "additional",
            contributor_role="author",
        )
        if given:
            element(person, "given_name", given)
        element(person, "surname", family)
        if author.affiliation:
            affiliations = element(person, "affiliations")
            element(
                element(affiliations, "institution"),
                "institution_name",
                author.affiliation,
            )
        if author.orcid:
            element(person, "ORCID", author.orcid_url)


def references(metadata, publication):
    sources = list(publication.source_references.all())
    if not sources:
        return
    listed = element(metadata, "citation_list")
    for source in sources:
        citation = element(listed, "citation", key=f"ref{source.number}")
        text = (
            source.anchor_text
            if not source.url
            else f"{source.anchor_text}. {source.url}"
        )
        element(citation, "unstructured_citation", text)
