"""The production stack under its supervisor, over a PostgreSQL cluster of its
own, which the tests may restart and whose programs they may kill."""

from contextlib import ExitStack
from dataclasses import dataclass

import pytest

from bench.load import POSTGRES_BIN, TemporaryPostgres
from deploy.stack import Ports, Stack, run_stack
from tests.helpers import make_curator

# Seconds a task worker's lease lasts on this stack: a lost job is settled
# within this and a sixth of it (production: 30 s).
LEASE = 4
CURATOR = ("curator", "a-long-stack-test-password")


@dataclass
class Supervised:
    site: Stack
    postgres: TemporaryPostgres


@pytest.fixture(scope="session")
def supervised(tmp_path_factory):
    if not (POSTGRES_BIN / "initdb").exists():
        pytest.skip("needs Debian's postgresql (initdb) for a cluster of its own")
    with ExitStack() as stack:
        postgres = TemporaryPostgres(stack)
        run = tmp_path_factory.mktemp("supervised")
        site = run_stack(
            stack,
            run,
            Ports.free(),
            postgres.url,
            workers=2,
            TASK_LEASE_SECONDS=str(LEASE),
        )
        make_curator(site, *CURATOR)
        yield Supervised(site, postgres)
