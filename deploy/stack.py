"""
The production stack on one machine: Redis, gunicorn and nginx as processes
of the current user, every file they write under one run folder.

``make serve`` (deploy/serve.py) runs it in the foreground on fixed ports;
tests/test_stack.py and bench/ start the same stack on free loopback ports.
PostgreSQL is the machine's own cluster (deploy/postgres.sh).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PROGRAMS = {"nginx": "nginx-light", "redis-server": "redis-server"}


def missing_programs():
    """Debian packages to install for the programs the stack runs."""
    return [
        package for program, package in PROGRAMS.items() if not shutil.which(program)
    ]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Ports:
    nginx: int
    gunicorn: int
    redis: int

    @classmethod
    def free(cls):
        return cls(nginx=free_port(), gunicorn=free_port(), redis=free_port())


def wait_for_port(port, process, timeout=60):
    """Until something listens on ``port``; fail early if ``process`` died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def start(stack: ExitStack, command, *, log, env=None):
    """Start ``command`` with its output in ``log``; ``stack`` stops it."""
    output = stack.enter_context(open(log, "ab"))
    process = subprocess.Popen(
        [str(part) for part in command],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    stack.callback(stop, process)
    return process


def stop(process, timeout=15):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_redis(stack, run, port):
    """Redis as a cache only: nothing saved to disk, the oldest keys evicted."""
    folder = run / "redis"
    folder.mkdir(parents=True, exist_ok=True)
    process = start(
        stack,
        [
            "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            port,
            "--dir",
            folder,
            "--save",
            "",
            "--appendonly",
            "no",
            "--maxmemory",
            "256mb",
            "--maxmemory-policy",
            "allkeys-lru",
        ],  # fmt: skip
        log=run / "redis.log",
    )
    wait_for_port(port, process)
    return process


def start_gunicorn(stack, run, port, env, workers=2):
    process = start(
        stack,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "hiia.wsgi",
            "--config",
            DEPLOY / "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            workers,
        ],  # fmt: skip
        log=run / "gunicorn.log",
        env=env,
    )
    wait_for_port(port, process)
    return process


def start_background(stack, run, env, *command):
    """A ``manage.py`` command that runs beside the servers, logged to run/<name>.log.

    The worker runs background jobs: a large admin import, a scheduled
    brief's publishing at its time.
    """
    return start(
        stack,
        [sys.executable, "manage.py", *command],
        log=run / f"{command[0]}.log",
        env=env,
    )


def nginx_conf(run, ports, static_root, access_log="off"):
    """deploy/nginx.conf with this run's folder, ports and static files."""
    values = {
        # nginx started by root would serve as "nobody", who may not read
        # the checkout: run its workers as the current user too.
        "USER": "user root;" if os.geteuid() == 0 else "",
        "RUN": run / "nginx",
        "ACCESS_LOG": access_log,
        "PORT": ports.nginx,
        "ORIGIN_HOST": origin(ports).split("://", 1)[1],
        "GUNICORN_PORT": ports.gunicorn,
        "STATIC_ROOT": static_root,
    }
    text = (DEPLOY / "nginx.conf").read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", str(value))
    return text


def start_nginx(stack, run, ports, static_root, access_log="off"):
    folder = run / "nginx"
    for sub in ("temp", "cache"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    conf = folder / "nginx.conf"
    conf.write_text(nginx_conf(run, ports, static_root, access_log))
    # -e: the error log before the configuration is read, else nginx tries
    # the system's /var/log/nginx/error.log.
    process = start(
        stack,
        ["nginx", "-p", folder, "-c", conf, "-e", folder / "nginx-error.log"],
        log=run / "nginx.log",
    )
    wait_for_port(ports.nginx, process)
    return process


def origin(ports):
    """The site's public origin: nginx's address, the only name it answers to."""
    return f"http://127.0.0.1:{ports.nginx}"


def environment(run, ports, database_url, workers=2, **variables):
    """The production settings' environment for this stack (plain HTTP on loopback)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="hiia.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secret_key(run),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SITE_ORIGIN=origin(ports),
        DJANGO_HTTPS="0",
        DJANGO_STATIC_ROOT=str(run / "static"),
        DJANGO_CONN_MAX_AGE="600",
        DATABASE_URL=database_url,
        REDIS_URL=f"redis://127.0.0.1:{ports.redis}/0",
        WEB_CONCURRENCY=str(workers),
    )
    env.update(variables)
    return env


def secret_key(run):
    """A key made once for this run folder, so sessions survive a restart."""
    path = run / "secret-key"
    if not path.exists():
        import secrets

        run.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def manage(env, *arguments):
    subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True
    )


def prepare(env):
    """Migrations, static files and the shipped briefs, as a deployment runs them."""
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_initial_data")


@dataclass
class Stack:
    ports: Ports
    env: dict
    processes: dict

    @property
    def url(self):
        """The site, through nginx: its origin."""
        return origin(self.ports)

    @property
    def gunicorn_url(self):
        """gunicorn's workers, straight."""
        return f"http://127.0.0.1:{self.ports.gunicorn}"


def run_stack(stack, run, ports, database_url, workers=2, access_log="off"):
    """Start Redis, prepare Django, then gunicorn and nginx in front."""
    env = environment(run, ports, database_url, workers)
    redis = start_redis(stack, run, ports.redis)
    prepare(env)
    gunicorn = start_gunicorn(stack, run, ports.gunicorn, env, workers)
    worker = start_background(stack, run, env, "db_worker")
    nginx = start_nginx(stack, run, ports, run / "static", access_log)
    return Stack(
        ports=ports,
        env=env,
        processes={
            "redis-server": redis,
            "gunicorn": gunicorn,
            "db_worker": worker,
            "nginx": nginx,
        },
    )
