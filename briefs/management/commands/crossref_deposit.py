"""Write the Crossref deposit of published briefs: ``report-paper`` records of
schema 5.3.1, checked against the XSD kept in the repository
(``briefs.editions.crossref``) before anything is written.

The file is then uploaded to Crossref by the institute's member account
(the web deposit form or ``https://doi.crossref.org/servlet/deposit``); this
command sends nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from briefs.editions.crossref import DepositError, deposit
from briefs.reading import selectors


class Command(BaseCommand):
    help = "Write the Crossref deposit XML of the given published briefs."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="+", help="Published briefs, by slug.")
        parser.add_argument(
            "-o", "--output", help="Write the XML to this file (default: stdout)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Build and validate the deposit, write no file.",
        )

    def handle(self, *args, slugs, output, dry_run, **options):
        briefs = {
            brief.slug: brief
            for brief in selectors.deposited_briefs().filter(slug__in=slugs)
        }
        missing = [slug for slug in slugs if slug not in briefs]
        if missing:
            raise CommandError(f"No published brief with slug “{missing[0]}”.")
        try:
            xml = deposit([briefs[slug] for slug in dict.fromkeys(slugs)])
        except DepositError as error:
            raise CommandError(str(error)) from None
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"Valid: {len(briefs)} report(s)."))
        elif output:
            Path(output).write_bytes(xml)
            self.stdout.write(
                self.style.SUCCESS(f"Wrote {len(briefs)} report(s) to {output}.")
            )
        else:
            self.stdout.write(xml.decode(), ending="")
