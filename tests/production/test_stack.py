"""
The production stack as ``make serve`` runs it, with two gunicorn workers.

nginx, gunicorn and Redis start on free loopback ports (deploy/stack.py)
over a throw-away SQLite database; the checks are what went wrong with
several workers and a per-process cache: an unpublished brief still served
by the other worker, an import confirmed on a worker that never saw the
file.
"""

import re
import time
import urllib.request
from contextlib import ExitStack

import pytest

from bench.browser import Browser, hidden_inputs
from deploy.stack import Ports, run_stack
from tests.helpers import (
    SEED_SLUG,
    STACK_TESTS,
    from_prepared,
    http_status,
    make_curator,
    stack_manage,
)

# On one worker, so the module's stack is started once (make test's --dist loadgroup).
pytestmark = [*STACK_TESTS, pytest.mark.xdist_group("stack")]

BRIEF = f"/briefs/{SEED_SLUG}/"
PASSWORD = "a-long-stack-test-password"


@pytest.fixture(scope="module")
def site(tmp_path_factory, prepared):
    run = tmp_path_factory.mktemp("stack")
    with ExitStack() as stack:
        database = from_prepared(prepared, run)
        site = run_stack(stack, run, Ports.free(), database, workers=2)
        make_curator(site, "curator", PASSWORD)
        yield site


def set_status(site, new_status):
    stack_manage(
        site,
        "shell",
        "-c",
        "from briefs.models import Publication;"
        f"brief = Publication.objects.get(slug={SEED_SLUG!r});"
        f"brief.status = {new_status!r};"
        "brief.save()",
    )


def test_an_unpublished_brief_is_gone_from_every_worker_within_a_second(site):
    # Both workers and nginx's micro-cache have the page.
    assert {http_status(site.gunicorn_url + BRIEF) for _ in range(20)} == {200}
    assert http_status(site.url + BRIEF) == 200

    set_status(site, "draft")
    unpublished = time.monotonic()
    try:
        workers = [http_status(site.gunicorn_url + BRIEF) for _ in range(20)]
        # nginx keeps a page for one second; the rest is slack for a loaded
        # machine (the workers themselves are checked to the request above).
        while http_status(site.url + BRIEF) != 404:
            assert time.monotonic() - unpublished < 1 + 2, "nginx still serves it"
            time.sleep(0.05)
    finally:
        set_status(site, "published")

    # Straight from gunicorn: no worker serves it after the save returned.
    assert workers == [404] * 20


def test_health_through_nginx_names_the_database_and_redis(site):
    with urllib.request.urlopen(site.url + "/health/", timeout=10) as response:
        assert response.read() == b'{"database": "ok", "cache": "ok"}'


# --- Admin import: preview on one worker, confirm on whichever answers ----------


def test_admin_imports_confirm_on_either_worker(site):
    browser = Browser(site.url)
    browser.sign_in("curator", PASSWORD)
    for round_ in range(8):
        form = browser.open("/admin/briefs/actor/import/")
        csv = re.search(r'<option value="(\d+)"[^>]*>csv</option>', form)[1]
        rows = f"slug,name,kind\nstack-actor-{round_},Stack Actor {round_},state\n"
        preview = browser.post(
            "/admin/briefs/actor/import/",
            form,
            {"format": csv},
            {"import_file": ("actors.csv", rows.encode())},
        )
        assert "Confirm import" in preview

        done = browser.post(
            "/admin/briefs/actor/process_import/", preview, hidden_inputs(preview)
        )

        assert "Import finished: 1 new" in done, f"round {round_}"
    assert "stack-actor-7" in stack_manage(
        site,
        "shell",
        "-c",
        "from briefs.models import Actor;"
        "print(list(Actor.objects.filter(slug__startswith='stack-actor-')"
        ".values_list('slug', flat=True)))",
    )
