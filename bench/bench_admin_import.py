"""
A large sanctions file imported through the admin, as a background job,
next to ``import_table`` on the same file; and import_table's peak memory.

    .venv/bin/python bench/bench_admin_import.py [--rows 100000] [--memory-mb 50]
        [--skip-memory]

One starting database on the machine's PostgreSQL (DATABASE_URL of a role
that may create databases, default postgres://hiia:hiia@127.0.0.1:5432/hiia;
the databases are named hiia_benchadmin*): migrated, the shipped briefs, the
actors and briefs the file refers to (bench_import_export.py's corpus and
file) and a staff user who may import sanctions. Two copies of it are made
(CREATE DATABASE ... TEMPLATE), so both doors start from the same rows:

- the admin: the production stack (deploy/stack.py: Redis, gunicorn with two
  workers, the django-tasks worker, nginx) over one copy; the curator signs
  in, uploads the file, reads the preview job's page every second until it
  shows what confirming will do, confirms, and reads the import job's page
  every second until it shows the result. Meanwhile a thread asks
  gunicorn itself (past nginx's micro-cache) for /actors/ every 100 ms;
- ``manage.py import_table sanction FILE --user <curator>`` (history on, as
  the admin writes it) over the other copy, with the same Redis.

Then ``import_table`` of a ~--memory-mb MB sanctions CSV, with --dry-run and
without, each into a fresh copy, and its peak memory (max RSS of the child).
Prints the times, their ratio next to the target, the answers to the public
page in each phase of the admin import, and the peak memory in MB. Needs
Debian's nginx-light and redis-server.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_import_export import DEFAULT_POSTGRES, worker_environment  # noqa: E402
from bench_import_export import run as run_worker  # noqa: E402
from browser import Browser, hidden_inputs  # noqa: E402

from deploy.stack import ROOT, Ports, missing_programs, run_stack  # noqa: E402

DATABASE = "hiia_benchadmin"
CURATOR = "bench-curator"
PASSWORD = "a-long-bench-curator-password"
PUBLIC_PAGE = "/actors/"
FINISHED = "Import finished"
# What the job page shows when nothing was written (briefs' import_job.html).
REFUSED = ("Nothing was imported", "no longer available", "stopped unexpectedly")


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--memory-mb", type=int, default=50, help="size of the CSV")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument(
        "--timeout", type=int, default=1800, help="seconds the admin import may take"
    )
    args = parser.parse_args()
    if missing := missing_programs():
        raise SystemExit(f"missing: apt-get install {' '.join(missing)}")
    base = postgres_base()

    with ExitStack() as stack:
        folder, start = starting_folder(stack, base, "bench-admin-import-", args.rows)
        sanctions = folder / "sanction.csv"
        size = sanctions.stat().st_size
        print(
            f"{args.rows:,} sanction rows, {size / 2**20:.1f} MB CSV, PostgreSQL; "
            f"the same starting database for each door"
        )

        admin_url = copy_database(base, start, f"{DATABASE}_admin")
        cli_url = copy_database(base, start, f"{DATABASE}_cli")
        run = folder / "run"
        site = run_stack(stack, run, Ports.free(), admin_url, workers=2)
        admin = admin_import(site, sanctions, args.timeout)
        cli_env = {**site.env, "DATABASE_URL": cli_url}
        seconds, _peak, said = import_table(cli_env, sanctions, "--user", CURATOR)

        print(f"\nadmin, through nginx: {admin['outcome']}")
        if not admin["background"]:
            print(
                "  (written by the confirm request: fewer rows than IMPORT_BACKGROUND_ROWS)"
            )
        for phase, elapsed in admin["phases"]:
            print(f"  {phase:<40}{elapsed:8.1f} s")
        print(f"  {'total':<40}{admin['total']:8.1f} s")
        print(f"\nimport_table --user {CURATOR}, a fresh copy: {said}")
        print(f"  {'total':<40}{seconds:8.1f} s")
        if admin["finished"]:
            print(
                f"  ratio admin / import_table {admin['total'] / seconds:.2f}"
                "   (target <= 1.5)"
            )
        else:
            print("  no ratio: the admin import did not finish")
        print(
            f"\n{PUBLIC_PAGE} straight from gunicorn every 100 ms "
            "(the web worker answers other requests throughout):"
        )
        for phase, answers in admin["answers"].items():
            if phase != "done":
                print("  " + answered(phase, answers))

        if not args.skip_memory:
            memory(base, start, site.env, folder, size / args.rows, args.memory_mb)


def postgres_base():
    """The server part of DATABASE_URL, of a role that may create databases."""
    base = os.environ.get("DATABASE_URL", DEFAULT_POSTGRES)
    if not base.startswith("postgres"):
        base = DEFAULT_POSTGRES
    return base.rsplit("/", 1)[0]


def starting_folder(stack, base, prefix, rows):
    """A folder for the bench's files and the starting database, both gone
    when ``stack`` closes."""
    stack.callback(drop_databases, base)
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    stack.callback(shutil.rmtree, folder, ignore_errors=True)
    return folder, starting_database(base, folder, rows)


def starting_database(base, folder, rows):
    """Migrated, the shipped briefs, the file's actors and briefs, the curator."""
    url = fresh_database(base, f"{DATABASE}_start")
    env = worker_environment(url)
    manage(env, "migrate", "--skip-checks", "--verbosity", "0")
    # Before the shipped briefs: it makes its actors only in an empty table.
    run_worker(env, "setup", table="sanction", rows=rows, folder=str(folder))
    manage(env, "load_initial_data", "--skip-checks")
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import Permission, User;"
        f"user = User.objects.create_user({CURATOR!r}, password={PASSWORD!r},"
        " is_staff=True);"
        "user.user_permissions.set(Permission.objects.filter("
        "content_type__app_label='briefs', content_type__model='sanction',"
        " codename__in=['import_sanction', 'view_sanction', 'add_sanction',"
        " 'change_sanction']))",
    )
    return url


