"""
Faults under load on the stack as ``make serve`` runs it (every program under
supervisord, deploy/stack.py): PostgreSQL restarted; Redis, a gunicorn
worker, the task worker and nginx killed with SIGKILL. For each, the
requests that failed through nginx, during the restart and after it, the
seconds until every page answered again once the service was back, and at
the end the jobs lost.

    .venv/bin/python bench/bench_faults.py [--window 10] [--clients 3] [--lease 30]

Starts the stack over a PostgreSQL cluster of its own (so the restart
disturbs no other database on the machine) and keeps a few clients asking
nginx for a brief page and a search (which nginx may keep a second) and
``/health/`` (never kept: PostgreSQL and Redis each time). One fault a
window. Meanwhile a scheduled brief falls due in each window, and the task
worker is killed in the middle of an import of 60,000 actors: a job is lost
if it never ends (the import must fail saying so, within the task lease)
and a brief if it is never published. Targets: no failure for the pages
nginx may keep, the others only while the service is away; every page within
5 s after it is back; no job lost.
"""

import argparse
import datetime
import http.client
import os
import signal
import subprocess
import threading
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field

from load import check_programs, stack_over_postgres

from deploy.stack import wait_for_port

BRIEF = "/briefs/kellogg-visit-to-belarus-turning-point-or-tactical-move/"
# Path, and whether nginx may serve it from its one-second cache.
PAGES = {
    "brief page": (BRIEF, True),
    "search": ("/search/?q=minsk", True),
    "/health/": ("/health/", False),
}
BACK_WITHIN = 5
IMPORT_ROWS = 60_000
LEAD = 3  # seconds of load before each fault


@dataclass
class Target:
    name: str
    port: int
    path: str
    cacheable: bool
    outcomes: list = field(default_factory=list)  # (time, None or what went wrong)

    def client(self, done):
        """Ask again and again on one keep-alive connection, as a browser does;
        a new connection after any failure."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        while not done.is_set():
            try:
                connection.request("GET", self.path)
                response = connection.getresponse()
                response.read()
                wrong = None if response.status == 200 else f"HTTP {response.status}"
            except ConnectionRefusedError:
                wrong = "refused"
            except (http.client.RemoteDisconnected, ConnectionResetError):
                wrong = "connection closed"
            except TimeoutError:
                wrong = "timed out"
            except (OSError, http.client.HTTPException) as error:
                wrong = type(error).__name__
            if wrong:
                connection.close()
                time.sleep(0.01)  # a refused connection comes back at once
            self.outcomes.append((time.monotonic(), wrong))

    def report(self, start, back, end):
        """Failures in [start, end), of which after ``back``; seconds from ``back``
        until the last failure (0 if none came after it)."""
        window = [outcome for outcome in self.outcomes if start <= outcome[0] < end]
        failures = [(moment, wrong) for moment, wrong in window if wrong]
        after = [moment for moment, _ in failures if moment >= back]
        recovery = max(0.0, (failures[-1][0] - back) if failures else 0.0)
        kind = "kept by nginx" if self.cacheable else "never kept"
        line = f"    {self.name:<11} ({kind}) {len(window):6} requests, {len(failures):4} failed"
        if failures:
            kinds = Counter(wrong for _, wrong in failures)
            line += " (" + ", ".join(f"{n} {what}" for what, n in kinds.items()) + ")"
            line += (
                f", {len(after)} after it was back; all answer {recovery:.1f} s after"
            )
        return line, len(failures), recovery


# --- Faults: each returns the moment the service is back --------------------------


def restart_postgres(site, postgres, bookkeeping):
    bookkeeping.start = time.monotonic()
    postgres.restart()
    return time.monotonic()


def kill(name, port=None):
    def fault(site, postgres, bookkeeping):
        # The moment of the fault is its start: what comes before is preparation.
        bookkeeping.start = time.monotonic()
        killed = site.pid(name)
        os.kill(killed, signal.SIGKILL)
        started = started_again(site, name, killed)
        if port is not None:
            wait_for_port(port(site), site.supervisor)
        return started

    return fault


def kill_a_gunicorn_worker(site, postgres, bookkeeping):
    master = site.pid("gunicorn")
    workers = children_of(master)
    bookkeeping.start = time.monotonic()
    os.kill(workers[0], signal.SIGKILL)
    while len(children_of(master)) < len(workers):
        time.sleep(0.01)
    return time.monotonic()


def kill_the_task_worker_mid_import(site, postgres, bookkeeping):
    bookkeeping.killed_import = bookkeeping.import_underway()
    return kill("db_worker")(site, postgres, bookkeeping)


def started_again(site, name, killed, timeout=60):
    """The moment supervisord has started ``name`` again, as another process."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid = site.pid(name)
        if pid and pid != killed:
            return time.monotonic()
        time.sleep(0.01)
    raise RuntimeError(f"{name} not started again after {timeout} s")


def children_of(pid):
    found = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True
    ).stdout.split()
    return [int(child) for child in found]


FAULTS = [
    ("PostgreSQL restart (pg_ctl restart -m fast)", restart_postgres),
    ("Redis killed (SIGKILL)", kill("redis", lambda site: site.ports.redis)),
    ("a gunicorn worker killed (SIGKILL)", kill_a_gunicorn_worker),
    ("the task worker killed mid-import (SIGKILL)", kill_the_task_worker_mid_import),
    ("nginx killed (SIGKILL)", kill("nginx", lambda site: site.ports.nginx)),
]


# --- Jobs: scheduled briefs and an import, read in this process ----------------


