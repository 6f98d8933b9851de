"""
How fast the brief page is served: Django under gunicorn next to nginx
serving the same HTML as a static file, both loaded with wrk on 127.0.0.1.

    .venv/bin/python bench/bench_reading.py [--duration 10] [--no-cache]

Sets up a throw-away SQLite database (or uses --database-url) with the
shipped fixtures, runs gunicorn with DEBUG off and persistent database
connections, saves the page it serves, serves that file with nginx
(non-daemon, its own config and prefix in a temporary folder, another
port), runs wrk against each in turn for --duration seconds, prints both
requests per second and their ratio, then stops both servers. Needs the
Debian packages wrk and nginx-light (or nginx).

With --no-cache it prints two figures for gunicorn, each with the workers'
CPU time per request: the steady state, where every request is served
from the brief's stored article (briefs.reading.articles), and the cold
render, the first request after an edit, where the stored article is not
current: each request carries X-Bench-Edit, for which a bench-only
middleware (bench/middleware.py) moves the page generation on first, so the
page is rendered and stored again.
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NGINX_CONF = """\
worker_processes {workers};
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    client_body_temp_path {tmp}/nginx-temp/body;
    proxy_temp_path {tmp}/nginx-temp/proxy;
    fastcgi_temp_path {tmp}/nginx-temp/fastcgi;
    uwsgi_temp_path {tmp}/nginx-temp/uwsgi;
    scgi_temp_path {tmp}/nginx-temp/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {tmp}/www;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""


def gunicorn_command(port, workers):
    """gunicorn serving the app on ``port``, with its workers as the production
    stack runs them (deploy/gunicorn.conf.py: threaded)."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "hiia.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        "4",
        "--log-level",
        "warning",
    ]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_served(url, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


# Each request comes after an edit (bench/middleware.py).
EVERY_REQUEST_AFTER_AN_EDIT = """\
function request()
  return wrk.format(nil, nil, {["X-Bench-Edit"] = "1"})
end
"""


def wrk(url, duration, connections, threads, script=None):
    """Requests per second wrk measures and the requests it made; fails if any
    response was not a 2xx/3xx."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", url]
    if script:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx or 3xx responses" in output:
        raise SystemExit(f"wrk saw errors from {url}:\n{output}")
    requests = int(re.search(r"([0-9]+) requests in", output)[1])
    return float(re.search(r"Requests/sec:\s+([0-9.]+)", output)[1]), requests


def cpu_seconds(parent):
    """User and system CPU seconds of the processes ``parent`` started (gunicorn's workers)."""
    children = Path(f"/proc/{parent.pid}/task/{parent.pid}/children").read_text()
    total = 0
    for pid in children.split():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def measured(gunicorn, url, args, script=None):
    """(requests per second, the workers' CPU milliseconds per request)."""
    before = cpu_seconds(gunicorn)
    rps, requests = wrk(url, args.duration, args.connections, args.threads, script)
    return rps, (cpu_seconds(gunicorn) - before) * 1000 / requests


def start(stack, command, **kwargs):
    """Start a server; the stack stops it (SIGTERM, then SIGKILL) on the way out."""
    process = subprocess.Popen(command, **kwargs)

    def stop():
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    stack.callback(stop)
    return process


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument(
        "--duration", type=int, default=10, help="seconds of load on each server"
    )
    parser.add_argument(
        "--connections", type=int, default=32, help="open connections wrk keeps"
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 2,
        help="gunicorn workers and nginx worker processes",
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="serve from this database instead of a fresh SQLite file (it must hold the fixtures)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="turn the page cache off: measure rendering each request",
    )
    args = parser.parse_args()
    for program in ("wrk", "nginx"):
        if not shutil.which(program):
            raise SystemExit(f"{program} is missing: apt-get install wrk nginx-light")

    with ExitStack() as stack:
        tmp = Path(tempfile.mkdtemp(prefix="hiia-bench-"))
        stack.callback(shutil.rmtree, tmp, ignore_errors=True)
        # nginx started as root serves files as "nobody": let it read them.
        tmp.chmod(0o755)
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
            "BENCH_CACHE": "none" if args.no_cache else "",
        }

        def manage(*arguments):
            return subprocess.run(
                [sys.executable, "manage.py", *arguments],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()

        # Static files first: with DEBUG off the checks migrate runs ask for them.
        manage("collectstatic", "--noinput")
        if not args.database_url:
            manage("migrate", "--noinput")
            manage("load_initial_data")
        path = manage(
            "shell",
            "--verbosity=0",
            "-c",
            "from briefs.models import Publication;"
            "print(Publication.objects.published().first().get_absolute_url())",
        )

        django_port, nginx_port = free_port(), free_port()
        gunicorn = start(
            stack,
            gunicorn_command(django_port, args.workers),
            cwd=ROOT,
            env=env,
        )
        django_url = f"http://127.0.0.1:{django_port}{path}"
        html = wait_until_served(django_url)

        page = tmp / "www" / path.strip("/") / "index.html"
        page.parent.mkdir(parents=True)
        page.write_bytes(html)
        (tmp / "nginx-temp").mkdir()
        for folder in [tmp / "www", *(tmp / "www").rglob("*")]:
            folder.chmod(0o755 if folder.is_dir() else 0o644)
        conf = tmp / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(tmp=tmp, port=nginx_port, workers=args.workers)
        )
        start(stack, ["nginx", "-p", str(tmp), "-c", str(conf)])
        nginx_url = f"http://127.0.0.1:{nginx_port}{path}"
        if wait_until_served(nginx_url) != html:
            raise SystemExit("nginx does not serve the page gunicorn served")

        print(
            f"page: {path} ({len(html):,} bytes); wrk -t{args.threads} -c{args.connections} "
            f"-d{args.duration}s; {args.workers} workers each; "
            f"page cache {'off' if args.no_cache else 'on'}"
        )
        # Each server alone on the machine in turn; a short warm-up fills
        # every worker's page cache and opens its database connection.
        wrk(django_url, 2, args.connections, args.threads)
        django_rps, django_cpu = measured(gunicorn, django_url, args)
        if args.no_cache:
            script = tmp / "after-an-edit.lua"
            script.write_text(EVERY_REQUEST_AFTER_AN_EDIT)
            cold_rps, cold_cpu = measured(gunicorn, django_url, args, script)
        nginx_rps, _requests = wrk(
            nginx_url, args.duration, args.connections, args.threads
        )
        steady = "stored article" if args.no_cache else "page cache"
        print(
            f"gunicorn (Django), {steady + ':':16} {django_rps:10,.0f} req/s"
            f"   workers' CPU {django_cpu:6.1f} ms/request"
        )
        if args.no_cache:
            print(
                f"gunicorn (Django), {'cold render:':16} {cold_rps:10,.0f} req/s"
                f"   workers' CPU {cold_cpu:6.1f} ms/request"
            )
        print(f"nginx (static):                     {nginx_rps:10,.0f} req/s")
        print(f"ratio gunicorn/nginx: {django_rps / nginx_rps:.3f}")


if __name__ == "__main__":
    main()
