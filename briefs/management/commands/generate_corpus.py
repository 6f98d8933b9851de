"""Fill the database with a synthetic corpus of briefs, for benchmarks and load tests.

    python manage.py generate_corpus --briefs 100 --seed 1

The same seed and options give the same rows; every slug starts with
``gen-<seed>-``, so a second seed adds a second corpus beside the first,
and a seed already used is refused with nothing written. How the corpus is
built is ``briefs.synthetic.corpus``.

History: every generated row gets its first history record, as a row
loaded from a fixture does, so the admin's history pages and the history
tables look like those of a curated database. It nearly doubles the rows
written, and adds to the time, so ``--no-history`` skips it when only the
reading pages are measured. The README gives the figures.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from briefs.synthetic.corpus import (
    ACTORS_PER_BRIEF,
    MIN_ACTORS,
    CorpusError,
    corpus_prefix,
    generate_corpus,
)


class Command(BaseCommand):
    help = (
        "Generate a deterministic synthetic corpus: published briefs with "
        "sections, sources, contributors, meetings, sanctions and prisoner "
        "releases over thousands of actors, in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--briefs", type=int, required=True, help="How many briefs to generate."
        )
        parser.add_argument(
            "--seed",
            type=int,
            required=True,
            help="Seed of the random choices (0 to 10**12); it also names the "
            "corpus's slugs (gen-<seed>-…).",
        )
        parser.add_argument(
            "--actors",
            type=int,
            help=f"How many actors (default {ACTORS_PER_BRIEF} per brief, "
            f"at least {MIN_ACTORS}).",
        )
        parser.add_argument(
            "--drafts",
            type=float,
            default=0.0,
            metavar="FRACTION",
            help="Fraction of the briefs, the most recent, left as drafts (default 0).",
        )
        parser.add_argument(
            "--no-history",
            action="store_true",
            help="Give the rows no first history record (faster; see the "
            "module docstring).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Generate and write everything, report, then roll back.",
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            counts = generate_corpus(
                seed=options["seed"],
                briefs=options["briefs"],
                actors=options["actors"],
                drafts=options["drafts"],
                history=not options["no_history"],
                dry_run=options["dry_run"],
            )
        except CorpusError as error:
            raise CommandError(str(error)) from error
        if not options["dry_run"]:
            tidy_up_after_bulk_writes()
        elapsed = time.perf_counter() - started
        if options["verbosity"] == 0:
            return
        width = max(len(label) for label in counts)
        for label, count in counts.items():
            self.stdout.write(f"  {label:<{width}}  {count:>8}")
        outcome = "Rolled back (dry run)" if options["dry_run"] else "Generated"
        self.stdout.write(
            self.style.SUCCESS(
                f"{outcome} corpus {corpus_prefix(options['seed'])}… "
                f"({sum(counts.values())} rows) in {elapsed:.2f} s."
            )
        )


def tidy_up_after_bulk_writes():
    """What the database's own maintenance would do later, done now.

    Tables filled in one go have no planner statistics, and on PostgreSQL
    their GIN indexes (search documents, trigrams) hold the new rows in a
    pending list that every index scan reads through: until autovacuum
    comes round, the first pages read are planned as if the tables were
    empty and searches scan the whole pending list. VACUUM cannot run
    inside a transaction (a test's): ANALYZE alone then.
    """
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")
