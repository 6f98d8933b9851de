"""A real Chromium for the browser tests: Debian's, driven by Playwright."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import PASSWORD, make_user
from tests.helpers import ROOT, SCREENSHOTS_DIR

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make around it are still synchronous, so Django may allow them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh desktop-sized page; screenshots go to artifacts/screenshots/."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def task_worker(live_server, tmp_path):
    """``manage.py db_worker`` as ``make run`` starts it, a process of its own,
    on the live server's database (which a transactional test commits to)."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{database['NAME']}"
    else:
        url = (
            f"postgres://{database['USER']}:{database['PASSWORD']}@"
            f"{database['HOST']}:{database['PORT']}/{database['NAME']}"
        )
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    env["DJANGO_SETTINGS_MODULE"] = "hiia.settings"
    with open(tmp_path / "db_worker.log", "wb") as log:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        yield worker
        worker.terminate()
        worker.wait(15)


@pytest.fixture
def editor_page(live_server, page, seeded):
    """A browser page signed in to the admin as a member of the Editor group."""
    page.set_default_timeout(10_000)
    make_user("edna", "Editor")
    page.goto(live_server.url + "/admin/")
    page.fill("#id_username", "edna")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("#site-name")
    page.screenshot(path=SCREENSHOTS_DIR / "admin-1-index.png")
    return page
