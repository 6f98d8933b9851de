"""
nginx's micro-cache in front of the stack: what it keeps, for whom.

One stack (deploy/stack.py: nginx, two gunicorn workers, Redis, a throw-away
SQLite database) for the module. A client's Host header never reaches
another reader: the site answers at its origin only, and what it keeps is
the same bytes whoever asked.
"""

import http.client
import time
from contextlib import ExitStack

import pytest

from deploy.stack import Ports, missing_programs, run_stack
from tests.helpers import SEED_SLUG

pytestmark = [
    pytest.mark.stack,
    pytest.mark.skipif(
        bool(missing_programs()),
        reason="the stack needs Debian's nginx-light and redis-server "
        "(make test and .ci/run install them as root)",
    ),
]

BRIEF = f"/briefs/{SEED_SLUG}/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    run = tmp_path_factory.mktemp("stack")
    with ExitStack() as stack:
        yield run_stack(
            stack, run, Ports.free(), f"sqlite:///{run / 'db.sqlite3'}", workers=2
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
