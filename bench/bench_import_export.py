"""
How fast whole tables move in and out, next to every other way of loading them.

    .venv/bin/python bench/bench_import_export.py [--rows 100000] [--sample 5000]
        [--database sqlite|postgresql|both] [--tables sanction,meeting] [--repeat 3]

For each table (sanctions; meetings with two participants each) it writes
one file of --rows rows and loads it, into an emptied table each time, by:

- django-import-export with its defaults (a plain ModelResource, related
  rows by id), and ``loaddata`` with a fixture of the same rows by natural
  key (which it loads as ``import_brief`` loads a bundle): both on
  --sample rows, as they take minutes for the whole file;
- ``bulk_create`` of objects built from the file, related rows looked up in
  a dict, no validation;
- PostgreSQL ``COPY ... FROM STDIN`` of the very rows our import wrote,
  dumped by ``COPY ... TO STDOUT`` (PostgreSQL only);
- ours: ``import_table`` (checked, atomic), with and without history
  records, and again with the file already loaded (every row unchanged).

Then it exports the table with ``export_table`` (CSV) at full size and at a
tenth, next to ``COPY ... TO STDOUT``. Each method runs in a process of its
own so its peak memory (max RSS) is its own. Prints rows/s, the ratio to
COPY, and peak memory. Needs a PostgreSQL server for the PostgreSQL part
(DATABASE_URL of a role that may create databases, default
postgres://hiia:hiia@127.0.0.1:5432/hiia, as .ci/run makes); it works in
a database of its own, ``hiia_bench`` (HIIA_BENCH_DATABASE names another).
"""

import argparse
import csv
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES = "postgres://hiia:hiia@127.0.0.1:5432/hiia"
# The database it drops and makes again; another name where several
# checkouts share one server.
BENCH_DATABASE = os.environ.get("HIIA_BENCH_DATABASE", "hiia_bench")
ACTORS = 1000
PUBLICATIONS = 10


# --- The parent: set up, run each method in its own process, print ---------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=5_000)
    parser.add_argument(
        "--database", choices=["sqlite", "postgresql", "both"], default="both"
    )
    parser.add_argument("--tables", default="sanction,meeting")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="Runs of each fast method; the fastest is shown (this machine is shared).",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--args", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker:
        return work(options.worker, json.loads(options.args))
    databases = (
        ["sqlite", "postgresql"] if options.database == "both" else [options.database]
    )
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        for database in databases:
            url = database_url(database, Path(folder))
            bench_database(url, database, options, Path(folder))


def database_url(database, folder):
    if database == "sqlite":
        return f"sqlite:///{folder}/bench.sqlite3"
    base = os.environ.get("DATABASE_URL", DEFAULT_POSTGRES)
    if not base.startswith("postgres"):
        base = DEFAULT_POSTGRES
    return base.rsplit("/", 1)[0] + "/" + BENCH_DATABASE


def bench_database(url, database, options, folder):
    env = worker_environment(url)
    fresh_database(url, database, folder, env)
    for table in options.tables.split(","):
        bench_table(env, database, table, options, folder)


