"""Seed an empty database with the shipped briefs (the fixtures in fixtures/).

Every start of ``make run`` and ``make serve`` runs it. It loads only into a
database that holds none of the app's content: once curators have anything
there, a start leaves every row as they made it (a fixture would otherwise
write the shipped values back over their edits), and says so. To load a
fixture over existing rows on purpose, run ``loaddata`` with it.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def content_rows():
    """How many rows of the app's content the database holds, by model."""
    counts = {
        model._meta.verbose_name_plural: model._default_manager.count()
        for model in apps.get_app_config("briefs").domain_models()
    }
    return {name: count for name, count in counts.items() if count}


class Command(BaseCommand):
    help = (
        "Load the shipped briefs (fixtures/*.json) into an empty database, in one "
        "transaction; a database that holds any content is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say whether the fixtures would be loaded; write nothing.",
        )

    def handle(self, *args, dry_run, **options):
        fixtures = sorted(FIXTURES_DIR.glob("*.json"))
        if not fixtures:
            raise CommandError(f"No fixtures found in {FIXTURES_DIR}.")
        names = ", ".join(fixture.name for fixture in fixtures)
        with transaction.atomic():
            held = content_rows()
            if held:
                rows = ", ".join(f"{count} {name}" for name, count in held.items())
                self.stdout.write(
                    f"The database holds content already ({rows}): the shipped "
                    f"fixtures ({names}) were not loaded, and nothing was changed."
                )
                return
            if dry_run:
                self.stdout.write(f"Would load {names}.")
                return
            call_command("loaddata", *map(str, fixtures), verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Loaded {names}."))
