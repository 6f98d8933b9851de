"""
XLSX bombs: how long a workbook that unzips to hundreds of megabytes holds
the admin's import and ``import_table``, and how much memory it takes.

    .venv/bin/python bench/bench_xlsx_bombs.py [--timeout 300]

The workbooks of issue 19, finding 4, built by ``briefs.synthetic.workbooks``
(one block of rows deflated once and repeated):

- 0.9 MB unzipping to 435 MB: 20,000 rows of 1,450 cells, under the row
  limit and the unzipped limit, posted to the admin's import page;
- 2.1 MB unzipping to 1.05 GB (48,300 such rows), posted to the admin;
- 0.6 MB unzipping to 600 MB, given to ``manage.py import_table --dry-run``.

Each runs in a process of its own against a throwaway SQLite database
(migrated here), and the bench prints the seconds until the answer (the
admin's page, or the command's exit) and the process's peak resident size
(``wait4``'s ``ru_maxrss``), next to the same process importing a workbook
of ten rows. A process still working after ``--timeout`` seconds is
killed, and its figures are marked so. The target is a refusal in under a
second, with memory about that of the small import.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MB = 1000 * 1000
HEADER = ["slug", "name"]


def workbooks_to_try(folder):
    from briefs.synthetic import workbooks

    rows = workbooks.number_row(1_450)  # 15 bytes a cell
    long_text = workbooks.inline_row(["x" * 2_000] * 10)
    small = [workbooks.inline_row([f"a-{n}", f"A {n}"]) for n in range(10)]
    cases = [
        ("10 rows (for comparison)", "admin", workbooks.bomb(HEADER, small[0], 1)),
        ("435 MB: 20,000 × 1,450 cells", "admin", workbooks.bomb(HEADER, rows, 20_000)),
        (
            "1.05 GB: 48,300 × 1,450 cells",
            "admin",
            workbooks.bomb(HEADER, rows, 48_300),
        ),
        ("10 rows (for comparison)", "command", workbooks.bomb(HEADER, small[0], 1)),
        (
            "600 MB of text",
            "command",
            workbooks.bomb(HEADER, long_text, 30_000, block_rows=1_000),
        ),
    ]
    for number, (name, door, data) in enumerate(cases):
        path = folder / f"workbook-{number}.xlsx"
        path.write_bytes(data)
        yield name, door, path


def run(command, env, timeout):
    """Seconds, peak resident MB and output of a child process (killed at ``timeout``)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    killed = False
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started > timeout:
            os.killpg(child.pid, signal.SIGKILL)
            killed = True
            pid, status, usage = os.wait4(child.pid, 0)
            break
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    output = child.stdout.read().decode(errors="replace")
    return seconds, usage.ru_maxrss / 1024, output, killed


def child_admin(path):
    """Post a workbook to the admin's import page; print what it answered."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host is allowed

    from briefs import models

    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    formats = [format().get_title() for format in models_admin_formats(models.Author)]
    started = time.perf_counter()
    response = client.post(
        "/admin/briefs/author/import/",
        {
            "format": formats.index("xlsx"),
            "import_file": SimpleUploadedFile(path.name, path.read_bytes()),
        },
    )
    seconds = time.perf_counter() - started
    problems = (response.context or {}).get("problems") or []
    print(
        json.dumps(
            {
                "status": response.status_code,
                "seconds": seconds,
                "answer": str(problems[0])
                if problems
                else f"no refusal (HTTP {response.status_code})",
            }
        )
    )


def models_admin_formats(model):
    from django.contrib import admin

    return admin.site.get_model_admin(model).get_import_formats()


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds before a run is killed"
    )
    parser.add_argument("--child", nargs=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_admin(Path(args.child[0]))
        return

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "hiia.settings",
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "DJANGO_MEDIA_ROOT": str(folder / "media"),
        }
        env.pop("REDIS_URL", None)
        python = sys.executable
        subprocess.run(
            [python, "manage.py", "migrate", "-v", "0"], env=env, cwd=ROOT, check=True
        )
        print(
            f"{'workbook':34} {'door':8} {'size':>8} {'seconds':>8} {'peak MB':>8}  answer"
        )
        for case, door, path in workbooks_to_try(folder):
            if door == "admin":
                command = [python, __file__, "--child", str(path)]
            else:
                command = [
                    python,
                    "manage.py",
                    "import_table",
                    "author",
                    str(path),
                    "--dry-run",
                ]
            seconds, peak, output, killed = run(command, env, args.timeout)
            answer = answer_of(output, door)
            if killed:
                answer = f"still working, killed after {args.timeout:.0f} s"
            elif door == "admin":
                seconds = json.loads(output.strip().splitlines()[-1])["seconds"]
            size = f"{path.stat().st_size / MB:.1f} MB"
            mark = ">" if killed else ""
            print(
                f"{case:34} {door:8} {size:>8} {mark + f'{seconds:.2f}':>8} "
                f"{peak:8.0f}  {answer}"
            )
    print(
        "\nseconds: the admin's request (its own time), or the command's whole run "
        "(Python and Django starting included); peak MB: the process's peak "
        "resident size."
    )


def answer_of(output, door):
    lines = [line for line in output.strip().splitlines() if line.strip()]
    if not lines:
        return "(nothing)"
    if door == "admin":
        try:
            return json.loads(lines[-1])["answer"][:110]
        except (ValueError, KeyError):
            return lines[-1][:110]
    return lines[0][:110]


if __name__ == "__main__":
    main()