def bench_table(env, database, table, options, folder):
    files = run(env, "setup", table=table, rows=options.rows, folder=str(folder))[
        "files"
    ]
    tenth = run(
        env,
        "setup",
        table=table,
        rows=options.rows // 10,
        folder=str(folder / "tenth"),
    )["files"]
    print(
        f"\n{database_name(env)}: {options.rows:,} {table} rows"
        f"{' with 2 participants each' if table == 'meeting' else ''}; "
        f"import-export and loaddata on the first {min(options.sample, options.rows):,}"
    )
    results = []
    repeat = options.repeat

    def measure(label, method, times=repeat, **arguments):
        """The fastest of ``times`` runs, each into an emptied table."""
        outcomes = []
        for _ in range(times):
            run(env, "reset", table=table)
            outcomes.append(run(env, method, table=table, files=files, **arguments))
        results.append((label, fastest(outcomes)))

    slow = {"times": 1, "sample": options.sample}
    measure("django-import-export, defaults", "import_export_defaults", **slow)
    measure("loaddata", "loaddata", folder=str(folder), **slow)
    measure("bulk_create", "bulk_create")
    measure("ours: import_table --no-history", "ours", history=False)
    if database == "postgresql":
        dump = run(env, "copy_out", table=table, folder=str(folder))
        measure("COPY FROM STDIN", "copy_in", dump=dump["files"])
    measure("ours: import_table (with history)", "ours", history=True)
    # As the admin imports: each history record names the curator.
    measure("ours: with history, by a curator", "ours", history=True, curator=True)
    # At rest, as each import above started into an emptied table: autovacuum,
    # woken by the rows and records just written, would otherwise share the
    # two cores with these (one run took 5.5 s where others took 3.6-4.0 s).
    run(env, "settle", table=table)
    again = [
        run(env, "ours", table=table, files=files, history=True) for _ in range(repeat)
    ]
    results.append(("ours: the same file again (unchanged)", fastest(again)))
    print_table(results)

    def export(label, method):
        # Exports read a table at rest: autovacuum, woken by the imports, would
        # otherwise run beside whichever export comes first.
        run(env, "settle", table=table)
        outcomes = [
            run(env, method, table=table, folder=str(folder)) for _ in range(repeat)
        ]
        exports.append((label, fastest(outcomes)))

    exports = []
    if database == "postgresql":
        export("COPY TO STDOUT", "copy_to")
    export("ours: export_table csv", "export")
    # A tenth of the rows: a streaming export takes a tenth of the time in the same memory.
    run(env, "reset", table=table)
    run(env, "ours", table=table, files=tenth, history=False)
    export(f"ours: export_table csv, {options.rows // 10:,} rows", "export")
    print_table(exports, what="Export")


def fastest(outcomes):
    best = min(
        outcomes, key=lambda outcome: outcome["seconds"] / max(outcome["rows"], 1)
    )
    return {**best, "peak_mb": max(outcome["peak_mb"] for outcome in outcomes)}


def database_name(env):
    return "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"


def worker_environment(url):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="hiia.settings",
        # DEBUG off: Django would otherwise keep every query in memory.
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="localhost",
        PYTHONPATH=str(ROOT),
    )
    return env


def fresh_database(url, database, folder, env):
    if database == "postgresql":
        import psycopg

        admin_url = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(
            admin_url.replace("postgres://", "postgresql://", 1), autocommit=True
        ) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
            connection.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    # No checks: they would ask for collected static files, which no
    # page of this benchmark serves.
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "migrate",
            "--skip-checks",
            "--verbosity",
            "0",
        ],
        env=env,
        check=True,
    )


