"""
The public API and the dataset release on a generated corpus of 1,000 briefs.

    .venv/bin/python bench/bench_api.py [--briefs 1000] [--duration 10]
                                        [--database-url postgres://…] [--no-cache]

Generates the corpus (``generate_corpus --seed 1 --no-history``) into a
throw-away SQLite database, or into --database-url (which it empties with
``flush`` first), then:

1. serves it with gunicorn (2 workers, DEBUG off) and loads an API list
   page, ``/api/meetings/`` (50 meetings with their participants, dates,
   releases and briefs), with wrk: requests per second, against the
   issue's 300. The rate limit is raised out of the way for the one client
   wrk is. Answers are kept in the cache as the site's pages are, so this
   is the rate of answers already made; ``--no-cache`` measures making
   each one.
2. times ``release_dataset`` and its peak memory (max RSS of the command),
   against ``export_table`` of every table one after another (the sum of
   their times, the largest of their peaks).

Needs Debian's wrk. Prints the figures; writes nothing outside a temporary
folder but the database it is given.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_reading import free_port, gunicorn_command, start, wait_until_served, wrk  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def measured(env, *arguments):
    """``manage.py *arguments``: (seconds, peak memory in MB) of that command alone."""
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=env,
            stdout=stdout,
            stderr=stderr,
        )
        # wait4, not wait: the rusage of this child alone.
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        if os.waitstatus_to_exitcode(status) != 0:
            stderr.seek(0)
            raise SystemExit(
                f"{arguments[0]} failed:\n{stderr.read().decode()[-2000:]}"
            )
    return seconds, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--database-url", default="", help="a database to empty and fill instead"
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="turn the cache off: measure making each answer",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    with ExitStack() as stack:
        tmp = Path(tempfile.mkdtemp(prefix="hiia-bench-api-"))
        stack.callback(shutil.rmtree, tmp, ignore_errors=True)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_HTTPS": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_CONN_MAX_AGE": "600",
            "DATABASE_URL": args.database_url or f"sqlite:///{tmp / 'db.sqlite3'}",
            "BENCH_STATIC_ROOT": str(tmp / "static"),
            "DJANGO_DATASET_ROOT": str(tmp / "datasets"),
            "API_THROTTLE_RATE": "1000000/s",
            "BENCH_CACHE": "none" if args.no_cache else "",
        }

        def manage(*arguments):
            subprocess.run(
                [sys.executable, "manage.py", *arguments],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
            )

        manage("collectstatic", "--noinput")
        manage("migrate", "--noinput")
        if args.database_url:
            manage("flush", "--noinput")
        started = time.monotonic()
        manage(
            "generate_corpus",
            "--briefs",
            str(args.briefs),
            "--seed",
            "1",
            "--no-history",
        )
        print(
            f"Corpus of {args.briefs:,} briefs generated in "
            f"{time.monotonic() - started:.0f} s "
            f"({'PostgreSQL' if args.database_url else 'SQLite'})."
        )

        port = free_port()
        start(
            stack,
            gunicorn_command(port, args.workers),
            cwd=ROOT,
            env=env,
        )
        for path in ("/api/meetings/", "/api/briefs/"):
            url = f"http://127.0.0.1:{port}{path}"
            wait_until_served(url)
            rate, _requests = wrk(url, args.duration, args.connections, 2)
            print(
                f"{path:<18}{rate:8.0f} req/s on {args.workers} gunicorn workers "
                f"({args.connections} connections, "
                f"{'no cache' if args.no_cache else 'cached answers'}; target 300)"
            )

        seconds, peak = measured(env, "release_dataset", "-o", str(tmp / "package"))
        print(f"release_dataset          {seconds:6.1f} s  peak {peak:5.0f} MB")
        descriptor = json.loads((tmp / "package" / "datapackage.json").read_text())
        total, highest = 0.0, 0.0
        for table in (resource["name"] for resource in descriptor["resources"]):
            spent, used = measured(
                env, "export_table", table, "-o", str(tmp / f"{table}.csv")
            )
            total += spent
            highest = max(highest, used)
        print(
            f"export_table, each table {total:6.1f} s  peak {highest:5.0f} MB "
            "(the sum of 12 commands; the largest peak)"
        )


if __name__ == "__main__":
    main()
