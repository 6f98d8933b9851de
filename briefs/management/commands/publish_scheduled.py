"""Publish the scheduled briefs whose time has come: the sweep behind the jobs.

A brief scheduled in the admin has a job at its time, which ``db_worker``
runs; this catches whatever no job covers (a job that failed, a ``publish_at``
set by an import). Run it from a timer (cron, a systemd timer), or with
``--every`` as a process of its own: ``make run`` and ``make serve`` start it
that way beside the worker.
"""

import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from briefs.curation.publishing import publish_due
from briefs.models import Publication


class Command(BaseCommand):
    help = "Publish the briefs whose scheduled time has come."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            metavar="SECONDS",
            help="Keep sweeping, every SECONDS, until stopped.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Name the briefs that are due, publish nothing.",
        )

    def handle(self, *args, every, dry_run, **options):
        if dry_run:
            due = Publication.objects.filter(publish_at__lte=timezone.now()).exclude(
                status=Publication.Status.PUBLISHED
            )
            for publication in due:
                self.stdout.write(f"Due: {publication.slug} ({publication.publish_at})")
            return
        if every is None:
            self.sweep()
            return
        while True:
            try:
                self.sweep()
            except DatabaseError as error:
                # The database restarting is no reason to stop: the next sweep retries.
                self.stderr.write(f"Sweep failed, trying again: {error}")
            close_old_connections()
            time.sleep(every)

    def sweep(self):
        published = publish_due()
        if published:
            self.stdout.write(self.style.SUCCESS(f"Published {published} brief(s)."))
