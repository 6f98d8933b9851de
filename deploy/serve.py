"""
``make serve``: the production stack on this machine, in the foreground.

nginx on 127.0.0.1:8080 (plain HTTP: DJANGO_HTTPS=0) in front of gunicorn's
workers, the task worker, Redis as the shared cache, the machine's
PostgreSQL (deploy/postgres.sh has started it and made the role and
database), every program under supervisord, which starts it again whenever
it exits (deploy/stack.py). Migrations, collectstatic and the shipped briefs
are run first. Every file the servers write is under run/ (git-ignored).
Ctrl-C stops everything.
"""

import argparse
import os
import signal
import sys
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy.stack import (  # noqa: E402
    ROOT,
    Ports,
    configure,
    missing_programs,
    run_stack,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--port", type=int, default=8080, help="nginx's port")
    parser.add_argument("--gunicorn-port", type=int, default=8001)
    parser.add_argument("--redis-port", type=int, default=6380)
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", "3")),
        help="gunicorn workers (default WEB_CONCURRENCY or 3)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "DATABASE_URL", "postgres://hiia:hiia@127.0.0.1:5432/hiia"
        ),
    )
    parser.add_argument(
        "--run",
        type=Path,
        default=ROOT / "run",
        help="the folder of every file the servers write (default run/)",
    )
    parser.add_argument(
        "--configure-only",
        action="store_true",
        help="write <run>/nginx/nginx.conf and <run>/supervisord.conf, start "
        "nothing (deploy/systemd/hiia-prepare.service)",
    )
    args = parser.parse_args()
    run = args.run.resolve()
    ports = Ports(nginx=args.port, gunicorn=args.gunicorn_port, redis=args.redis_port)
    if args.configure_only:
        configure(run, ports, args.workers, access_log=run / "nginx" / "access.log")
        return
    if missing := missing_programs():
        raise SystemExit(f"missing: apt-get install {' '.join(missing)}")

    with ExitStack() as stack:
        # supervisord has Ctrl-C too (it shares the terminal): it stops every
        # program and exits, which this process waits for.
        site = run_stack(
            stack,
            run,
            ports,
            args.database_url,
            args.workers,
            access_log=run / "nginx" / "access.log",
            output=sys.stdout,
        )
        print(f"Site:   {site.url}/  (nginx; {args.workers} gunicorn workers)")
        print(f"Health: {site.url}/health/")
        print(f"Logs:   {run}/*.log, {run}/nginx/access.log")
        print(
            "Admin:  make an account with "
            f"DJANGO_DEBUG=1 DATABASE_URL={args.database_url} "
            ".venv/bin/python manage.py createsuperuser"
        )
        print(
            "Every program starts again by itself if it stops "
            f"(.venv/bin/supervisorctl -c {run}/supervisord.conf status)."
        )
        print("Ctrl-C stops the stack.")
        try:
            site.supervisor.wait()
        except KeyboardInterrupt:
            print("Stopping.")
            # A second Ctrl-C while the programs stop is not an error either.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
    if site.supervisor.returncode:
        raise SystemExit(f"supervisord stopped: see {run}/supervisord.log")


if __name__ == "__main__":
    main()
