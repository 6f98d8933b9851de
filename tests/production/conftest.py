"""The production stack under its supervisor, over a PostgreSQL cluster of its
own, which the tests may restart and whose programs they may kill; and what
every stack's preparation makes, made once a session."""

from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass

import pytest

from bench.load import POSTGRES_BIN, TemporaryPostgres
from deploy.stack import (
    PREPARATION,
    Ports,
    Stack,
    environment,
    manage,
    run_stack,
)
from tests.helpers import built_once, from_prepared, make_curator

# Seconds a task worker's lease lasts on this stack: a lost job is settled
# within this and a sixth of it (production: 30 s).
LEASE = 4
CURATOR = ("curator", "a-long-stack-test-password")


@pytest.fixture(scope="session")
def prepared(tmp_path_factory):
    """What deploy/stack.py's ``prepare()`` makes, made once a session for
    every xdist worker: ``static/`` (collectstatic's files) and ``db.sqlite3``
    (migrated, the shipped briefs loaded, no PDF edition queued). A stack
    started from copies of them (``from_prepared``) still runs ``prepare()``,
    which then finds nothing to do: collectstatic no file to copy or compress
    again (hiia/staticfiles.py), migrate no migration, load_initial_data a
    database with content."""

    def build(folder):
        database = f"sqlite:///{folder / 'db.sqlite3'}"
        env = environment(folder, Ports(0, 0, 0), database, HIIA_PDF_EDITIONS="0")
        # prepare()'s steps, the static files beside the database's: every
        # stack test waits for this, and collectstatic's compression of a
        # fresh folder (15 s of CPU, on both cores) need not wait for a
        # migrate on one. The database's steps run with DEBUG on, so that
        # they need not wait for the files (briefs.E002 concerns serving).
        static_files, *database_steps = PREPARATION
        with ThreadPoolExecutor(max_workers=1) as beside:
            collecting = beside.submit(manage, env, *static_files)
            for step in database_steps:
                manage({**env, "DJANGO_DEBUG": "1"}, *step)
            collecting.result()

    return built_once(tmp_path_factory, "prepared", build)


@dataclass
class Supervised:
    site: Stack
    postgres: TemporaryPostgres


@pytest.fixture(scope="session")
def supervised(tmp_path_factory, prepared):
    if not (POSTGRES_BIN / "initdb").exists():
        pytest.skip("needs Debian's postgresql (initdb) for a cluster of its own")
    with ExitStack() as stack:
        postgres = TemporaryPostgres(stack)
        run = tmp_path_factory.mktemp("supervised")
        # Migrated and seeded here, by the stack's own prepare().
        from_prepared(prepared, run, database=False)
        site = run_stack(
            stack,
            run,
            Ports.free(),
            postgres.url,
            workers=2,
            TASK_LEASE_SECONDS=str(LEASE),
            # The worker's jobs are the tests' own: no PDF edition of the
            # seeded brief typeset while they kill and restart programs.
            HIIA_PDF_EDITIONS="0",
        )
        make_curator(site, *CURATOR)
        yield Supervised(site, postgres)
