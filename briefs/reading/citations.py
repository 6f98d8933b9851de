"""
A brief as reference managers and search engines read it.

BibTeX, RIS and CSL-JSON downloads, the "Cite this" line, schema.org
JSON-LD and Highwire Press ``citation_*`` meta tags, all from one
``Citation``, so the formats cannot disagree about a brief.
"""

import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from briefs.domain import dates
from briefs.models import Contribution


def split_name(name):
    """(given, family) of a person's name: the last word is the family name.

    Right for the names briefs carry ("Ruslan Bortnik"); a name written
    "Family, Given" is honoured as such.
    """
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return given, family
    *given, family = name.split()
    return " ".join(given), family


@dataclass
class Citation:
    publication: object
    url: str
    # The newest dataset release and its download address: a citation names
    # the version of the data a reader used.
    dataset: object = None
    dataset_url: str = ""
    # The brief's PDF edition, once made (briefs.editions).
    pdf_url: str = ""

    @property
    def dataset_note(self):
        if self.dataset is None:
            return ""
        return gettext("Its facts as data: {dataset}, {url}").format(
            dataset=self.dataset, url=self.dataset_url
        )

    @property
    def authors(self):
        # Contributions are prefetched with their authors, in credit order.
        return [
            contribution.author
            for contribution in self.publication.contributions.all()
            if contribution.role == Contribution.Role.AUTHOR
        ]

    @property
    def key(self):
        """A BibTeX key: first author's family name, year, first word of the slug."""
        authors = self.authors
        family = split_name(authors[0].name)[1] if authors else "anon"
        stem = re.sub(r"[^A-Za-z0-9]", "", family).lower() or "anon"
        first = self.publication.slug.split("-")[0]
        return f"{stem}{self.publication.publication_date.year}{first}"

    # --- The "Cite this" line ---------------------------------------------------

    def text(self):
        """Chicago style: Family, Given, and Given Family. “Title.” Series. Publisher, date. URL."""
        names = []
        for index, author in enumerate(self.authors):
            given, family = split_name(author.name)
            names.append(f"{family}, {given}" if index == 0 and given else author.name)
        if len(names) > 1:
            # Chicago's serial comma is English; the catalogue says each
            # language's way (Hungarian has none).
            joined, last = ", ".join(names[:-1]), names[-1]
            if len(names) > 2:
                names = [gettext("{names}, and {last}").format(names=joined, last=last)]
            else:
                names = [gettext("{name} and {last}").format(name=joined, last=last)]
        publication = self.publication
        date = publication.publication_date
        parts = [
            f"{names[0]}." if names else "",
            f"“{publication.title.rstrip('.')}.”",
            f"{publication.series_label}." if publication.series else "",
            # "2025. július 15." ends with its own full stop.
            f"{publication.publisher}, "
            f"{dates.render(date, dates.DatePrecision.DAY).rstrip('.')}.",
            publication.doi_url or self.url,
        ]
        return " ".join(part for part in parts if part)

    # --- BibTeX -----------------------------------------------------------------

    def bibtex(self):
        publication = self.publication
        date = publication.publication_date
        fields = [
            (
                "author",
                " and ".join(bibtex_name(author.name) for author in self.authors),
            ),
            ("title", "{" + bibtex_escape(publication.title) + "}"),
            ("type", bibtex_escape(publication.series)),
            ("number", bibtex_escape(publication.report_number)),
            ("institution", bibtex_escape(publication.publisher)),
            ("year", str(date.year)),
            ("month", f"{date:%b}".lower()),
            ("date", date.isoformat()),
            ("doi", publication.doi),
            ("url", self.url),
            ("abstract", bibtex_escape(publication.summary)),
            ("note", bibtex_escape(self.dataset_note)),
        ]
        body = ",\n".join(
            # Months are BibTeX macros (jan, feb, …): bare, not braced.
            f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
            for name, value in fields
            if value
        )
        return f"@techreport{{{self.key},\n{body}\n}}\n"

    # --- RIS ----------------------------------------------------------------------

    def ris(self):
        publication = self.publication
        date = publication.publication_date
        lines = [("TY", "RPRT")]
        lines += [("AU", ris_name(author.name)) for author in self.authors]
        lines += [
            ("TI", publication.title),
            ("T3", publication.series),
            ("IS", publication.report_number),
            ("SN", settings.SERIES_ISSN if publication.series_number else ""),
            ("PB", publication.publisher),
            ("PY", str(date.year)),
            ("DA", f"{date:%Y/%m/%d}/"),
            ("AB", " ".join(publication.summary.split())),
            ("LA", publication.language),
            ("DO", publication.doi),
            ("UR", self.url),
            ("L1", self.pdf_url),
            ("N1", self.dataset_note),
            ("ER", ""),
        ]
        # RIS wants "TAG  - value" and CRLF line ends.
        return "".join(
            f"{tag}  - {value}\r\n" for tag, value in lines if value or tag == "ER"
        )

    # --- CSL-JSON -----------------------------------------------------------------

    def csl(self):
        publication = self.publication
        date = publication.publication_date
        item = {
            "id": self.key,
            "type": "report",
            "title": publication.title,
            "author": [
                dict(zip(("given", "family"), split_name(author.name), strict=True))
                for author in self.authors
            ],
            "issued": {"date-parts": [[date.year, date.month, date.day]]},
            "publisher": publication.publisher,
            "collection-title": publication.series,
            "genre": publication.series,
            "number": publication.report_number,
            "ISSN": settings.SERIES_ISSN if publication.series_number else "",
            "DOI": publication.doi,
            "abstract": publication.summary,
            "language": publication.language,
            "URL": self.url,
            "note": self.dataset_note,
        }
        return [{key: value for key, value in item.items() if value}]

    def csl_json(self):
        return json.dumps(self.csl(), ensure_ascii=False, indent=2) + "\n"

    # --- In the page's head -----------------------------------------------------

    def json_ld(self, author_urls=None, actors=(), claims=(), editions=()):
        """schema.org Report, as a <script type="application/ld+json"> body.

        ``claims`` are the facts the brief states, as schema.org Claims
        (``selectors.claims``): parts of the report (``hasPart``).
        ``editions`` are its other published editions (edition, address): the
        original names its translations (``workTranslation``), a
        translation its original (``translationOfWork``).
        """
        publication = self.publication
        author_urls = author_urls or {}
        data = {
            "@context": "https://schema.org",
            "@type": "Report",
            "headline": publication.title,
            "name": publication.title,
            "url": self.url,
            "datePublished": publication.publication_date.isoformat(),
            "dateModified": publication.updated_at.isoformat(),
            "author": [
                {
                    "@type": "Person",
                    "name": author.name,
                    **({"jobTitle": author.position} if author.position else {}),
                    **(
                        {"url": author_urls[author.pk]}
                        if author.pk in author_urls
                        else {}
                    ),
                    **({"sameAs": author.orcid_url} if author.orcid else {}),
                }
                for author in self.authors
            ],
            "publisher": {
                "@type": "Organization",
                "name": publication.publisher,
                **(
                    {"url": publication.publisher_url}
                    if publication.publisher_url
                    else {}
                ),
            },
            "isPartOf": {
                "@type": "CreativeWorkSeries",
                "name": publication.series,
                **({"issn": settings.SERIES_ISSN} if settings.SERIES_ISSN else {}),
            },
            "reportNumber": publication.report_number,
            "identifier": (
                {
                    "@type": "PropertyValue",
                    "propertyID": "DOI",
                    "value": publication.doi,
                }
                if publication.doi
                else ""
            ),
            "sameAs": publication.doi_url,
            "encoding": (
                {
                    "@type": "MediaObject",
                    "encodingFormat": "application/pdf",
                    "contentUrl": self.pdf_url,
                }
                if self.pdf_url
                else ""
            ),
            "abstract": publication.summary,
            "inLanguage": publication.language,
            "workTranslation": [
                schema_edition(edition, url)
                for edition, url in editions
                if edition.translation_of_id == publication.pk
            ],
            "translationOfWork": next(
                (
                    schema_edition(edition, url)
                    for edition, url in editions
                    if edition.pk == publication.translation_of_id
                ),
                "",
            ),
            "creativeWorkStatus": (
                "Unofficial translation" if publication.unofficial_translation else ""
            ),
            "copyrightNotice": publication.copyright_line,
            "mentions": [schema_thing(actor) for actor in actors],
            "hasPart": list(claims),
        }
        data = {key: value for key, value in data.items() if value}
        return script_safe_json(data)

    def highwire(self):
        """(name, content) pairs of Highwire Press meta tags, as Google Scholar reads them."""
        publication = self.publication
        tags = [("citation_title", publication.title)]
        tags += [("citation_author", author.name) for author in self.authors]
        tags += [
            ("citation_publication_date", f"{publication.publication_date:%Y/%m/%d}"),
            ("citation_technical_report_institution", publication.publisher),
            ("citation_technical_report_number", publication.report_number),
            ("citation_doi", publication.doi),
            (
                "citation_issn",
                settings.SERIES_ISSN if publication.series_number else "",
            ),
            ("citation_pdf_url", self.pdf_url),
            ("citation_publisher", publication.publisher),
            ("citation_series_title", publication.series),
            ("citation_abstract_html_url", self.url),
            ("citation_language", publication.language),
        ]
        return [(name, content) for name, content in tags if content]


