"""Release the published corpus as a versioned Frictionless Data Package."""

import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from briefs.exchange import releases


class Command(BaseCommand):
    help = (
        "Write the published corpus as a data package (one CSV per table and "
        "datapackage.json) and record it as a release, listed on /data/. The "
        "same database always gives the same bytes; the version is their hash."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            help="The folder to write the package into (default: a temporary one).",
        )
        parser.add_argument(
            "--diff",
            metavar="OLD",
            help="List the rows added, changed and removed since OLD: a released "
            "version, or a package's folder or zip.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Write the package but record no release.",
        )

    def handle(self, *args, output, diff, dry_run, **options):
        if output is None:
            with tempfile.TemporaryDirectory() as directory:
                self.release(Path(directory), diff, dry_run)
        else:
            self.release(output, diff, dry_run)

    def release(self, directory, diff, dry_run):
        old_tables = None
        if diff:
            try:
                old_tables = releases.tables_of(diff)
            except FileNotFoundError as error:
                raise CommandError(str(error)) from None
        try:
            package = releases.write_package(directory)
        except OSError as error:
            raise CommandError(f"Cannot write {directory}: {error.strerror}.") from None
        rows = sum(package.counts.values())
        self.stdout.write(
            f"Wrote version {package.version} ({rows:,} rows in "
            f"{len(package.counts)} tables) to {directory}."
        )
        if old_tables is not None:
            self.write_changes(releases.compare(old_tables, package.tables))
        if dry_run:
            return
        release, created = releases.release_package(package, directory)
        if created:
            self.stdout.write(
                self.style.SUCCESS(f"Released version {release.version}.")
            )
        else:
            self.stdout.write(
                f"Nothing changed since version {release.version}: no new release."
            )

    def write_changes(self, changes):
        for name, table in changes.items():
            for label, keys in (
                ("added", table.added),
                ("changed", table.changed),
                ("removed", table.removed),
            ):
                for key in keys:
                    self.stdout.write(f"{name}\t{label}\t{'/'.join(key)}")
        counts = releases.change_counts(changes)
        if not counts:
            self.stdout.write("No row changed.")
        for name, count in counts.items():
            self.stdout.write(
                f"{name}: {count['added']} added, {count['changed']} changed, "
                f"{count['removed']} removed"
            )
