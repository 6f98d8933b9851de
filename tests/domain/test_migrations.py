"""Migrations apply to the databases that exist, not only to empty ones."""

import os
import sqlite3
import subprocess
import sys

from tests.helpers import ROOT


def migrate(database, *target):
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", "migrate", *target, "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_precision_left_without_its_date_does_not_stop_the_constraints_migration(
    tmp_path,
):
    # Before 0021 nothing refused a precision whose date had been cleared, so
    # a database may hold such rows; the migration adding the rule must still apply.
    database = tmp_path / "before-0021.sqlite3"
    assert migrate(database, "briefs", "0020_uploads").returncode == 0
    with sqlite3.connect(database) as rows:
        rows.execute(
            "INSERT INTO briefs_meeting (slug, title, date, date_precision,"
            " date_approximate, place, duration_approximate, topics, outcome,"
            " significance, created_at, updated_at) VALUES ('undated',"
            " 'Undated visit', NULL, 'month', 0, '', 0, '', '', '',"
            " '2025-07-15 10:00:00', '2025-07-15 10:00:00')"
        )

    migrated = migrate(database, "briefs", "0021_constraints_in_words")

    assert migrated.returncode == 0, migrated.stderr
    with sqlite3.connect(database) as rows:
        assert rows.execute(
            "SELECT title, date, date_precision FROM briefs_meeting"
        ).fetchall() == [("Undated visit", None, "")]
