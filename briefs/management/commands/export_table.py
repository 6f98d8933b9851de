"""Export one table as CSV, XLSX or JSON, streamed in constant memory."""

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from briefs.exchange.resources import RESOURCES
from briefs.exchange.tables import TableError, export_table
from briefs.exchange.tables.files import FORMAT_NAMES, format_of
from briefs.exchange.tables.progress import Progress


class Command(BaseCommand):
    help = (
        "Export a table with the admin's columns, related rows by slug, in "
        "natural-key order: the same database always gives the same file."
    )

    def add_arguments(self, parser):
        parser.add_argument("model", choices=sorted(RESOURCES))
        parser.add_argument("--format", choices=FORMAT_NAMES)
        parser.add_argument("-o", "--output", type=Path, help="Default: stdout.")

    def handle(self, *args, model, format, output, **options):
        if output is None:
            file_format = format or "csv"
        else:
            try:
                file_format = format_of(output, format)
            except TableError as error:
                raise CommandError(str(error.problems[0])) from None
        progress = Progress(self.stderr._out)
        started = time.perf_counter()
        if output is None:
            count = export_table(model, sys.stdout.buffer, file_format, progress)
            sys.stdout.buffer.flush()
        else:
            try:
                with output.open("wb") as stream:
                    count = export_table(model, stream, file_format, progress)
            except OSError as error:
                raise CommandError(
                    f"Cannot write {output}: {error.strerror}."
                ) from None
        progress.close()
        if output is not None:
            seconds = time.perf_counter() - started
            self.stdout.write(
                f"Exported {count:,} rows to {output} ({seconds:.1f} s, "
                f"{count / max(seconds, 1e-9):,.0f} rows/s)."
            )
