"""Write one brief and every row it needs as a self-contained JSON fixture.

The bundle loads into an empty database (``import_brief`` or ``loaddata``),
and the same database always gives the same bytes.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from briefs.exchange.bundles import bundle_dumps, bundle_objects
from briefs.models import Publication


class Command(BaseCommand):
    help = (
        "Export a brief with its authors and the actors, meetings, sanctions and "
        "releases it discusses as one JSON fixture (a bundle) with natural keys."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The slug of the brief to export.")
        parser.add_argument(
            "-o",
            "--output",
            help="The file to write; standard output when left out.",
        )

    def handle(self, *args, slug, output, **options):
        try:
            publication = Publication.objects.get(slug=slug)
        except Publication.DoesNotExist:
            raise CommandError(f"No brief with slug “{slug}”.") from None
        objects = bundle_objects(publication)
        text = bundle_dumps(objects)
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {len(objects)} objects of “{slug}” to {output}.")
        )
