"""Publish the scheduled briefs whose time has come, now.

Scheduling a brief gives it a job at its time, which ``manage.py db_worker``
runs (``briefs.domain.publishing``): that is how a scheduled brief goes
public. This command does the same job's work at once, for an operator who
wants it done now, or a site that runs no worker.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from briefs.domain.publishing import publish_due
from briefs.models import Publication


class Command(BaseCommand):
    help = "Publish the briefs whose scheduled time has come."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Name the briefs that are due, publish nothing.",
        )

    def handle(self, *args, dry_run, **options):
        if dry_run:
            due = Publication.objects.filter(publish_at__lte=timezone.now()).exclude(
                status=Publication.Status.PUBLISHED
            )
            for publication in due:
                self.stdout.write(f"Due: {publication.slug} ({publication.publish_at})")
            return
        published = publish_due()
        self.stdout.write(self.style.SUCCESS(f"Published {published} brief(s)."))
