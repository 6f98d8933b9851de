"""Settle every row's derived data again: the briefs' texts as HTML, whether
evidence is still found, the actors the public may read, the page generation.

``migrate`` does this once every migration is applied (a deployment, a new
database); run it by hand after restoring a database by other means, or to
check that nothing was stale (``--dry-run`` says what would change).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from briefs.domain import derived
from briefs.models import Actor, Evidence, Publication, Section


def derived_state():
    return (
        dict(Publication.objects.values_list("pk", "summary_html")),
        dict(Section.objects.values_list("pk", "body_html")),
        dict(Evidence.objects.values_list("pk", "quote_found")),
        dict(Actor.objects.values_list("pk", "is_public")),
    )


class Command(BaseCommand):
    help = (
        "Settle the derived data of every row again (stored HTML, quotes found, "
        "public actors) and move the page generation on."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say how many rows would change, and change nothing.",
        )

    def handle(self, *args, dry_run, **options):
        with transaction.atomic():
            before = derived_state()
            derived.rebuild()
            after = derived_state()
            if dry_run:
                transaction.set_rollback(True)
        names = ("abstracts", "sections", "pieces of evidence", "actors")
        changed = [
            f"{sum(old.get(pk) != new for pk, new in now.items())} {name}"
            for name, old, now in zip(names, before, after, strict=True)
        ]
        verb = "Would change" if dry_run else "Changed"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {', '.join(changed)}."))
