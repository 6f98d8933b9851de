"""
Start nginx where a killed nginx was: ``nginx_start.py PIDFILE nginx ARGS…``.

nginx's workers outlive a master killed with SIGKILL: they keep the port and
go on serving, so a new master cannot bind it, and nobody would ever stop
them. supervisord (deploy/stack.py) starts nginx through this: the workers
of the master named in PIDFILE, if that master is gone, are asked to finish
their requests and leave (SIGQUIT), then this process becomes nginx, which
retries its bind while they close. (systemd needs none of it: it stops every
process of a service whose main process died.)
"""

import os
import signal
import sys
from pathlib import Path


def orphans(pid_file):
    """Processes of the process group of a dead nginx master: its workers."""
    try:
        master = int(Path(pid_file).read_text())
    except (OSError, ValueError):
        return []
    if command_of(master) == "nginx":
        return []  # the master lives: its workers are not orphans
    return [
        int(pid)
        for pid in os.listdir("/proc")
        if pid.isdigit() and group_of(int(pid)) == master and command_of(pid) == "nginx"
    ]


def command_of(pid):
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return None


def group_of(pid):
    try:
        return os.getpgid(pid)
    except OSError:
        return None


def main():
    pid_file, *command = sys.argv[1:]
    for pid in orphans(pid_file):
        try:
            os.kill(pid, signal.SIGQUIT)
        except OSError:
            pass
    os.execvp(command[0], command)


if __name__ == "__main__":
    main()