def run(env, method, **arguments):
    """Run a method in a process of its own; its result, with its peak memory."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--worker", method, "--args", json.dumps(arguments)],
        env=env,
        stdout=subprocess.PIPE,
    )
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        sys.exit(f"{method} failed (status {status})")
    result = json.loads(output.decode().strip().splitlines()[-1])
    result["peak_mb"] = usage.ru_maxrss / 1024
    return result


def print_table(results, what="Import"):
    copy = next(
        (outcome for label, outcome in results if label.startswith("COPY")), None
    )
    print(
        f"  {what:<44}{'rows':>9}{'seconds':>9}{'rows/s':>10}{'× COPY':>8}{'peak MB':>9}"
    )
    for label, outcome in results:
        speed = outcome["rows"] / outcome["seconds"]
        ratio = f"{speed / (copy['rows'] / copy['seconds']):.2f}" if copy else "—"
        print(
            f"  {label:<44}{outcome['rows']:>9,}{outcome['seconds']:>9.2f}"
            f"{speed:>10,.0f}{ratio:>8}{outcome['peak_mb']:>9.0f}"
        )


# --- The workers: each does one thing in a fresh process ----------------------------


def work(method, arguments):
    import django

    django.setup()
    result = globals()[f"worker_{method}"](**arguments)
    print(json.dumps(result or {"rows": 0, "seconds": 0}))


def timed(function):
    started = time.perf_counter()
    rows = function()
    return {"rows": rows, "seconds": time.perf_counter() - started}


def tables_of(table):
    """The tables a method loads, in order: a meeting comes with its participants."""
    return [table, "meetingparticipant"] if table == "meeting" else [table]


def worker_setup(table, rows, folder):
    """Actors and briefs to refer to, and our CSV files of ``rows`` rows."""
    import random

    from briefs.models import Actor, Publication

    if not Actor.objects.exists():
        Actor.objects.bulk_create(
            Actor(slug=f"state-{number}", name=f"State {number}", kind="state")
            for number in range(ACTORS)
        )
        Publication.objects.bulk_create(
            Publication(
                slug=f"brief-{number}",
                title=f"Brief {number}",
                series="HIIA Perspective",
                publisher="HIIA",
                publication_date="2025-07-15",
            )
            for number in range(PUBLICATIONS)
        )
    Path(folder).mkdir(exist_ok=True)
    chance = random.Random(1)
    sectors = ["Potash", "Aviation", "Banking", "Oil and gas", "Tobacco", "Steel"]
    files = {}

    def write(name, lines):
        """A file with every column of the table, as an export has them: a
        column the lines do not give (a name in another language) is empty."""
        path = Path(folder) / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.DictWriter(stream, header_of(name), restval="")
            writer.writeheader()
            writer.writerows(lines)
        files[name] = str(path)

    def publications():
        return ",".join(
            sorted(
                chance.sample(
                    [f"brief-{n}" for n in range(PUBLICATIONS)], chance.randint(0, 2)
                )
            )
        )

    def sanction(n):
        # Drawn in the order of the columns: the same file as earlier runs made.
        title = f"Restrictions on {chance.choice(sectors).lower()} no. {n}"
        imposed_by, target = chance.sample(range(ACTORS), 2)
        return {
            "slug": f"sanction-{n}",
            "title": title,
            "imposed_by": f"state-{imposed_by}",
            "target": f"state-{target}",
            "sector": chance.choice(sectors),
            "status": chance.choice(["proposed", "in_force", "eased", "lifted"]),
            "status_note": "Extended for another year after the last review.",
            "start_date": f"{chance.randint(2010, 2024)}-{chance.randint(1, 12):02}-01",
            "start_date_precision": "month",
            "start_date_approximate": chance.choice("01"),
            "end_date_approximate": "0",
            "description": "Targets state-owned exporters and the banks that finance them.",
            "publications": publications(),
        }

    def meeting(n):
        return {
            "slug": f"meeting-{n}",
            "title": f"Talks number {n}",
            "date": f"{chance.randint(2010, 2025)}-06-{chance.randint(1, 28):02}",
            "date_precision": "day",
            "date_approximate": "0",
            "place": "Minsk",
            "country": f"state-{chance.randrange(ACTORS)}",
            "duration_hours": f"{chance.randint(1, 12)}.50",
            "duration_approximate": chance.choice("01"),
            "topics": "Sanctions\nPrisoners",
            "outcome": "A joint statement.",
            "publications": publications(),
        }

    if table == "sanction":
        write("sanction", (sanction(n) for n in range(rows)))
    else:
        write("meeting", (meeting(n) for n in range(rows)))
        write(
            "meetingparticipant",
            (
                {
                    "meeting": f"meeting-{n}",
                    "actor": f"state-{actor}",
                    "role": role,
                    "position": position,
                }
                for n in range(rows)
                for position, (actor, role) in enumerate(
                    zip(
                        chance.sample(range(ACTORS), 2),
                        ["host", "visitor"],
                        strict=True,
                    ),
                    start=1,
                )
            ),
        )
    return {"rows": rows, "seconds": 0, "files": files}


def header_of(name):
    """The columns of a table's file, as the admin's resource names them."""
    from briefs.exchange.tables.columns import columns_of

    return [column.name for column in columns_of(name)[2]]


def worker_reset(table):
    from django.db import connection

    from briefs.exchange.tables.columns import columns_of

    names = []
    for name in tables_of(table):
        model = columns_of(name)[1]
        names += [model._meta.db_table, model.history.model._meta.db_table]
        names += [
            field.remote_field.through._meta.db_table
            for field in model._meta.local_many_to_many
        ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(names)} CASCADE")
        else:
            for name in reversed(names):
                cursor.execute(f'DELETE FROM "{name}"')
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")


def rows_of(path, limit=None):
    with open(path, newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    return rows[:limit] if limit else rows


def ids_by_slug(model):
    return dict(model.objects.values_list("slug", "pk"))


def with_ids(name, rows):
    """Our rows with related rows by id instead of slug, as a default resource wants them."""
    from briefs.exchange.tables.columns import SlugColumn, SlugListColumn, columns_of

    _resource, _model, columns, _key = columns_of(name)
    lookups = {}
    for column in columns:
        if isinstance(column, SlugColumn | SlugListColumn):
            if column.related_model not in lookups:
                lookups[column.related_model] = ids_by_slug(column.related_model)
            found = lookups[column.related_model]
            for row in rows:
                if isinstance(column, SlugListColumn):
                    row[column.name] = ",".join(
                        str(found[s]) for s in row[column.name].split(",") if s
                    )
                else:
                    row[column.name] = found.get(row[column.name], "")
    return rows


def worker_import_export_defaults(table, files, sample):
    import tablib
    from import_export.resources import modelresource_factory

    from briefs.exchange.tables.columns import columns_of

    total = 0
    seconds = 0.0
    for name in tables_of(table):
        model = columns_of(name)[1]
        rows = rows_of(files[name], sample * (2 if name == "meetingparticipant" else 1))
        if name == "meetingparticipant":
            rows = [row for row in rows if int(row["meeting"].split("-")[1]) < sample]
        rows = with_ids(name, rows)
        dataset = tablib.Dataset(headers=["id", *rows[0].keys()])
        for row in rows:
            dataset.append(["", *row.values()])
        resource = modelresource_factory(model)()
        outcome = timed(
            lambda resource=resource, dataset=dataset: (
                resource.import_data(dataset, raise_errors=True),
                len(dataset),
            )[1]
        )
        total += outcome["rows"] if name == table else 0
        seconds += outcome["seconds"]
    return {"rows": total, "seconds": seconds}


def worker_loaddata(table, files, sample, folder):
    from django.core.management import call_command

    from briefs.exchange.tables.columns import columns_of

    total = 0
    seconds = 0.0
    for name in tables_of(table):
        _resource, model, columns, _key = columns_of(name)
        rows = rows_of(files[name], sample * (2 if name == "meetingparticipant" else 1))
        by_name = {column.name: column for column in columns}
        # Rows by natural key, related rows by slug: the only fixture of the
        # app's rows without ids that loaddata takes (it loads it as a bundle).
        fixture = [
            {
                "model": model._meta.label_lower,
                "fields": {
                    key: fixture_value(by_name[key], value)
                    for key, value in row.items()
                },
            }
            for row in rows
        ]
        path = Path(folder) / f"fixture-{name}.json"
        path.write_text(json.dumps(fixture))
        outcome = timed(
            lambda path=path, fixture=fixture: (
                call_command("loaddata", str(path), verbosity=0),
                len(fixture),
            )[1]
        )
        total += outcome["rows"] if name == table else 0
        seconds += outcome["seconds"]
    return {"rows": total, "seconds": seconds}


def fixture_value(column, value):
    from django.db import models

    from briefs.exchange.tables.columns import SlugColumn, SlugListColumn

    if isinstance(column, SlugListColumn):
        return [[slug] for slug in str(value).split(",") if slug]
    if isinstance(column, SlugColumn):
        return [value] if value else None
    if value == "" and column.field.null:
        return None
    if isinstance(column.field, models.BooleanField):
        return value == "1"
    return value


def worker_bulk_create(table, files):
    from django.db import transaction

    from briefs.exchange.tables.columns import SlugColumn, SlugListColumn, columns_of

    def load():
        for name in tables_of(table):
            _resource, model, columns, _key = columns_of(name)
            rows = rows_of(files[name])
            lookups = {
                column: ids_by_slug(column.related_model)
                for column in columns
                if isinstance(column, SlugColumn | SlugListColumn)
            }
            objects = []
            links = []
            for row in rows:
                fields = {}
                for column in columns:
                    value = row.get(column.name, "")
                    if isinstance(column, SlugListColumn):
                        links.append(
                            [lookups[column][slug] for slug in value.split(",") if slug]
                        )
                    elif isinstance(column, SlugColumn):
                        fields[column.attname] = lookups[column].get(value)
                    elif value != "" or not column.field.null:
                        fields[column.attname] = (
                            column.field.to_python(value)
                            if value != ""
                            else column.field.get_default()
                        )
                objects.append(model(**fields))
            with transaction.atomic():
                model.objects.bulk_create(objects, batch_size=1000)
                for column in columns:
                    if isinstance(column, SlugListColumn):
                        through = column.field.remote_field.through
                        source = f"{column.field.m2m_field_name()}_id"
                        target = f"{column.field.m2m_reverse_field_name()}_id"
                        through.objects.bulk_create(
                            (
                                through(**{source: obj.pk, target: related})
                                for obj, related_ids in zip(objects, links, strict=True)
                                for related in related_ids
                            ),
                            batch_size=1000,
                        )
        return len(rows_of(files[table]))

    return timed(load)


def worker_ours(table, files, history, curator=False):
    from django.contrib.auth.models import User

    from briefs.exchange.tables import import_table

    user = User.objects.get_or_create(username="bench-curator")[0] if curator else None

    def load():
        for name in tables_of(table):
            data = Path(files[name]).read_bytes()
            import_table(
                name,
                data,
                "csv",
                file_name=Path(files[name]).name,
                history=history,
                user=user,
            )
        return len(rows_of(files[table]))

    return timed(load)


def copied_tables(table):
    from briefs.exchange.tables.columns import columns_of

    names = []
    for name in tables_of(table):
        model = columns_of(name)[1]
        names.append(model._meta.db_table)
        names += [
            field.remote_field.through._meta.db_table
            for field in model._meta.local_many_to_many
        ]
    return names


def worker_copy_out(table, folder):
    """Our import's rows, ids and timestamps included, as COPY writes them."""
    from django.db import connection

    files = {}
    with connection.cursor() as cursor:
        for name in copied_tables(table):
            path = Path(folder) / f"copy-{name}.txt"
            with (
                path.open("wb") as stream,
                cursor.cursor.copy(f"COPY {name} TO STDOUT") as copy,
            ):
                for data in copy:
                    stream.write(data)
            files[name] = str(path)
    return {"rows": 0, "seconds": 0, "files": files}


