"""Delete the admin-import uploads left behind: older than a day, never confirmed."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Sum

from briefs.models import Upload
from briefs.models.site import UPLOAD_LIFETIME


class Command(BaseCommand):
    help = (
        "Delete the files uploaded to an admin import more than a day ago that no "
        "confirm or job let go of. Each new upload does this too; run it from "
        "cron on a site that sees few."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be deleted; delete nothing.",
        )

    def handle(self, *args, dry_run, **options):
        with transaction.atomic():
            abandoned = Upload.objects.abandoned()
            count = abandoned.count()
            size = abandoned.aggregate(size=Sum("size"))["size"] or 0
            if not dry_run:
                abandoned.delete()
        verb = "Would delete" if dry_run else "Deleted"
        hours = UPLOAD_LIFETIME.total_seconds() / 3600
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {count} upload{'s' if count != 1 else ''} "
                f"({size:,} bytes) older than {hours:.0f} hours."
            )
        )
