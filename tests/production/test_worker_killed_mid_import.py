"""
A task worker killed mid-job does not leave the job running for ever (issue
19, finding 2): an admin import of 30,000 rows whose worker is killed with
SIGKILL part way through is noticed within the lease, the curator's page says
that the worker stopped and that nothing was imported, nothing is, and the
upload is let go; the worker supervisord started again takes the next job.
"""

import os
import re
import signal
import time
from urllib.parse import urlsplit

import pytest

from bench.browser import Browser, hidden_inputs
from tests.helpers import STACK_TESTS, stack_manage
from tests.production.conftest import CURATOR, LEASE

# On the one worker that starts the supervised stack (make test's --dist loadgroup).
pytestmark = [*STACK_TESTS, pytest.mark.xdist_group("supervised")]

ROWS = 30_000


def actors_csv():
    lines = ["slug,name,kind"]
    lines += [f"killed-import-{n},Killed Import {n},person" for n in range(ROWS)]
    return ("\n".join(lines) + "\n").encode()


def until(browser, page, pattern, timeout=120):
    """Read the job's page until ``pattern`` is on it; the page and the match."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = browser.open(page)
        if match := re.search(pattern, text):
            return text, match
        time.sleep(0.2)
    raise AssertionError(f"{pattern!r} not on the page after {timeout} s:\n{text}")


def test_an_import_whose_worker_is_killed_fails_saying_nothing_was_imported(
    supervised,
):
    site = supervised.site
    browser = Browser(site.url)
    browser.sign_in(*CURATOR)
    form = browser.open("/admin/briefs/actor/import/")
    csv = re.search(r'<option value="(\d+)"[^>]*>csv</option>', form)[1]
    browser.post(
        "/admin/briefs/actor/import/",
        form,
        {"format": csv},
        {"import_file": ("actors.csv", actors_csv())},
    )
    preview_page = urlsplit(browser.location).path
    preview, _ = until(browser, preview_page, "Confirm import")
    fields = hidden_inputs(preview)
    browser.post("/admin/briefs/actor/process_import/", preview, fields)
    job_page = urlsplit(browser.location).path
    assert "/import/job/" in job_page

    # Part way through writing the rows, in the import's one transaction.
    until(browser, job_page, r"Importing: [1-9]\d* of 30000")
    killed = site.pid("db_worker")
    os.kill(killed, signal.SIGKILL)
    stopped = time.monotonic()
    site.wait_until_running("db_worker", other_than=killed, timeout=30)

    # A lease and a renewal; slack for a loaded machine.
    page, _ = until(browser, job_page, "stopped before it finished", LEASE + 20)
    noticed = time.monotonic() - stopped
    assert "nothing was imported" in page
    assert "updates itself" not in page
    assert noticed < 60

    said = stack_manage(
        site,
        "shell",
        "--no-imports",
        "-c",
        "from django_tasks_db.models import DBTaskResult;"
        "from briefs.models import Actor, Upload;"
        "print(Actor.objects.filter(slug__startswith='killed-import-').count());"
        f"print(Upload.objects.data_of({fields['import_file_name']!r}));"
        "print(DBTaskResult.objects.filter(status='RUNNING').count())",
    ).split()
    assert said == ["0", "None", "0"], (
        "nothing written, the upload let go, none running"
    )
