"""
The production stack on one machine: Redis, gunicorn, the task worker and
nginx under supervisord, as processes of the current user, every file they
write under one run folder.

supervisord (the ``supervisor`` package, pinned in requirements.txt) starts
each program and starts it again whenever it exits, a crash included, after
a pause that grows with each start that fails in a row. PostgreSQL or Redis
going away stops none of them: gunicorn's workers answer what they can and
connect again, the task worker waits for the database (briefs/worker.py).
The configuration is written to ``<run>/supervisord.conf``; deploy/systemd/
has the same programs, with the same commands, as systemd units.

``make serve`` (deploy/serve.py) runs it in the foreground on fixed ports;
tests/production and bench/ start the same stack on free loopback ports.
PostgreSQL is the machine's own cluster (deploy/postgres.sh), or a
benchmark's own.
"""

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from xmlrpc.client import ServerProxy

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PROGRAMS = {"nginx": "nginx-light", "redis-server": "redis-server"}

# How supervisord stops each program: gracefully, then SIGKILL after so many
# seconds. gunicorn's workers finish their requests (graceful_timeout 10 s);
# the task worker its job, if it can in time (a job it cannot finish is a
# lost one, settled at the next start: briefs/worker.py); nginx its requests.
STOPPING = {
    "redis": ("TERM", 10),
    "gunicorn": ("TERM", 15),
    "db_worker": ("TERM", 20),
    "nginx": ("QUIT", 10),
}
# A program that exits within START_SECONDS of its start failed to start: it
# is started again after 1 s, then 2 s, 3 s … and given up after this many
# failures in a row (half an hour). One that ran longer is started at once.
START_SECONDS = 3
START_RETRIES = 60
SUPERVISOR_USER = "hiia"


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


def commands(run, ports, workers, python=sys.executable):
    """Each program's command line, run from the checkout, in the order they start.

    Redis is a cache only: nothing saved to disk, the oldest keys evicted.
    The task worker runs background jobs: a large admin import, a scheduled
    brief's publishing at its time.
    """
    nginx = run / "nginx"
    return {
        "redis": [
            "redis-server", "--bind", "127.0.0.1", "--port", ports.redis,
            "--dir", run / "redis", "--save", "", "--appendonly", "no",
            "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru",
        ],
        "gunicorn": [
            python, "-m", "gunicorn", "hiia.wsgi",
            "--config", "deploy/gunicorn.conf.py",
            "--bind", f"127.0.0.1:{ports.gunicorn}", "--workers", workers,
        ],
        "db_worker": [python, "manage.py", "db_worker"],
        # -e: the error log before the configuration is read, else nginx
        # tries the system's /var/log/nginx/error.log.
        "nginx": [
            python, "deploy/nginx_start.py", nginx / "nginx.pid",
            "nginx", "-p", nginx, "-c", nginx / "nginx.conf",
            "-e", nginx / "nginx-error.log",
        ],
    }  # fmt: skip


def supervisord_conf(run, programs):
    """supervisord's configuration: every program restarted when it exits.

    Only Redis starts with supervisord: the others once the database is
    migrated (``run_stack``). Each program's output is ``<run>/<name>.log``;
    each is a process group of its own, stopped and killed as a group.
    """
    # supervisord reads %(name)s in its values: a % of ours is doubled.
    lines = [
        "[supervisord]",
        "nodaemon=true",
        f"logfile={run}/supervisord.log",
        f"pidfile={run}/supervisord.pid",
        f"childlogdir={run}",
        # As root (a container), deliberately: nothing to drop to.
        *(["user=root"] if os.geteuid() == 0 else []),
        "",
        # supervisorctl and Stack.control: the socket is the user's alone,
        # and asks for the password of this run folder as well.
        "[unix_http_server]",
        f"file={run}/supervisor.sock",
        "chmod=0700",
        f"username={SUPERVISOR_USER}",
        f"password={control_password(run)}",
        "",
        "[rpcinterface:supervisor]",
        "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
        "",
        "[supervisorctl]",
        f"serverurl=unix://{run}/supervisor.sock",
        f"username={SUPERVISOR_USER}",
        f"password={control_password(run)}",
    ]
    for order, (name, command) in enumerate(programs.items(), start=1):
        stop_signal, stop_seconds = STOPPING[name]
        lines += [
            "",
            f"[program:{name}]",
            "command=" + shlex.join(str(part) for part in command).replace("%", "%%"),
            f"directory={ROOT}",
            f"priority={order * 10}",
            f"autostart={'true' if name == 'redis' else 'false'}",
            "autorestart=true",
            f"startsecs={START_SECONDS}",
            f"startretries={START_RETRIES}",
            f"stopsignal={stop_signal}",
            f"stopwaitsecs={stop_seconds}",
            "stopasgroup=true",
            "killasgroup=true",
            f"stdout_logfile={run}/{name}.log",
            "stdout_logfile_maxbytes=50MB",
            "stdout_logfile_backups=2",
            "redirect_stderr=true",
        ]
    return "\n".join(lines) + "\n"


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
    return kept_secret(run / "secret-key")


def control_password(run):
    """The password of supervisord's control socket in this run folder."""
    return kept_secret(run / "supervisor-password")