def worker_copy_in(table, files, dump):
    from django.db import connection, transaction

    def load():
        with transaction.atomic(), connection.cursor() as cursor:
            for name, path in dump.items():
                with (
                    open(path, "rb") as stream,
                    cursor.cursor.copy(f"COPY {name} FROM STDIN") as copy,
                ):
                    while data := stream.read(1 << 20):
                        copy.write(data)
        return len(rows_of(files[table]))

    return timed(load)


def worker_settle(table):
    from django.db import connection

    from briefs.exchange.tables.columns import columns_of

    if connection.vendor == "postgresql":
        histories = [
            columns_of(name)[1].history.model._meta.db_table
            for name in tables_of(table)
        ]
        with connection.cursor() as cursor:
            for name in [*copied_tables(table), *histories]:
                cursor.execute(f"VACUUM (ANALYZE) {name}")


def worker_copy_to(table, folder=None):
    from django.db import connection

    from briefs.exchange.tables.columns import columns_of

    model = columns_of(table)[1]
    if connection.vendor != "postgresql":
        return None

    def dump():
        rows = 0
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {model._meta.db_table} TO STDOUT") as copy,
        ):
            for data in copy:
                rows += bytes(data).count(b"\n")
        return rows

    return timed(dump)


def worker_export(table, folder):
    from briefs.exchange.tables import export_table

    path = Path(folder) / f"export-{table}.csv"
    with path.open("wb") as stream:
        return timed(lambda: export_table(table, stream, "csv"))


if __name__ == "__main__":
    main()