SCHEMA_TYPES = {"person": "Person", "state": "Country", "organization": "Organization"}


def schema_edition(edition, url):
    """Another edition of a brief, as its JSON-LD names it."""
    return {
        "@type": "Report",
        "name": edition.title,
        "url": url,
        "inLanguage": edition.language,
    }


def schema_thing(actor):
    thing = {"@type": SCHEMA_TYPES.get(actor.kind, "Thing"), "name": actor.name}
    if actor.wikidata_id:
        thing["sameAs"] = f"https://www.wikidata.org/wiki/{actor.wikidata_id}"
    return thing


def script_safe_json(data):
    """JSON that cannot close the <script> element it sits in."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 (no "<", ">" or "&" left)


BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\^{}",
    **{char: "\\" + char for char in "&%$#_{}"},
}
BIBTEX_SPECIAL = re.compile("|".join(re.escape(char) for char in BIBTEX_ESCAPES))


def bibtex_escape(text):
    """Text as a BibTeX field holds it: LaTeX's special characters escaped, one line."""
    escaped = BIBTEX_SPECIAL.sub(lambda match: BIBTEX_ESCAPES[match.group()], text)
    return " ".join(escaped.split())


def bibtex_name(name):
    given, family = split_name(name)
    return bibtex_escape(f"{family}, {given}" if given else family)


def ris_name(name):
    given, family = split_name(name)
    return f"{family}, {given}" if given else family
