"""
The test database, migrated once a session.

pytest-django has each pytest-xdist worker make its test database by running
every migration, some 6 s of CPU each. Here the first worker to need its
database migrates it and keeps a copy, the template; the others start from
copies of it (a file on SQLite; ``CREATE DATABASE … TEMPLATE``, Django's
``TEST["TEMPLATE"]``, on PostgreSQL), and their ``migrate`` then finds nothing
to apply but still sends ``post_migrate`` as ever. Without xdist a run makes
its database as pytest-django does.

The PostgreSQL template is dropped by the last worker to finish, once every
worker has made its database from it (a run that leaves it, interrupted,
has it replaced by the next).
"""

import os
import shutil

from django.db import DEFAULT_DB_ALIAS, OperationalError, connection
from django.test.utils import setup_databases, teardown_databases

from tests.helpers import locked, session_folder

TEMPLATE = "template"  # the suffix Django's clone_test_db gives the template


def set_up(tmp_path_factory, verbosity, keepdb=False):
    """The test databases, as ``setup_databases`` returns them; ``keepdb``:
    pytest-django's ``--reuse-db``, which keeps each worker's database."""
    if keepdb or not os.environ.get("PYTEST_XDIST_WORKER"):
        return create(verbosity, keepdb)
    folder = session_folder(tmp_path_factory)
    with locked(folder / "database.lock"):
        made = folder / "database-template"
        if not made.exists():
            config = create(verbosity)
            made.write_text(keep_template(folder, verbosity))
        else:
            config = from_template(made.read_text(), verbosity)
        with open(folder / "database-users", "a") as users:
            users.write("+")
    return config


def tear_down(tmp_path_factory, config, verbosity):
    try:
        teardown_databases(config, verbosity=verbosity)
    except OperationalError as error:
        raise OperationalError(
            f"{error}\nStill connected: {others_connected()}"
        ) from error
    if not os.environ.get("PYTEST_XDIST_WORKER") or connection.vendor == "sqlite":
        return
    folder = session_folder(tmp_path_factory)
    with locked(folder / "database.lock"):
        with open(folder / "database-users", "a") as users:
            users.write("-")
        uses = (folder / "database-users").read_text()
        workers = int(os.environ["PYTEST_XDIST_WORKER_COUNT"])
        if uses.count("+") == uses.count("-") == workers:
            drop(folder / "database-template")


def others_connected():
    """Who else holds a session on this worker's database (PostgreSQL), which
    a test left open (a thread, a process): DROP DATABASE refuses to drop it."""
    if connection.vendor != "postgresql":
        return "?"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, client_port, backend_start, state, "
            "left(query, 200) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchall()


def create(verbosity, keepdb=False):
    return setup_databases(
        verbosity=verbosity,
        interactive=False,
        aliases={DEFAULT_DB_ALIAS},
        keepdb=keepdb,
    )


def keep_template(folder, verbosity):
    """Keep a copy of this worker's freshly migrated database; its name."""
    if connection.vendor == "sqlite":
        connection.close()
        template = folder / "template.sqlite3"
        shutil.copy(connection.settings_dict["NAME"], template)
        return str(template)
    # A template an interrupted run left is replaced.
    connection.creation.clone_test_db(TEMPLATE, verbosity, autoclobber=True)
    return connection.creation.get_test_db_clone_settings(TEMPLATE)["NAME"]


def from_template(template, verbosity):
    if connection.vendor == "sqlite":
        shutil.copy(template, connection.settings_dict["TEST"]["NAME"])
        return create(verbosity, keepdb=True)
    connection.settings_dict["TEST"]["TEMPLATE"] = template
    return create(verbosity)


def drop(made):
    """Drop the PostgreSQL template this session made."""
    test_name = connection.settings_dict["NAME"]
    connection.settings_dict["NAME"] = made.read_text()
    connection.creation.destroy_test_db(test_name, verbosity=0)
