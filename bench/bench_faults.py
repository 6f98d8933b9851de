"""
PostgreSQL and Redis restarted under load: how many requests fail, and how
long until every request succeeds again, with no manual step.

    .venv/bin/python bench/bench_faults.py [--seconds 24] [--clients 8]

Starts the production stack over a PostgreSQL cluster of its own (so the
restart disturbs no other database on the machine) and keeps a few
clients requesting a brief page (Redis's page cache) and a search (the
database, every time), through nginx and straight from gunicorn. A third
of the way in PostgreSQL restarts, two thirds in Redis does. Each client
loops for a bounded time on loopback only.
"""

import argparse
import http.client
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field

from load import check_programs, stack_over_postgres

from deploy.stack import start_redis, stop

PATHS = {"brief page": None, "search": "/search/?q=minsk"}


@dataclass
class Target:
    name: str
    port: int
    path: str
    outcomes: list = field(default_factory=list)  # (time, ok)

    def client(self, until):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        while time.monotonic() < until:
            try:
                connection.request("GET", self.path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
            self.outcomes.append((time.monotonic(), ok))

    def report(self, label, start, end):
        """Failures between ``start`` and the next restart (or the end), and recovery time."""
        window = [(moment, ok) for moment, ok in self.outcomes if start <= moment < end]
        failures = [moment for moment, ok in window if not ok]
        if not failures:
            return f"  {self.name:<28} {label}: {len(window)} requests, 0 failed"
        recovered = next(
            (moment for moment, ok in window if ok and moment > failures[-1]), None
        )
        recovery = (
            f"{recovered - start:.1f} s" if recovered else "not within the window"
        )
        return (
            f"  {self.name:<28} {label}: {len(window)} requests, "
            f"{len(failures)} failed, all succeed again {recovery} after the restart began"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--seconds", type=int, default=24, help="length of the load")
    parser.add_argument("--clients", type=int, default=4, help="clients per target")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()
    check_programs()

    with ExitStack() as stack:
        site, postgres, run = stack_over_postgres(stack, args.workers, briefs=0)
        brief = "/briefs/kellogg-visit-to-belarus-turning-point-or-tactical-move/"
        targets = [
            Target(f"{name} via {server}", port, path or brief)
            for name, path in PATHS.items()
            for server, port in (
                ("nginx", site.ports.nginx),
                ("gunicorn", site.ports.gunicorn),
            )
        ]
        begin = time.monotonic()
        until = begin + args.seconds
        threads = [
            threading.Thread(target=target.client, args=(until,))
            for target in targets
            for _ in range(args.clients)
        ]
        for thread in threads:
            thread.start()

        time.sleep(args.seconds / 3)
        postgres_restart = time.monotonic()
        postgres.restart()
        postgres_took = time.monotonic() - postgres_restart

        time.sleep(max(0.0, begin + 2 * args.seconds / 3 - time.monotonic()))
        redis_restart = time.monotonic()
        stop(site.processes["redis-server"])
        site.processes["redis-server"] = start_redis(stack, run, site.ports.redis)
        redis_took = time.monotonic() - redis_restart

        for thread in threads:
            thread.join()
        print(
            f"{args.clients} clients a target for {args.seconds} s, "
            f"{args.workers} gunicorn workers"
        )
        print(f"PostgreSQL restart (pg_ctl restart -m fast) took {postgres_took:.1f} s")
        for target in targets:
            print(target.report("PostgreSQL", postgres_restart, redis_restart))
        print(f"Redis restart (stop, start) took {redis_took:.1f} s")
        for target in targets:
            print(target.report("Redis", redis_restart, until))
        healthy = all(ok for target in targets for moment, ok in target.outcomes[-5:])
        print(f"Every target answering 200 at the end: {healthy}")


if __name__ == "__main__":
    main()
