"""
What a write costs: seeding an empty database, and an admin save of a record.

    .venv/bin/python bench/bench_writes.py [--repeat 5]
    DATABASE_URL=postgres://hiia:hiia@127.0.0.1:5432/hiia .venv/bin/python bench/bench_writes.py

In a throwaway test database (``test_<name>``, made and dropped here):

1. ``load_initial_data`` into the empty database: seconds (median of
   ``--repeat`` loads, each into an emptied database), queries, and how many
   times a brief's texts were rendered (once a brief is the aim: one write,
   settled once);
2. the admin's save of the seed meeting with its inlines (participants and
   evidence), posted back as the change form gives it and with one field
   changed: queries, grouped by what they do, which says what bounds them.
"""

import argparse
import os
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hiia.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

MEETING = "kellogg-lukashenko-minsk-2025-06-21"


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="loads to time")
    args = parser.parse_args()

    from bench.scratch import scratch_database

    with scratch_database(
        ALLOWED_HOSTS=["*"],
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    ):
        from django.db import connection

        print(f"{connection.vendor}")
        seeding(args.repeat)
        admin_save()


def seeding(repeat):
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from briefs.domain import derived

    rendered = []
    render = derived.rendered_texts

    def counted(publication):
        rendered.append(publication.pk)
        return render(publication)

    derived.rendered_texts = counted
    times, queries = [], None
    for _ in range(repeat):
        call_command("flush", interactive=False, verbosity=0)
        rendered.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            call_command("load_initial_data", verbosity=0)
            times.append(time.perf_counter() - start)
        queries = len(captured)
        kinds = Counter(kind_of(query["sql"]) for query in captured)
    derived.rendered_texts = render
    print(
        f"load_initial_data into an empty database: "
        f"{statistics.median(times):.2f} s (median of {repeat}), "
        f"{queries} queries, {len(set(rendered))} editions rendered "
        f"{len(rendered)} time(s) in all ({describe(kinds)})"
    )


def admin_save():
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from briefs.models import Meeting
    from tests.helpers import form_data

    user = User.objects.create_superuser("bench", password="bench-password")
    client = Client()
    client.force_login(user)
    meeting = Meeting.objects.get(slug=MEETING)
    url = reverse("admin:briefs_meeting_change", args=[meeting.pk])
    for label, changes in [
        ("unchanged", {}),
        ("one field changed", {"outcome": "Release of 14 political prisoners."}),
    ]:
        data = form_data(client.get(url)) | changes
        with CaptureQueriesContext(connection) as captured:
            response = client.post(url, data)
        assert response.status_code == 302, response.status_code
        kinds = Counter(kind_of(query["sql"]) for query in captured)
        print(
            f"admin save of the seed meeting, {label}: {len(captured)} queries "
            f"({describe(kinds)})"
        )


def describe(kinds):
    return ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())


def kind_of(sql):
    """What a query does, by its verb and table."""
    verb = sql.split(None, 1)[0].upper()
    if verb in {"SAVEPOINT", "RELEASE", "ROLLBACK"}:
        return "savepoint"
    table = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', sql)
    name = table.group(1) if table else "?"
    name = name.replace("briefs_", "")
    if name.startswith("historical"):
        name = "history"
    return f"{verb.lower()} {name}"


if __name__ == "__main__":
    main()
