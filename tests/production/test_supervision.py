"""
The stack stays up (issue 19, finding 1): a PostgreSQL restart or a Redis
crash stops no program, a program killed with SIGKILL is started again by
supervisord, and every page answers again within seconds, with no manual step.
"""

import os
import signal
import subprocess
import time

import pytest

from tests.helpers import (
    BRIEF_URL,
    STACK_TESTS,
    seconds_until_answered,
    stack_manage,
)

# On the one worker that starts the supervised stack (make test's --dist loadgroup).
pytestmark = [*STACK_TESTS, pytest.mark.xdist_group("supervised")]

# What a reader asks (nginx may cache these a second) and what is never cached.
PAGES = [BRIEF_URL, "/search/?q=minsk", "/health/"]
# How long the site may take to come back before a test calls it down for
# good: a deadline for failing, not the speed target (bench/bench_faults.py
# measures the seconds, target 5, on a quiet machine).
GIVE_UP_AFTER = 60


def urls(site):
    return [site.url + path for path in PAGES]


def run_a_job(site, timeout=30):
    """Enqueue a job (the publishing of what is due) and wait until the worker ran it."""
    job = stack_manage(
        site,
        "shell",
        "--no-imports",
        "-c",
        "from briefs.domain.publishing import publish_due_job;"
        "print(publish_due_job.enqueue().id)",
    ).strip()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = stack_manage(
            site,
            "shell",
            "--no-imports",
            "-c",
            "from django_tasks_db.models import DBTaskResult;"
            f"print(DBTaskResult.objects.get(id={job!r}).status)",
        ).strip()
        if status == "SUCCESSFUL":
            return
        time.sleep(0.5)
    raise AssertionError(f"the job is {status} after {timeout} s")


def pids(site):
    return {info["name"]: info["pid"] for info in site.info()}


def test_a_postgresql_restart_stops_no_program(supervised):
    site = supervised.site
    before = pids(site)

    supervised.postgres.restart()

    seconds_until_answered(urls(site), timeout=GIVE_UP_AFTER)
    # The task worker waited for the database instead of exiting with
    # "the database system is shutting down".
    time.sleep(2)
    assert pids(site) == before, site.log_tail("gunicorn", "db_worker")
    assert set(site.states().values()) == {"RUNNING"}, site.log_tail()
    run_a_job(site)


def test_a_redis_crash_is_restarted_by_the_supervisor(supervised):
    site = supervised.site
    redis = site.pid("redis")

    os.kill(redis, signal.SIGKILL)

    site.wait_until_running("redis", other_than=redis, timeout=30)
    seconds_until_answered(urls(site), timeout=GIVE_UP_AFTER)
    assert set(site.states().values()) == {"RUNNING"}


@pytest.mark.parametrize("program", ["nginx", "db_worker", "gunicorn"])
def test_a_program_killed_is_started_again(supervised, program):
    site = supervised.site
    killed = site.pid(program)

    os.kill(killed, signal.SIGKILL)

    site.wait_until_running(program, other_than=killed, timeout=30)
    seconds_until_answered(urls(site), timeout=GIVE_UP_AFTER)
    assert set(site.states().values()) == {"RUNNING"}
    if program == "db_worker":
        run_a_job(site)
    # Nothing of the killed program is left behind for long (nginx's workers
    # outlive their master, holding its port; gunicorn's notice theirs died).
    assert gone_within(GIVE_UP_AFTER, killed)


def test_a_gunicorn_worker_killed_is_replaced(supervised):
    site = supervised.site
    master = site.pid("gunicorn")
    worker = children_of(master)[0]

    os.kill(worker, signal.SIGKILL)

    seconds_until_answered(urls(site), timeout=GIVE_UP_AFTER)
    assert site.pid("gunicorn") == master
    deadline = time.monotonic() + 30
    while len(children_of(master)) < 2:
        assert time.monotonic() < deadline, "no worker took the killed one's place"
        time.sleep(0.1)


def children_of(pid):
    found = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True
    ).stdout.split()
    return [int(child) for child in found]


def gone_within(seconds, killed):
    """Whether the killed program's processes are all gone within ``seconds``."""
    deadline = time.monotonic() + seconds
    while left_of(killed):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def left_of(killed):
    """Processes of the killed program's process group still alive."""
    return [
        int(pid)
        for pid in os.listdir("/proc")
        if pid.isdigit() and group_of(int(pid)) == killed
    ]


def group_of(pid):
    try:
        return os.getpgid(pid)
    except OSError:
        return None
