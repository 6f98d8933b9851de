"""Migrations apply to the databases that exist, not only to empty ones."""

import os
import sqlite3
import subprocess
import sys

from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import AlterField, AlterModelOptions

from briefs.migrations._labels import LabelsOnly
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


def test_a_labels_only_step_changes_nothing_a_database_stores():
    # LabelsOnly (briefs/migrations/_labels.py) writes no SQL, so each field it
    # changes must differ only in what no column holds (Django's non_db_attrs,
    # less db_column, which does name a column).
    loader = MigrationLoader(None, ignore_no_migrations=True)
    checked = 0
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        if not any(isinstance(step, LabelsOnly) for step in migration.operations):
            continue
        state = loader.project_state((app, name), at_end=False)
        for step in migration.operations:
            for change in getattr(step, "state_operations", ()):
                assert isinstance(change, AlterField | AlterModelOptions), change
                if isinstance(change, AlterField):
                    before = state.models[app, change.model_name_lower].fields
                    assert stored(before[change.name]) == stored(change.field), (
                        f"{name}: {change.model_name}.{change.name}"
                    )
                    checked += 1
            step.state_forwards(app, state)
    assert checked > 200


def stored(field):
    path, args, kwargs = field.deconstruct()[1:]
    labels = set(field.non_db_attrs) - {"db_column"}
    return (
        path,
        args,
        {key: value for key, value in kwargs.items() if key not in labels},
    )
