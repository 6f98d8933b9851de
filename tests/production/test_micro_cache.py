"""
nginx's micro-cache in front of the stack: what it keeps, for whom, how long.

One stack (deploy/stack.py: nginx, two gunicorn workers, Redis, a throw-away
SQLite database) for the module. A client's Host header never reaches
another reader: the site answers at its origin only, and what it keeps is
the same bytes whoever asked. A page is never served a second or more after
an edit it does not show has committed, although nginx counts its cache's
time in whole seconds.
"""

import http.client
import random
import re
import threading
import time
from contextlib import ExitStack

import pytest

from deploy.stack import Ports, manage, missing_programs, run_stack
from tests.helpers import SEED_SLUG, from_prepared

# On one worker, so the module's stack is started once (make test's --dist loadgroup).
pytestmark = [
    pytest.mark.stack,
    pytest.mark.xdist_group("micro-cache"),
    pytest.mark.skipif(
        bool(missing_programs()),
        reason="the stack needs Debian's nginx-light and redis-server "
        "(make test and .ci/run install them as root)",
    ),
]

BRIEF = f"/briefs/{SEED_SLUG}/"


@pytest.fixture(scope="module")
def site(tmp_path_factory, prepared):
    run = tmp_path_factory.mktemp("stack")
    with ExitStack() as stack:
        # No PDF edition is made: one arriving from the task worker mid-test
        # changes the brief page (its PDF link), as an edit would.
        yield run_stack(
            stack,
            run,
            Ports.free(),
            from_prepared(prepared, run),
            workers=2,
            HIIA_PDF_EDITIONS="0",
        )


class Refused(Exception):
    """nginx closed the connection without an answer (its 444)."""


def ask(site, path, host=None, headers=(), target=None):
    """The body nginx answers ``GET path`` with, sent with exactly this Host (none
    if ``host`` is ""), and ``target`` as the request line's URL if given."""
    connection = http.client.HTTPConnection("127.0.0.1", site.ports.nginx, timeout=10)
    try:
        connection.putrequest("GET", target or path, skip_host=True)
        host = site.url.split("://")[1] if host is None else host
        if host:
            connection.putheader("Host", host)
        for name, value in headers:
            connection.putheader(name, value)
        connection.endheaders()
        try:
            response = connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError) as closed:
            raise Refused(host) from closed
        return response.status, response.read()
    finally:
        connection.close()


# --- One origin ---------------------------------------------------------------------

# What the site answers a reader who asks at its origin: the same bytes.
READ = [
    "/feed/",
    "/sitemap.xml",
    "/api/briefs/",
    "/api/meetings/",
    BRIEF,
    BRIEF + "cite.bib",
]


def poisoned_hosts(site):
    port = site.ports.nginx
    return [
        "127.0.0.1:6666",
        f"localhost:{port}",
        "localhost",
        "127.0.0.1",
        f"evil.example:{port}",
        f"127.0.0.1:{port}.evil.example",
        f"127.0.0.1:{port}@evil.example",
    ]


def answered(site, path, host):
    """Whether nginx answered (rather than closed the connection)."""
    try:
        ask(site, path, host)
    except Refused:
        return False
    return True


def test_a_poisoned_host_changes_no_other_readers_answer_and_is_refused(site):
    ordinary = {path: ask(site, path) for path in READ}
    assert {status for status, _body in ordinary.values()} == {200}
    # Past the micro-cache's second, so a poisoned request would be the one
    # to fill it.
    time.sleep(2.1)
    answered_hosts = set()
    for path in READ:
        answered_hosts |= {
            host for host in poisoned_hosts(site) if answered(site, path, host)
        }
        # The origin's Host with another name in the request line, or in
        # headers some servers believe: answered, as the origin.
        assert (
            ask(site, path, target=f"http://evil.example:6666{path}")
            == (ordinary[path])
        )
        assert (
            ask(
                site,
                path,
                headers=[
                    ("X-Forwarded-Host", "evil.example:6666"),
                    ("X-Forwarded-Proto", "https"),
                ],
            )
            == (ordinary[path])
        )
    changed = [path for path in READ if ask(site, path) != ordinary[path]]
    assert changed == []
    assert answered_hosts == set()


def test_the_language_a_browser_asks_for_never_decides_a_kept_page(site):
    """The language is in the address (/hu/…), never taken from Accept-Language
    or a cookie, so nginx keys a page by its address alone: a Hungarian browser
    filling the micro-cache with an English address leaves English there."""
    hungarian_browser = [
        ("Accept-Language", "hu-HU,hu;q=0.9"),
        ("Cookie", "django_language=hu"),
    ]
    time.sleep(2.1)  # past the micro-cache's second: these fill it
    for path, language in [("/", "en"), (BRIEF, "en"), ("/hu/", "hu")]:
        status, body = ask(site, path, headers=hungarian_browser)
        assert status == 200
        assert f'<html lang="{language}">'.encode() in body, path
        # The next reader, whatever their browser, gets the address's language.
        assert f'<html lang="{language}">'.encode() in ask(site, path)[1], path
    status, body = ask(site, "/hu/", headers=[("Accept-Language", "en")])
    assert b'<html lang="hu">' in body


# --- A second at most -----------------------------------------------------------------


ACTOR = "/actors/keith-kellogg/"
EDITS = 8


# Run by ``manage.py shell`` against the stack's database, each edit one
# transaction, the time each committed written to the file named by
# COMMITTED. SQLite refuses a write at once while another process holds the
# lock: it is tried again.
EDIT_POSITIONS = f"""
import os, random, time
from django.db import OperationalError, transaction
from briefs.models import Actor
for number in range({EDITS}):
    time.sleep(2 + random.random())
    for attempt in range(50):
        try:
            with transaction.atomic():
                actor = Actor.objects.get(slug="keith-kellogg")
                actor.position = f"Position {{number}}"
                actor.save()
            break
        except OperationalError:
            time.sleep(0.05)
    else:
        raise SystemExit("the edit never committed")
    with open(os.environ["COMMITTED"], "a") as committed:
        print(time.time(), file=committed)
"""


def edit_positions(site, folder):
    """Set the actor's position to "Position 0", "Position 1", … 2 to 3 s
    apart, at random points of the second; the time each edit committed."""
    committed = folder / "committed"
    manage({**site.env, "COMMITTED": str(committed)}, "shell", "-c", EDIT_POSITIONS)
    return [float(line) for line in committed.read_text().split()]


def position_shown(body):
    """The number of the newest edit a page shows; -1 before the first."""
    found = re.search(rb"Position (\d+)", body)
    return int(found[1]) if found else -1


def test_a_page_is_never_served_a_second_after_an_edit_it_does_not_show(site, tmp_path):
    answers = []  # (time the request was sent, the edit its page shows)
    done = threading.Event()

    def read():
        while not done.is_set():
            sent = time.time()
            answers.append((sent, position_shown(ask(site, ACTOR)[1])))
            time.sleep(random.uniform(0.002, 0.01))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        committed = edit_positions(site, tmp_path)
        time.sleep(2.5)
    finally:
        done.set()
        reader.join()

    # For each edit, how long after it committed a page without it was
    # still asked for and served.
    late = [
        max(
            (sent - at for sent, shown in answers if sent > at and shown < number),
            default=0.0,
        )
        for number, at in enumerate(committed)
    ]
    # Each edit was read through nginx many times.
    assert len(committed) == EDITS
    assert len(answers) > 50 * EDITS
    assert max(late) < 1.0, [f"{seconds:.2f}" for seconds in late]
