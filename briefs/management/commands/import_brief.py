"""Load a brief bundle (written by ``export_brief``) into this database.

Rows are created or updated by natural key, all in one transaction: a bundle
with any invalid object writes nothing. Rows equal to the bundle's are not
saved again, so importing a bundle twice changes nothing the second time.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from briefs.exchange.bundles import BundleError, bundle_import


class Command(BaseCommand):
    help = (
        "Import a brief bundle: create or update each row by natural key, in one "
        "transaction, after validating every object."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The bundle, a JSON fixture.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate the bundle and report what would change; write nothing.",
        )

    def handle(self, *args, file, dry_run, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            summary = bundle_import(data, dry_run=dry_run)
        except BundleError as error:
            # Objects are counted from 1, as a person reading the file would.
            raise CommandError(f"{error}\nNothing was imported.") from None
        for label, counts in summary.items():
            if dry_run:
                line = (
                    f"{label}: {counts['created']} to create, "
                    f"{counts['updated']} to update, {counts['unchanged']} unchanged"
                )
            else:
                line = (
                    f"{label}: {counts['created']} created, "
                    f"{counts['updated']} updated, {counts['unchanged']} unchanged"
                )
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        else:
            total = sum(sum(counts.values()) for counts in summary.values())
            self.stdout.write(self.style.SUCCESS(f"Imported {total} objects."))
