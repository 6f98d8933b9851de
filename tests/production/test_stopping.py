"""
Ctrl-C stops ``make serve`` cleanly (issue 19, finding 9): every program
stops, none is left behind, and no log under run/ holds a traceback, with
readers asking and the task worker waiting for jobs as it comes.
"""

import os
import re
import signal
import subprocess
import sys
import threading
import time

from deploy.stack import ROOT, free_port
from tests.helpers import BRIEF_URL, STACK_TESTS, from_prepared, http_status

pytestmark = STACK_TESTS


def test_ctrl_c_stops_every_program_and_leaves_no_traceback(tmp_path, prepared):
    run = tmp_path / "run"
    database = from_prepared(prepared, run)
    output = tmp_path / "serve.out"
    port = free_port()
    command = [
        sys.executable, "deploy/serve.py", "--run", run, "--port", port,
        "--gunicorn-port", free_port(), "--redis-port", free_port(),
        "--workers", "2", "--database-url", database,
    ]  # fmt: skip
    # A terminal's Ctrl-C is SIGINT to its foreground process group.
    serve = subprocess.Popen(
        [str(part) for part in command],
        cwd=ROOT,
        stdout=output.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while "Ctrl-C stops the stack" not in output.read_text():
            assert serve.poll() is None, output.read_text()
            assert time.monotonic() < deadline, output.read_text()
            time.sleep(0.5)
        programs = re.findall(r"RUNNING +pid (\d+)", supervisor_status(run))
        assert len(programs) == 4

        asking = threading.Event()
        readers = [
            threading.Thread(
                target=read, args=(f"http://127.0.0.1:{port}{path}", asking)
            )
            for path in (BRIEF_URL, "/search/?q=minsk", "/health/")
        ]
        for reader in readers:
            reader.start()
        time.sleep(1)

        os.killpg(serve.pid, signal.SIGINT)
        assert serve.wait(120) == 0, output.read_text()
        asking.set()
        for reader in readers:
            reader.join()
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)

    left = [int(pid) for pid in programs if os.path.exists(f"/proc/{pid}")]
    assert left == [], "every program stopped"
    with_traceback = [
        str(path.relative_to(run))
        for path in run.rglob("*.log")
        if "Traceback" in path.read_text(errors="replace")
    ]
    assert with_traceback == []
    assert "Traceback" not in output.read_text()


def supervisor_status(run):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "supervisor.supervisorctl",
            "-c",
            run / "supervisord.conf",
            "status",
        ],
        capture_output=True,
        text=True,
    ).stdout


def read(url, done):
    while not done.is_set():
        http_status(url, timeout=5)
