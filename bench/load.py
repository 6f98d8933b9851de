"""
What bench_stack.py and bench_faults.py share: wrk and its figures, a
PostgreSQL cluster of their own, and the production stack over it.

The cluster is a throw-away one (initdb in a temporary folder, a free
loopback port), so restarting it under load disturbs no other database
on the machine.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy.stack import ROOT, Ports, free_port, missing_programs, run_stack  # noqa: E402

POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")


def check_programs():
    missing = missing_programs() + ([] if shutil.which("wrk") else ["wrk"])
    if not (POSTGRES_BIN / "initdb").exists():
        missing.append("postgresql")
    if missing:
        raise SystemExit(f"missing: apt-get install {' '.join(missing)}")


@dataclass
class Load:
    """One wrk run's figures."""

    url: str
    requests: int
    per_second: float
    p50_ms: float
    p99_ms: float
    not_2xx_3xx: int
    socket_errors: int

    def line(self, label):
        return (
            f"{label:<34} {self.per_second:9,.0f} req/s  p50 {self.p50_ms:7.1f} ms  "
            f"p99 {self.p99_ms:7.1f} ms  non-2xx {self.not_2xx_3xx}  "
            f"socket errors {self.socket_errors}"
        )


def milliseconds(text):
    value, unit = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url, duration, connections=64, threads=2):
    # A generous timeout: a slow page is measured, not counted as a socket error.
    output = subprocess.run(
        [
            "wrk",
            "--latency",
            "--timeout",
            "10s",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            url,
        ],  # fmt: skip
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    not_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Load(
        url=url,
        requests=int(re.search(r"(\d+) requests in", output)[1]),
        per_second=float(re.search(r"Requests/sec:\s+([0-9.]+)", output)[1]),
        p50_ms=milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M)[1]),
        p99_ms=milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M)[1]),
        not_2xx_3xx=int(not_2xx[1]) if not_2xx else 0,
        socket_errors=sum(int(count) for count in errors.groups()) if errors else 0,
    )


def wait_until_idle(url, seconds=60):
    """Until ``url`` answers within a quarter second: the last load's queue is served."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                response.read()
        except OSError:
            pass
        if time.monotonic() - started < 0.25:
            return
        time.sleep(0.5)


def as_postgres(command, **kwargs):
    """PostgreSQL refuses to run as root: as root, run it as the postgres user."""
    if os.geteuid() == 0:
        command = ["su", "postgres", "-c", " ".join(str(part) for part in command)]
    return subprocess.run(command, check=True, capture_output=True, **kwargs)


class TemporaryPostgres:
    """A cluster in a temporary folder on a free loopback port; ``restart()`` it at will."""

    def __init__(self, stack):
        self.folder = Path(tempfile.mkdtemp(prefix="hiia-bench-pg-"))
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        stack.callback(shutil.rmtree, self.folder, ignore_errors=True)
        data = self.folder / "data"
        as_postgres([POSTGRES_BIN / "initdb", "-D", data, "-A", "trust", "-U", "hiia"])
        self.ctl = [POSTGRES_BIN / "pg_ctl", "-D", data, "-l", self.folder / "log"]
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        as_postgres([*self.ctl, "-o", f"'{options}'", "-w", "start"])
        stack.callback(as_postgres, [*self.ctl, "-m", "immediate", "stop"])
        as_postgres(
            [
                POSTGRES_BIN / "createdb",
                "-h",
                "127.0.0.1",
                "-p",
                self.port,
                "-U",
                "hiia",
                "hiia",
            ]
        )
        self.url = f"postgres://hiia@127.0.0.1:{self.port}/hiia"

    def restart(self):
        as_postgres([*self.ctl, "-m", "fast", "-w", "restart"])


def stack_over_postgres(stack, workers, briefs, **variables):
    """The production stack over a fresh cluster, with ``briefs`` generated briefs
    (``variables``: more of its programs' environment)."""
    postgres = TemporaryPostgres(stack)
    run = Path(tempfile.mkdtemp(prefix="hiia-bench-stack-"))
    stack.callback(shutil.rmtree, run, ignore_errors=True)
    # No PDF editions: the generated corpus would set the task worker
    # typesetting a thousand briefs under the load being measured.
    variables.setdefault("HIIA_PDF_EDITIONS", "0")
    site = run_stack(stack, run, Ports.free(), postgres.url, workers, **variables)
    if briefs:
        subprocess.run(
            [sys.executable, "manage.py", "generate_corpus", "--briefs", str(briefs),
             "--seed", "1", "--no-history"],
            cwd=ROOT, env=site.env, check=True, capture_output=True,
        )  # fmt: skip
    return site, postgres, run