class Bookkeeping:
    """The stack's database and Redis, through Django in this process."""

    def __init__(self, site):
        os.environ.update(site.env)
        import django

        django.setup()
        self.scheduled = []
        self.killed_import = None
        self.start = None  # the moment of the fault under way

    def schedule(self, slug, seconds):
        """A brief in review, scheduled to go public in ``seconds``."""
        from django.db import close_old_connections
        from django.utils import timezone

        from briefs.domain.publishing import publication_publish
        from briefs.models import Publication

        close_old_connections()  # this process's, after a restart of PostgreSQL
        brief = Publication.objects.create(
            slug=slug,
            title=f"Scheduled {slug}",
            series="Bench",
            publisher="Bench",
            publication_date=datetime.date(2025, 1, 1),
            status=Publication.Status.IN_REVIEW,
        )
        at = timezone.now() + datetime.timedelta(seconds=seconds)
        publication_publish(publication=brief, user=None, at=at)
        self.scheduled.append(slug)

    def import_underway(self, timeout=120):
        """An import of IMPORT_ROWS actors, enqueued and writing its rows."""
        from briefs.curation import jobs
        from briefs.models import Upload

        rows = "".join(f"bench-{n},Bench {n},person\n" for n in range(IMPORT_ROWS))
        upload = Upload.objects.keep(
            ("slug,name,kind\n" + rows).encode(), name="bench.csv"
        )
        job = jobs.import_upload.enqueue(
            "actor", str(upload.pk), "csv", "bench.csv", None
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            progress = jobs.progress_of(job.id) or {}
            if progress.get("stage") == "importing" and progress["done"]:
                return job.id
            time.sleep(0.05)
        raise RuntimeError(f"the import is not writing after {timeout} s")

    def settled(self, timeout):
        """Wait until no job is due or running; the figures of the jobs."""
        from django.db import close_old_connections
        from django_tasks_db.models import DBTaskResult

        from briefs.models import Actor, Publication

        def unfinished():
            jobs = DBTaskResult.objects
            return jobs.running().count() + jobs.ready().count()

        close_old_connections()
        deadline = time.monotonic() + timeout
        while unfinished() and time.monotonic() < deadline:
            time.sleep(0.5)
        jobs = DBTaskResult.objects.all()
        killed = jobs.get(id=self.killed_import) if self.killed_import else None
        return {
            "jobs": jobs.count(),
            "successful": jobs.filter(status="SUCCESSFUL").count(),
            "failed": jobs.filter(status="FAILED").count(),
            "lost": unfinished(),
            "published": Publication.objects.filter(
                slug__in=self.scheduled, status=Publication.Status.PUBLISHED
            ).count(),
            "killed import": (
                f"{killed.status} ({killed.exception_class_path or 'no error'}); "
                f"{Actor.objects.filter(slug__startswith='bench-').count()} rows written"
                if killed
                else "none"
            ),
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument(
        "--window", type=float, default=10, help="seconds measured from each fault"
    )
    parser.add_argument("--clients", type=int, default=3, help="clients a page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--lease", type=float, default=30, help="the task lease, seconds (TASK_LEASE)"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="WORD",
        help="only the faults whose name has WORD (postgresql, redis, gunicorn, "
        "task worker, nginx); may be given again",
    )
    args = parser.parse_args()
    check_programs()
    faults = [
        (label, fault)
        for label, fault in FAULTS
        if not args.only or any(word.lower() in label.lower() for word in args.only)
    ]

    with ExitStack() as stack:
        site, postgres, _run = stack_over_postgres(
            stack, args.workers, briefs=0, TASK_LEASE_SECONDS=str(args.lease)
        )
        bookkeeping = Bookkeeping(site)
        targets = [
            Target(name, site.ports.nginx, path, cacheable)
            for name, (path, cacheable) in PAGES.items()
        ]
        done = threading.Event()
        threads = [
            threading.Thread(target=target.client, args=(done,))
            for target in targets
            for _ in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        results = []
        for number, (label, fault) in enumerate(faults):
            # Load before the fault; a brief due a second into it.
            bookkeeping.schedule(f"bench-due-{number}", LEAD + 1)
            time.sleep(LEAD)
            back = fault(site, postgres, bookkeeping)
            start = bookkeeping.start
            time.sleep(max(0.0, start + args.window - time.monotonic()))
            results.append((label, start, back, time.monotonic()))
        done.set()
        for thread in threads:
            thread.join()
        figures = bookkeeping.settled(timeout=args.lease + 60)

        print(
            f"{args.clients} clients a page through nginx, {args.workers} gunicorn "
            f"workers, {args.window:g} s measured from each fault, "
            f"task lease {args.lease:g} s"
        )
        worst = {True: 0, False: 0}
        slowest = 0.0
        for label, start, back, end in results:
            print(f"{label}: back after {back - start:.1f} s")
            for target in targets:
                line, failed, recovery = target.report(start, back, end)
                print(line)
                worst[target.cacheable] += failed
                slowest = max(slowest, recovery)
        print(
            f"Failed requests, pages nginx may keep: {worst[True]} (target 0); "
            f"never kept: {worst[False]} (target: only while the service is away)"
        )
        print(
            f"Every page answering again after the service was back: {slowest:.1f} s "
            f"at the most (target <= {BACK_WITHIN} s)"
        )
        print(
            f"Jobs: {figures['jobs']}, {figures['successful']} successful, "
            f"{figures['failed']} failed saying why, {figures['lost']} lost (target 0); "
            f"scheduled briefs published {figures['published']} of {len(faults)}; "
            f"the killed import: {figures['killed import']}"
        )
        states = site.states()
        print(f"Programs at the end: {states}")
        healthy = not any(
            wrong for target in targets for _, wrong in target.outcomes[-5:]
        )
        print(f"Every page answering 200 at the end: {healthy}")


if __name__ == "__main__":
    main()
