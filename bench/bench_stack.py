"""
The whole production stack under load: wrk through nginx, next to the
issue's targets.

    .venv/bin/python bench/bench_stack.py [--briefs 1000] [--duration 10]

Starts a PostgreSQL cluster of its own, Redis, gunicorn (2 workers) and
nginx on free loopback ports (deploy/stack.py), generates a corpus
(``generate_corpus``), then loads each page with wrk, one page at a time
once gunicorn has served the last one's queue: the brief page
through nginx next to nginx serving the same bytes as a file, search,
/actors/ and /timeline/ through nginx and straight from gunicorn, and
search's server time per request from gunicorn's log. Needs Debian's
nginx-light, redis-server, wrk and postgresql.
"""

import argparse
import re
import statistics
import urllib.request
from contextlib import ExitStack

from load import check_programs, stack_over_postgres, wait_until_idle, wrk

SEARCH = "/search/?q=sanctions"


def served_ms(log, path):
    """gunicorn's own time for each request of ``path`` (its %(M)s field)."""
    pattern = re.compile(rf'"GET {re.escape(path)} HTTP/1\.1" \d+ \d+ (\d+)ms')
    return [int(match[1]) for match in pattern.finditer(log.read_text())]


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000, help="generated briefs")
    parser.add_argument("--duration", type=int, default=10, help="seconds a page")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()
    check_programs()

    with ExitStack() as stack:
        site, _, run = stack_over_postgres(stack, args.workers, args.briefs)
        with urllib.request.urlopen(site.gunicorn_url + "/") as response:
            front = response.read().decode()
        brief = re.search(r'href="(/briefs/[^/"]+/)"', front)[1]
        with urllib.request.urlopen(site.url + brief) as response:
            (run / "static" / "bench-brief.html").write_bytes(response.read())

        def load(url, connections=args.connections):
            figures = wrk(url, args.duration, connections)
            wait_until_idle(site.gunicorn_url + "/health/")
            return figures

        # Straight to gunicorn, as many connections as it has threads: more
        # would only queue in its backlog.
        threads = args.workers * 4

        def direct(path):
            return load(site.gunicorn_url + path, connections=threads)

        print(
            f"{args.briefs} generated briefs on PostgreSQL, {args.workers} gunicorn "
            f"workers, wrk -c{args.connections} -d{args.duration}s"
        )
        static = load(site.url + "/static/bench-brief.html")
        through = load(site.url + brief)
        print(static.line("nginx: the brief page as a file"))
        print(through.line("stack: brief page (nginx)"))
        print(direct(brief).line("gunicorn: brief page (page cache)"))
        ratio = through.per_second / static.per_second
        print(f"  ratio stack/file {ratio:.2f}   (target >= 0.5)")

        search = load(site.url + SEARCH)
        print(search.line(f"stack: {SEARCH}"))
        print(direct(SEARCH).line(f"gunicorn: {SEARCH}"))
        times = served_ms(run / "gunicorn.log", SEARCH)
        p50 = statistics.median(times) if times else float("nan")
        print(
            f"  search server time p50 {p50:.0f} ms over {len(times)} requests "
            "(target <= 20 ms); through the stack "
            f"{search.per_second:,.0f} req/s (target >= 200)"
        )
        for path in ("/actors/", "/timeline/"):
            figures = load(site.url + path)
            print(figures.line(f"stack: {path}") + "   (target >= 300 req/s)")
            print(direct(path).line(f"gunicorn: {path}"))


if __name__ == "__main__":
    main()
