"""
A dataset release as DataCite metadata (kernel 4.5), for registering it
with a DataCite DOI: ``/data/<version>.datacite.xml`` and
``manage.py datacite_metadata VERSION``.

The record is made as DataCite's JSON, checked by the ``datacite``
package's schema validator (``schema45``), and written as its XML. It names
the release's DOI (``DOI_PREFIX``/``hiia-briefs.<version>``), the institute
as creator and publisher, the title, year, version, size, format, licence
and description of the package, the date it was released, the briefs it
holds (by DOI, where they have one: ``IsSupplementTo``) and the release
before it (``IsNewVersionOf``).
"""

from datacite import schema45
from django.conf import settings
from django.utils.text import slugify

from briefs.exchange.releases import DESCRIPTION, LICENSE, NAME
from briefs.models import DATASET_PUBLISHER, DATASET_TITLE, DatasetRelease, Publication
from briefs.reading.links import absolute, absolute_url_of


class MetadataError(Exception):
    """A record the DataCite schema refuses, with where and why."""


def release_doi(release):
    return f"{settings.DOI_PREFIX}/{slugify(NAME)}.{release.version}"


def metadata(release):
    """DataCite JSON (kernel 4.5) of ``release``, checked by the schema."""
    data = {
        "doi": release_doi(release),
        "url": absolute_url_of(release),
        "types": {"resourceTypeGeneral": "Dataset", "resourceType": "Data package"},
        "creators": [{"name": DATASET_PUBLISHER, "nameType": "Organizational"}],
        "titles": [{"title": DATASET_TITLE}],
        "publisher": {"name": DATASET_PUBLISHER},
        "publicationYear": str(release.released_at.year),
        "dates": [
            {"date": release.released_at.date().isoformat(), "dateType": "Issued"}
        ],
        "language": "en",
        "version": release.version,
        "sizes": [f"{release.size} bytes", f"{release.rows} rows"],
        "formats": ["application/zip", "text/csv"],
        "rightsList": [
            {
                "rights": LICENSE["title"],
                "rightsUri": LICENSE["path"],
                "rightsIdentifier": LICENSE["name"].lower(),
                "rightsIdentifierScheme": "SPDX",
            }
        ],
        "descriptions": [{"description": DESCRIPTION, "descriptionType": "Abstract"}],
        "relatedIdentifiers": related(release),
        "schemaVersion": "http://datacite.org/schema/kernel-4",
    }
    data = {key: value for key, value in data.items() if value}
    errors = sorted(schema45.validator.iter_errors(data), key=lambda e: list(e.path))
    if errors:
        error = errors[0]
        where = "/".join(str(part) for part in error.path) or "the record"
        raise MetadataError(f"{where}: {error.message}")
    return data


def related(release):
    """The briefs the release holds, by DOI, and the release before it."""
    held = Publication.objects.filter(slug__in=release.briefs or ()).order_by("slug")
    identifiers = [
        {
            "relatedIdentifier": brief.doi,
            "relatedIdentifierType": "DOI",
            "relationType": "IsSupplementTo",
        }
        for brief in held
        if brief.doi
    ]
    before = (
        DatasetRelease.objects.filter(released_at__lt=release.released_at)
        .order_by("-released_at")
        .first()
    )
    if before is not None:
        identifiers.append(
            {
                "relatedIdentifier": release_doi(before),
                "relatedIdentifierType": "DOI",
                "relationType": "IsNewVersionOf",
            }
        )
    identifiers.append(
        {
            "relatedIdentifier": absolute("/data/"),
            "relatedIdentifierType": "URL",
            "relationType": "IsPartOf",
        }
    )
    return identifiers


def metadata_xml(release):
    """The record as DataCite's XML (bytes)."""
    return schema45.tostring(metadata(release)).encode()
