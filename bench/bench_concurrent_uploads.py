"""
Five large files uploaded to the admin's import at once, on the production
stack: each must get its preview or a clear refusal, never a server error
(issue 19, finding 5).

    .venv/bin/python bench/bench_concurrent_uploads.py [--uploads 5] [--rows 100000]

The starting database of bench_admin_import.py (PostgreSQL: DATABASE_URL of
a role that may create databases; the sanctions file of ``--rows`` rows and
the rows it refers to, a curator who may import sanctions), under the stack
of deploy/stack.py (Redis with its 256 MB and eviction, gunicorn with three
workers, the task worker, nginx). ``--uploads`` curators, each signed in,
post the same file at the same moment, then read their preview job's page
until it shows the confirm button or says why not. Prints, for each, the
seconds until the upload was answered and until its preview, and what it
ended with, and then the uploads still waiting in the database.
"""

import argparse
import subprocess
import sys
import threading
import time
import urllib.error
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_admin_import  # noqa: E402
from bench_admin_import import (  # noqa: E402
    CURATOR,
    PASSWORD,
    REFUSED,
    copy_database,
    follow,
    postgres_base,
    starting_folder,
    text_of,
)
from browser import Browser  # noqa: E402

from deploy.stack import ROOT, Ports, missing_programs, run_stack  # noqa: E402

# Databases of its own, beside any bench_admin_import.py run.
bench_admin_import.DATABASE = "hiia_benchuploads"


def upload(site, data, start, timeout, result):
    browser = Browser(site.url, timeout=timeout)
    browser.sign_in(CURATOR, PASSWORD)
    form = browser.open("/admin/briefs/sanction/import/")
    csv = form.split(">csv</option>")[0].rsplit('<option value="', 1)[1].split('"')[0]
    start.wait()
    began = time.monotonic()
    try:
        page = browser.post(
            "/admin/briefs/sanction/import/",
            form,
            {"format": csv},
            {"import_file": ("sanction.csv", data)},
        )
        result["answered"] = time.monotonic() - began
        if "/import/job/" in browser.location:
            page = follow(browser, site, ("Confirm import", *REFUSED), timeout)
        result["outcome"] = (
            "preview: " + text_of(page)[:90]
            if "Confirm import" in page
            else "refused: " + text_of(page)[:90]
        )
    except urllib.error.HTTPError as error:
        result["outcome"] = f"HTTP {error.code}"
        result["server error"] = error.code >= 500
    result["done"] = time.monotonic() - began


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--uploads", type=int, default=5)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--timeout", type=int, default=1800)
    args = parser.parse_args()
    if missing := missing_programs():
        raise SystemExit(f"missing: apt-get install {' '.join(missing)}")
    base = postgres_base()

    with ExitStack() as stack:
        folder, start = starting_folder(stack, base, "bench-uploads-", args.rows)
        sanctions = folder / "sanction.csv"
        data = sanctions.read_bytes()
        url = copy_database(base, start, f"{bench_admin_import.DATABASE}_admin")
        site = run_stack(stack, folder / "run", Ports.free(), url, workers=3)
        print(
            f"{args.uploads} uploads at once of a {len(data) / 2**20:.1f} MB CSV "
            f"({args.rows:,} sanctions), PostgreSQL, Redis with 256 MB"
        )
        go = threading.Event()
        results = [{} for _ in range(args.uploads)]
        threads = [
            threading.Thread(target=upload, args=(site, data, go, args.timeout, result))
            for result in results
        ]
        for thread in threads:
            thread.start()
        time.sleep(3)  # every curator signed in and on the form
        go.set()
        for thread in threads:
            thread.join()
        for number, result in enumerate(results, start=1):
            answered = result.get("answered")
            print(
                f"  upload {number}: answered in "
                f"{'-' if answered is None else f'{answered:.1f} s'}, "
                f"done in {result.get('done', 0):.1f} s: {result.get('outcome')}"
            )
        errors = sum(1 for result in results if result.get("server error"))
        previews = sum(
            1 for r in results if str(r.get("outcome")).startswith("preview")
        )
        print(f"previews {previews} of {args.uploads}; server errors {errors}")
        waiting = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c",
             "from briefs.models import Upload; print(Upload.objects.count())"],
            cwd=ROOT, env={**site.env, "DATABASE_URL": url},
            capture_output=True, text=True,
        )  # fmt: skip
        print(f"uploads waiting for their confirm: {waiting.stdout.strip()}")


if __name__ == "__main__":
    main()