def kept_secret(path):
    if not path.exists():
        import secrets

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def manage(env, *arguments):
    subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True
    )


# In this order: the database's steps run with DEBUG off only once the static
# files are there (briefs.E002), and the shipped briefs go into a migrated one.
PREPARATION = (
    ("collectstatic", "--noinput", "--verbosity", "0"),
    ("migrate", "--noinput", "--verbosity", "0"),
    ("load_initial_data",),
)


def prepare(env):
    """Static files, migrations and the shipped briefs, as a deployment runs them."""
    for step in PREPARATION:
        manage(env, *step)


def configure(run, ports, workers, access_log="off"):
    """Write this run's nginx.conf and supervisord.conf; return the latter's path."""
    for folder in (run / "redis", run / "nginx" / "temp", run / "nginx" / "cache"):
        folder.mkdir(parents=True, exist_ok=True)
    (run / "nginx" / "nginx.conf").write_text(
        nginx_conf(run, ports, run / "static", access_log)
    )
    conf = run / "supervisord.conf"
    conf.write_text(supervisord_conf(run, commands(run, ports, workers)))
    return conf


# gunicorn's line a request (access_log_format in deploy/gunicorn.conf.py).
ACCESS_LINE = re.compile(r'^\S+ "[A-Z]+ \S+ HTTP/[\d.]+" \d{3} ')


@dataclass
class Stack:
    ports: Ports
    env: dict
    run: Path
    supervisor: subprocess.Popen

    @property
    def url(self):
        """The site, through nginx: its origin."""
        return origin(self.ports)

    @property
    def gunicorn_url(self):
        """gunicorn's workers, straight."""
        return f"http://127.0.0.1:{self.ports.gunicorn}"

    @property
    def control(self):
        """supervisord's XML-RPC interface (``supervisor.getProcessInfo(name)`` …)."""
        from supervisor.xmlrpc import SupervisorTransport

        transport = SupervisorTransport(
            SUPERVISOR_USER,
            control_password(self.run),
            f"unix://{self.run}/supervisor.sock",
        )
        return ServerProxy("http://127.0.0.1", transport=transport).supervisor

    def pid(self, name):
        """The process id of a program (0 while it is not running)."""
        return self.control.getProcessInfo(name)["pid"]

    def states(self):
        return {info["name"]: info["statename"] for info in self.info()}

    def info(self):
        return self.control.getAllProcessInfo()

    def log_tail(self, *names, lines=30):
        """The last ``lines`` of supervisord's log and of each program's, to
        say in a failed check what the stack did meanwhile (gunicorn's line a
        request left out)."""
        parts = []
        for name in ("supervisord", *names):
            path = self.run / f"{name}.log"
            text = path.read_text(errors="replace") if path.exists() else ""
            kept = [line for line in text.splitlines() if not ACCESS_LINE.match(line)]
            parts.append(f"--- {path.name}\n" + "\n".join(kept[-lines:]))
        return "\n".join(parts)

    def wait_until_running(self, name, other_than=0, timeout=60):
        """Until ``name`` runs (as another process than ``other_than``); its pid."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            info = self.control.getProcessInfo(name)
            if info["statename"] == "RUNNING" and info["pid"] != other_than:
                return info["pid"]
            time.sleep(0.05)
        raise RuntimeError(f"{name} is not running again after {timeout} s")


def start_supervisor(stack, run, conf, env, output):
    process = subprocess.Popen(
        [sys.executable, "-m", "supervisor.supervisord", "-c", conf],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    stack.callback(shut_down, process, run)
    return process


def shut_down(process, run, timeout=90):
    """supervisord stops every program (each gracefully, then SIGKILL) and
    exits; should it not, it and its programs' process groups are killed."""
    site = Stack(ports=None, env=None, run=run, supervisor=process)
    groups = []
    with suppress(Exception):  # supervisord may be gone, or going
        groups = [info["pid"] for info in site.info() if info["pid"]]
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        for group in groups:
            with suppress(OSError):
                os.killpg(group, signal.SIGKILL)


def run_stack(
    stack,
    run,
    ports,
    database_url,
    workers=2,
    access_log="off",
    output=None,
    **variables,
):
    """Start Redis under supervisord, prepare Django, then gunicorn, the task
    worker and nginx. ``output``: where supervisord says what it does (its
    log is ``<run>/supervisord.log`` in any case); ``variables``: more of the
    programs' environment."""
    run.mkdir(parents=True, exist_ok=True)
    env = environment(run, ports, database_url, workers, **variables)
    conf = configure(run, ports, workers, access_log)
    if output is None:
        output = stack.enter_context(open(run / "supervisord.out", "ab"))
    supervisor = start_supervisor(stack, run, conf, env, output)
    site = Stack(ports=ports, env=env, run=run, supervisor=supervisor)
    wait_for_port(ports.redis, supervisor)
    prepare(env)
    site.control.startAllProcesses(False)
    for port in (ports.gunicorn, ports.nginx):
        wait_for_port(port, supervisor)
    for name in ("gunicorn", "db_worker", "nginx"):
        site.wait_until_running(name)
    return site
