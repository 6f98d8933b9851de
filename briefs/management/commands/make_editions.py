"""Make published briefs' PDF editions now, in this process.

A write that touches a published brief gives it a job that makes its PDF
edition (``briefs.editions.pdf``), which ``manage.py db_worker`` runs. This
command does that job's work at once: for a site without a worker, after a
deployment that changed the edition's layout, or to see why one fails.
"""

from django.core.management.base import BaseCommand, CommandError

from briefs.editions.pdf import make_edition
from briefs.models import Publication


class Command(BaseCommand):
    help = "Make the PDF editions of the given published briefs (or of all)."

    def add_arguments(self, parser):
        parser.add_argument(
            "slugs", nargs="*", help="Briefs by slug; none: every published brief."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Name the briefs whose edition would be made, make nothing.",
        )

    def handle(self, *args, slugs, dry_run, **options):
        briefs = Publication.objects.published().order_by("slug")
        if slugs:
            briefs = briefs.filter(slug__in=slugs)
            missing = sorted(set(slugs) - set(briefs.values_list("slug", flat=True)))
            if missing:
                raise CommandError(f"No published brief with slug “{missing[0]}”.")
        failed = 0
        for slug, pk in briefs.values_list("slug", "pk"):
            if dry_run:
                self.stdout.write(f"Would make: {slug}")
                continue
            try:
                outcome = make_edition(pk)
            except Exception as error:  # noqa: BLE001 - recorded on the brief, told here
                failed += 1
                self.stderr.write(f"{slug}: failed: {type(error).__name__}: {error}")
                continue
            self.stdout.write(f"{slug}: {outcome}")
        if failed:
            raise CommandError(
                f"{failed} edition(s) failed; the last good PDF is kept."
            )
        self.stdout.write(self.style.SUCCESS("Done."))
