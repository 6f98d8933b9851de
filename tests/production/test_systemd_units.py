"""The systemd units in deploy/systemd run each program with the command
supervisord runs it with (deploy/stack.py), for the server's folders and the
ports of ``make serve``, and start it again whenever it stops."""

import configparser
import shlex
from pathlib import Path

import pytest

from deploy.stack import DEPLOY, STOPPING, Ports, commands, prepare

UNITS = DEPLOY / "systemd"
SERVER = Path("/srv/hiia")
PYTHON = str(SERVER / ".venv" / "bin" / "python")
UNIT_OF = {
    "redis": "hiia-redis.service",
    "gunicorn": "hiia-gunicorn.service",
    "db_worker": "hiia-worker.service",
    "nginx": "hiia-nginx.service",
}


def unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string((UNITS / name).read_text())
    return parser


def exec_start(name):
    return shlex.split(unit(name)["Service"]["ExecStart"])


def server_commands():
    return commands(
        SERVER / "run", Ports(nginx=8080, gunicorn=8001, redis=6380), 3, PYTHON
    )


@pytest.mark.parametrize("program", sorted(UNIT_OF))
def test_each_unit_runs_its_program_as_the_supervisor_does(program):
    supervised = [str(part) for part in server_commands()[program]]
    if program == "nginx":
        # Under supervisord nginx starts through the launcher that stops a
        # killed master's workers; systemd stops them itself.
        assert supervised[1] == "deploy/nginx_start.py"
        supervised = supervised[3:]
    command = exec_start(UNIT_OF[program])
    # systemd wants the program's path; supervisord finds it on the PATH.
    assert Path(command[0]).name == Path(supervised[0]).name
    assert command[1:] == supervised[1:]


@pytest.mark.parametrize("name", sorted(UNIT_OF.values()))
def test_each_unit_starts_again_whenever_it_stops(name):
    service = unit(name)
    assert service["Service"]["Restart"] == "always"
    assert service["Unit"]["StartLimitIntervalSec"] == "0"
    assert service["Unit"]["PartOf"] == "hiia.target"
    # PostgreSQL restarting must not stop the site.
    for stopping_with in ("Requires", "BindsTo", "Requisite"):
        assert stopping_with not in service["Unit"]


def test_units_stop_as_the_supervisor_stops_them():
    for program, (signal, seconds) in STOPPING.items():
        service = unit(UNIT_OF[program])["Service"]
        assert service.get("KillSignal", "SIGTERM") == f"SIG{signal}"
        assert service["TimeoutStopSec"] == str(seconds)


def test_the_target_wants_every_unit_and_the_preparation():
    wanted = unit("hiia.target")["Unit"]["Wants"].split()
    assert sorted(wanted) == sorted([*UNIT_OF.values(), "hiia-prepare.service"])


def test_the_preparation_runs_what_the_stack_runs_before_it_starts(monkeypatch):
    ran = []
    monkeypatch.setattr(
        "deploy.stack.manage", lambda env, *arguments: ran.append(arguments)
    )
    prepare({})
    steps = [
        shlex.split(line.partition("=")[2])
        for line in (UNITS / "hiia-prepare.service").read_text().splitlines()
        if line.startswith("ExecStart=")
    ]
    assert steps[0][:3] == [PYTHON, "deploy/serve.py", "--configure-only"]
    assert [tuple(step[2:]) for step in steps[1:]] == ran
