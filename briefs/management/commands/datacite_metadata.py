"""Write a dataset release's DataCite metadata (kernel 4.5), checked by the
``datacite`` package's schema (``briefs.editions.datacite``), to register the
release's DOI with DataCite. Sends nothing."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from briefs.editions.datacite import MetadataError, metadata, metadata_xml
from briefs.reading import selectors


class Command(BaseCommand):
    help = "Write the DataCite metadata of a dataset release (XML, or --json)."

    def add_arguments(self, parser):
        parser.add_argument("version", help="The release's version (see /data/).")
        parser.add_argument(
            "--json", action="store_true", help="DataCite's JSON instead of XML."
        )
        parser.add_argument(
            "-o", "--output", help="Write to this file (default: stdout)."
        )

    def handle(self, *args, version, json, output, **options):
        release = selectors.dataset_releases().filter(version=version).first()
        if release is None:
            raise CommandError(f"No dataset release with version “{version}”.")
        try:
            data = (
                as_json(metadata(release)) if json else metadata_xml(release).decode()
            )
        except MetadataError as error:
            raise CommandError(
                f"DataCite's schema refuses the record: {error}"
            ) from None
        if output:
            Path(output).write_text(data, encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))
        else:
            self.stdout.write(data, ending="")


def as_json(data):
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