def manage(env, *arguments):
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {arguments[0]} failed:\n{done.stderr[-2000:]}")


def postgres(base, *statements):
    import psycopg

    with psycopg.connect(
        base.replace("postgres://", "postgresql://", 1) + "/postgres",
        autocommit=True,
    ) as connection:
        for statement in statements:
            connection.execute(statement)


def drop_databases(base):
    postgres(
        base,
        *(
            f"DROP DATABASE IF EXISTS {DATABASE}_{copy} WITH (FORCE)"
            for copy in ("admin", "cli", "memory", "start")
        ),
    )


def fresh_database(base, name, template=None):
    postgres(
        base,
        f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
        f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""),
    )
    return f"{base}/{name}"


def copy_database(base, url, name):
    return fresh_database(base, name, template=url.rsplit("/", 1)[1])


# --- The admin's import, with a reader of the public site beside it --------------


class Reader(threading.Thread):
    """Asks for a page every 100 ms; each answer is filed under the current phase."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url = url
        self.phase = "idle, before the upload"
        self.answers = {}
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            phase = self.phase
            started = time.monotonic()
            try:
                request = urllib.request.Request(self.url)
                with urllib.request.urlopen(request, timeout=30) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = None
            latency = time.monotonic() - started
            self.answers.setdefault(phase, []).append((latency, status))
            self.done.wait(max(0.0, 0.1 - latency))


def answered(phase, answers):
    times = sorted(latency * 1000 for latency, _ in answers)
    failed = [status for _, status in answers if status is None or status >= 300]
    return (
        f"{phase:<40}{len(answers):5} answered  p50 {statistics.median(times):6.1f} ms"
        f"  max {max(times):7.1f} ms  non-2xx {len(failed)}"
        + (f" {sorted(set(map(str, failed)))}" if failed else "")
    )


def admin_import(site, sanctions, timeout):
    browser = Browser(site.url, timeout=timeout)
    browser.sign_in(CURATOR, PASSWORD)
    form = browser.open("/admin/briefs/sanction/import/")
    csv = re.search(r'<option value="(\d+)"[^>]*>csv</option>', form)[1]
    data = sanctions.read_bytes()
    reader = Reader(site.gunicorn_url + PUBLIC_PAGE)
    reader.start()
    time.sleep(3)
    marks = []

    def mark(phase):
        """``phase`` starts now; the reader files its answers under it."""
        marks.append((phase, time.monotonic()))
        reader.phase = phase

    failure, page, background = None, "", False
    try:
        mark("upload")
        preview = browser.post(
            "/admin/briefs/sanction/import/",
            form,
            {"format": csv},
            {"import_file": (sanctions.name, data)},
        )
        # More rows than IMPORT_BACKGROUND_ROWS are previewed by a job too.
        if "/import/job/" in browser.location:
            mark("preview job")
            preview = follow(browser, site, ("Confirm import", *REFUSED), timeout)
        if "Confirm import" not in preview:
            raise SystemExit("the preview refused the file:\n" + text_of(preview))
        mark("confirm")
        page = browser.post(
            "/admin/briefs/sanction/process_import/", preview, hidden_inputs(preview)
        )
        # Fewer rows than IMPORT_BACKGROUND_ROWS are written in the request.
        background = "/import/job/" in browser.location
        if background:
            mark("import job")
            page = follow(browser, site, (FINISHED, *REFUSED), timeout)
    except urllib.error.HTTPError as error:
        failure = (
            f"HTTP {error.code} in {reader.phase}: {text_of(error.read().decode())}"
        )
    finally:
        mark("done")
        reader.done.set()
        reader.join()
    phases = [
        (phase, ended - started)
        for (phase, started), (_, ended) in zip(marks, marks[1:], strict=False)
    ]
    total = marks[-1][1] - marks[0][1]
    return {
        "phases": phases,
        "total": total,
        "outcome": failure or text_of(page),
        "finished": failure is None and FINISHED in page,
        "answers": reader.answers,
        "background": background,
    }


def follow(browser, site, texts, timeout):
    """A job's page, read every half second until it shows one of ``texts``."""
    job = browser.location.removeprefix(site.url)
    deadline = time.monotonic() + timeout
    page = browser.open(job)
    while not any(text in page for text in texts):
        if time.monotonic() > deadline:
            raise SystemExit(f"no result after {timeout} s: {text_of(page)}")
        time.sleep(0.5)
        page = browser.open(job)
    return page


