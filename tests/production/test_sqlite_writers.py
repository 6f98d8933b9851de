"""Several processes write to one SQLite file under ``make run``: the web
server, the task worker, a command. A write that reads first must wait for
the other writer, not fail with "database is locked"."""

import threading

import pytest
from django.db import connection, transaction

from briefs.models import Actor
from tests.factories import make_actor

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="PostgreSQL's writers wait row by row"
    ),
]


def test_a_write_that_reads_first_waits_for_another_writer():
    actor = make_actor(name="Keith Kellogg")
    written = threading.Event()
    errors = []

    def other_writer():
        try:
            with transaction.atomic():
                Actor.objects.filter(pk=actor.pk).update(description_en="first")
                written.set()
                # Holds the write lock while this test's write begins.
                threading.Event().wait(0.5)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
            written.set()
        finally:
            connection.close()

    thread = threading.Thread(target=other_writer)
    thread.start()
    written.wait()
    with transaction.atomic():
        description = Actor.objects.get(pk=actor.pk).description
        Actor.objects.filter(pk=actor.pk).update(description_en=description + " second")
    thread.join()

    assert errors == []
    assert Actor.objects.get(pk=actor.pk).description == "first second"
