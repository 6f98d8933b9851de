"""Load the shipped fixtures: the seeded briefs and the facts they hold.

Fixtures use natural keys, so loading them again updates the same rows
instead of adding copies.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = (
        "Load every JSON fixture in fixtures/ (the seeded briefs) in one transaction."
    )

    def handle(self, *args, **options):
        fixtures = sorted(str(path) for path in FIXTURES_DIR.glob("*.json"))
        if not fixtures:
            raise CommandError(f"No fixtures found in {FIXTURES_DIR}.")
        with transaction.atomic():
            call_command("loaddata", *fixtures, verbosity=0)
        names = ", ".join(Path(fixture).name for fixture in fixtures)
        self.stdout.write(self.style.SUCCESS(f"Loaded {names}."))