def text_of(page):
    """The page's message: the result line, or the first problems."""
    found = re.search(r'<li class="success">(.*?)</li>', page, re.S)
    if found:
        return found[1].strip()
    content = page.split('id="content"', 1)[-1].split(">", 1)[-1]
    body = re.sub(r"<[^>]+>", " ", content)
    return re.sub(r"\s+", " ", body).strip()[:500]


# --- import_table: time and peak memory of the command --------------------------------


def import_table(env, path, *options):
    """``manage.py import_table sanction path``: seconds and peak memory (MB)."""
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "manage.py", "import_table", "sanction", path, *options],
            cwd=ROOT,
            env=env,
            stdout=stdout,
            stderr=stderr,
        )
        # wait4, not wait: the rusage of this child alone.
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        if process.returncode != 0:
            raise SystemExit(f"import_table failed:\n{stderr.read().decode()[-2000:]}")
        said = stdout.read().decode().strip()
    return seconds, usage.ru_maxrss / 1024, said


def memory(base, start, env, folder, bytes_per_row, megabytes):
    rows = round(megabytes * 2**20 / bytes_per_row)
    url = copy_database(base, start, f"{DATABASE}_memory")
    env = {**env, "DATABASE_URL": url}
    big = folder / "memory"
    files = run_worker(
        worker_environment(url), "setup", table="sanction", rows=rows, folder=str(big)
    )["files"]
    path = Path(files["sanction"])
    print(
        f"\nimport_table peak memory, {rows:,} sanction rows, "
        f"{path.stat().st_size / 2**20:.1f} MB CSV (fresh copy):"
    )
    for label, options in (
        ("--dry-run", ["--dry-run"]),
        ("written, with history", ["--user", CURATOR]),
    ):
        seconds, peak, _said = import_table(env, path, *options)
        print(f"  {label:<24}{seconds:8.1f} s  peak {peak:6.0f} MB")


if __name__ == "__main__":
    main()
