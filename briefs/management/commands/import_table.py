"""Import a CSV, XLSX or JSON file into one table, all of it or nothing."""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from briefs.exchange.resources import RESOURCES
from briefs.exchange.tables import TableError, import_table
from briefs.exchange.tables.files import FORMAT_NAMES, Limits, format_of
from briefs.exchange.tables.progress import Progress


class Command(BaseCommand):
    help = (
        "Import a table from a CSV, XLSX or JSON file with the admin's columns. "
        "Rows are created or updated by their natural key; a file with any bad "
        "row writes nothing and every problem is listed by row and column."
    )

    def add_arguments(self, parser):
        parser.add_argument("model", choices=sorted(RESOURCES))
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=FORMAT_NAMES)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and say what would change; write nothing.",
        )
        parser.add_argument(
            "--user", help="Username the history records name as the importer."
        )
        parser.add_argument(
            "--no-history",
            dest="history",
            action="store_false",
            help="Write no history record per row: for loading a corpus whose "
            "file is its own record. Halves the time of a large import.",
        )

    def handle(self, *args, model, file, format, dry_run, user, history, **options):
        importer = self.user_named(user)
        try:
            file_format = format_of(file, format)
        except TableError as error:
            raise CommandError(str(error.problems[0])) from None
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        progress = Progress(self.stderr._out)
        started = time.perf_counter()
        try:
            result = import_table(
                model,
                data,
                file_format,
                dry_run=dry_run,
                user=importer,
                file_name=file.name,
                progress=progress,
                history=history,
                limits=Limits.for_command_line(),
            )
        except TableError as error:
            progress.close()
            for problem in error.problems:
                self.stderr.write(str(problem))
            count = len(error.problems)
            raise CommandError(
                f"Nothing was imported: {count} problem{'s' if count != 1 else ''} "
                f"in {file}. Rows are counted from the first row under the header."
            ) from None
        progress.close()
        seconds = time.perf_counter() - started
        plural = result.model._meta.verbose_name_plural
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb} {result.rows:,} {plural} from {file}: {result.created:,} created, "
            f"{result.updated:,} updated, {result.unchanged:,} unchanged "
            f"({seconds:.1f} s, {result.rows / max(seconds, 1e-9):,.0f} rows/s)."
        )

    def user_named(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named “{username}”.") from None
