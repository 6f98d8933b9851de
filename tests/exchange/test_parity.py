"""Every door, the same answer: the admin import, ``import_table`` and ``import_brief``.

Each file of the corpus (the cases of issue 8, and a good file of every
table) goes in CSV, XLSX and JSON through the admin import page (upload,
preview, confirm, as a curator does) and through ``import_table``, each from
the same stored state; both must leave the same rows and history, or both
must refuse it naming the same row, column, value and reason. A breakdown
changed by a brief bundle gets the same answer from ``import_brief``.
"""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from briefs.domain import derived
from briefs.domain.rules import NUL_IN_TEXT
from briefs.exchange.bundles import bundle_models
from briefs.exchange.tables import TableError
from briefs.exchange.tables.columns import columns_of
from briefs.exchange.tables.files import FORMULA, WRITERS
from briefs.exchange.tables.problems import EMPTY_FILE
from briefs.models import Actor, Author, Meeting, PrisonerRelease, Publication
from briefs.models.base import has_history
from tests.factories import make_nationality_count, make_release
from tests.helpers import (
    SEED_SLUG,
    TWO_AUTHORS_SLUG,
    TWO_AUTHORS_TEXT,
    admin_confirm,
    admin_upload,
    exported_bundle,
    exported_table,
    load_table,
    save_in_admin,
)

pytestmark = pytest.mark.django_db(transaction=False)

FORMATS = ["csv", "xlsx", "json"]
TABLES = [model._meta.model_name for model in bundle_models()]
BOOKKEEPING = {"id", "created_at", "updated_at", "history_id", "history_date"}


def file_of(header, rows, file_format):
    """Rows of text cells as a file, written as the project writes its exports."""
    stream = io.BytesIO()
    writer = WRITERS[file_format](stream, header)
    for row in rows:
        writer.write(row)
    writer.close()
    return stream.getvalue()


def swapped_breakdown():
    """A release of 14 whose stored breakdown is 7 + 7, discussed by the brief."""
    release = make_release(
        "swap", total=14, released_by=Actor.objects.get(slug="belarus")
    )
    release.publications.add(Publication.objects.get(slug=SEED_SLUG))
    make_nationality_count(release, Actor.objects.get(slug="japan"), 7)
    make_nationality_count(release, Actor.objects.get(slug="poland"), 7)


MEETING = ["slug", "title", "date", "date_precision", "date_approximate"]
COUNT = ["release", "country", "count"]
EVIDENCE = ["publication", "number", "meeting", "sanction", "fact", "value", "rank"]
EVIDENCE += ["section", "quote", "sources"]
SEED_MEETING = "kellogg-lukashenko-minsk-2025-06-21"

# name: (table, header, rows, set-up); the same rows in every format.
CASES = {
    "boolean yes": (
        "meeting",
        MEETING,
        [["talks", "Talks", "2025-06-21", "day", "yes"]],
        None,
    ),
    "boolean maybe": (
        "meeting",
        MEETING,
        [["talks", "Talks", "2025-06-21", "day", "maybe"]],
        None,
    ),
    "empty text fields": (
        "author",
        ["slug", "name", "position", "affiliation", "biography"],
        [["new-author", "New Author", "", "", ""]],
        None,
    ),
    "unknown column": (
        "author",
        ["slug", "name", "shoe_size"],
        [["x", "X", "44"]],
        None,
    ),
    "misspelt key column": ("author", ["slgu", "name"], [["x", "X"]], None),
    "missing key column": ("author", ["name"], [["X"]], None),
    "not a decimal": (
        "meeting",
        ["slug", "title", "date", "date_precision", "duration_hours"],
        [["talks", "Talks", "2025-06-21", "day", "three"]],
        None,
    ),
    "bad date": (
        "meeting",
        MEETING,
        [["talks", "Talks", "2025-02-30", "day", ""]],
        None,
    ),
    "unknown slug": (
        "actor",
        ["slug", "name", "kind", "country"],
        [["x", "X", "person", "atlantis"]],
        None,
    ),
    "key given twice": (
        "author",
        ["slug", "name"],
        [["x", "X"], ["x", "X again"]],
        None,
    ),
    "breakdown 7 + 7 becoming 10 + 2": (
        "nationalitycount",
        COUNT,
        [["swap", "japan", "10"], ["swap", "poland", "2"]],
        swapped_breakdown,
    ),
    "breakdown 7 + 7 becoming 10 + 5": (
        "nationalitycount",
        COUNT,
        [["swap", "japan", "10"], ["swap", "poland", "5"]],
        swapped_breakdown,
    ),
    "evidence of a quote the text does not hold": (
        "evidence",
        EVIDENCE,
        [
            [SEED_SLUG, "99", SEED_MEETING, "", "date", "21 June", "normal", "1"]
            + ["Kellogg arrived on a Tuesday", "1"]
        ],
        None,
    ),
    "evidence of two facts at once": (
        "evidence",
        EVIDENCE,
        [
            [
                SEED_SLUG,
                "99",
                SEED_MEETING,
                "eu-sanctions-belarus",
                "date",
                "21 June",
                "normal",
                "1",
            ]
            + ["On June 21", "1"]
        ],
        None,
    ),
    "evidence of an unknown rank": (
        "evidence",
        EVIDENCE,
        [
            [SEED_SLUG, "99", SEED_MEETING, "", "date", "21 June", "best", "1"]
            + ["On June 21", "1"]
        ],
        None,
    ),
    "total below the breakdown": (
        "prisonerrelease",
        ["slug", "title", "date", "date_precision", "released_by", "total"],
        [["swap", "Swap", "2025-04-01", "month", "belarus", "13"]],
        swapped_breakdown,
    ),
    # Issue 20: the cell rules, the same in every format and on both databases.
    "NUL in a text cell": (
        "author",
        ["slug", "name"],
        [["nul-author", "Ann\x00a"]],
        None,
    ),
    "NUL in a date cell": (
        "meeting",
        MEETING,
        [["talks", "Talks", "2025-06-21\x00", "day", "no"]],
        None,
    ),
    "precision without a date": (
        "meeting",
        MEETING,
        [["talks", "Talks", "", "season", "no"]],
        None,
    ),
    "precision that is no choice and too long": (
        "meeting",
        MEETING,
        [["talks", "Talks", "2025-06-21", "fortnight", "no"]],
        None,
    ),
    "status that is no choice": (
        "sanction",
        ["slug", "title", "imposed_by", "target", "status"],
        [["paused", "Paused", "united-states", "belarus", "paused"]],
        None,
    ),
    "negative duration": (
        "meeting",
        ["slug", "title", "date", "date_precision", "duration_hours"],
        [["talks", "Talks", "2025-06-21", "day", "-4"]],
        None,
    ),
    "country that is not a state": (
        "meeting",
        ["slug", "title", "country"],
        [["talks", "Talks", "donald-trump"]],
        None,
    ),
}

NUL_NAMED = "(value “Ann\u2400a”): " + NUL_IN_TEXT
# What every door answers, for the cases issue 20 found answered differently
# (or not refused at all); the other cases must only agree.
REFUSED = {
    "NUL in a text cell": ["Row 1, column “name” " + NUL_NAMED],
    "NUL in a date cell": [
        "Row 1, column “date” (value “2025-06-21\u2400”): " + NUL_IN_TEXT
    ],
    "precision without a date": [
        "Row 1, column “date”: A precision without a date: give the date (the "
        "first day of its period, as YYYY-MM-DD), or leave the precision empty."
    ],
    "precision that is no choice and too long": [
        "Row 1, column “date_precision” (value “fortnight”): “fortnight” is not "
        "one of day, month, season, year."
    ],
    "status that is no choice": [
        "Row 1, column “status” (value “paused”): “paused” is not one of eased, "
        "in_force, lifted, proposed."
    ],
    "negative duration": [
        "Row 1, column “duration_hours” (value “-4”): A meeting lasts more than 0 "
        "hours: give its length in hours, such as 6 or 1.5, or leave it empty."
    ],
    "country that is not a state": [
        "Row 1, column “country” (value “donald-trump”): “Donald Trump” is not a state."
    ],
    "empty file": ["The file: " + EMPTY_FILE],
    "deeply nested JSON": [
        "The file: the file nests lists or objects hundreds of levels deep, too "
        "deep to read: a table is a list of objects, one a row, and a bundle a "
        "list of fixture objects."
    ],
    "XLSX formula without its value": [
        'Row 1, column “biography” (value “=HYPERLINK("http://example.org",'
        '"click")”): ' + FORMULA
    ],
    "XLSX formula without its value, in the name": [
        'Row 1, column “name” (value “=HYPERLINK("http://example.org",'
        '"click")”): ' + FORMULA
    ],
}


def workbook(header, row, cached=None):
    """A workbook as a program writes one: formulas without their values,
    or, given ``cached``, with the value a spreadsheet kept of each."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(header)
    book.active.append(row)
    stream = io.BytesIO()
    book.save(stream)
    if cached is None:
        return stream.getvalue()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(stream.getvalue())) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(b"<v></v>", f"<v>{cached}</v>".encode()).replace(
                    b'<c r="C2">', b'<c r="C2" t="str">'
                )
            target.writestr(item, data)
    return out.getvalue()


HYPERLINK = '=HYPERLINK("http://example.org","click")'

# Files that only one format can be.
RAW_FILES = {
    "JSON object cell": (
        "actor",
        "json",
        json.dumps([{"slug": "x", "name": {"a": 1}, "kind": "person"}]).encode(),
    ),
    "CSV not in UTF-8": ("author", "csv", "slug,name\nx,Gödel\n".encode("latin-1")),
    "not a workbook": ("author", "xlsx", b"PK\x03\x04 not a workbook"),
    "CSV with a byte order mark": ("author", "csv", b"\xef\xbb\xbfslug,name\nx,X\n"),
    "empty file": ("author", "csv", b""),
    "deeply nested JSON": ("author", "json", b"[" * 100_000 + b"]" * 100_000),
    "XLSX formula without its value": (
        "author",
        "xlsx",
        workbook(["slug", "name", "biography"], ["x", "X", HYPERLINK]),
    ),
    "XLSX formula without its value, in the name": (
        "author",
        "xlsx",
        workbook(["slug", "name"], ["x", HYPERLINK]),
    ),
    "XLSX formula with its value": (
        "author",
        "xlsx",
        workbook(["slug", "name", "biography"], ["x", "X", HYPERLINK], "click"),
    ),
}


def corpus():
    for name, (table, header, rows, set_up) in CASES.items():
        for file_format in FORMATS:
            yield pytest.param(
                table,
                file_format,
                lambda h=header, r=rows, f=file_format: file_of(h, r, f),
                set_up,
                REFUSED.get(name),
                id=f"{name}-{file_format}",
            )
    for name, (table, file_format, data) in RAW_FILES.items():
        yield pytest.param(
            table, file_format, lambda d=data: d, None, REFUSED.get(name), id=name
        )
    for table in TABLES:
        for file_format in FORMATS:
            yield pytest.param(
                table,
                file_format,
                lambda t=table, f=file_format: exported_again(t, f),
                None,
                None,
                id=f"good {table}-{file_format}",
            )


def exported_again(table, file_format):
    """The table as exported, its rows deleted where nothing protects them."""
    data = exported_table(table, file_format)
    model = next(model for model in bundle_models() if model._meta.model_name == table)
    try:
        with derived.write():
            model.objects.all().delete()
    except ProtectedError:
        pass  # then the file changes nothing: every door must say so
    return data


def stored_state():
    """Every row and history record of the app, rows named by natural key.

    Ids and timestamps are left out: PostgreSQL does not roll its sequences
    back, so the same new row gets another id through each door.
    """
    keys = {
        # One query a table: the key's parts as paths (natural_key_paths), not
        # natural_key() a row, which loads each related row again.
        model: {
            pk: tuple(key)
            for pk, *key in model.objects.values_list("pk", *model.natural_key_paths())
        }
        for model in bundle_models()
    }
    state = {}
    for model in bundle_models():
        tables = [model]
        if has_history(model):
            tables.append(model.history.model)
        tables.extend(
            field.remote_field.through
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        )
        for table in tables:
            named = {
                field.attname: keys[field.related_model]
                for field in table._meta.concrete_fields
                if field.is_relation and field.related_model in keys
            }
            state[table._meta.label] = sorted(
                sorted(
                    (
                        name,
                        str(named[name].get(value, value) if name in named else value),
                    )
                    for name, value in row.items()
                    if name not in BOOKKEEPING
                )
                for row in table.objects.values()
            )
    return state


def through_admin(client, table, data, file_format):
    model = next(model for model in bundle_models() if model._meta.model_name == table)
    preview = admin_upload(
        client, model, data, f"rows.{file_format}", file_format.upper()
    )
    assert preview.status_code == 200
    if "confirm_form" not in preview.context:
        return refusal(preview.context["problems"])
    done = admin_confirm(client, model, preview)
    assert done.status_code == 302, done.content
    return stored_state()


def through_import_table(user, table, data, file_format):
    try:
        load_table(table, data, file_format, user=user, file_name=f"rows.{file_format}")
    except TableError as error:
        return refusal(error.problems)
    return stored_state()


def refusal(problems):
    problems = sorted(map(str, problems))
    assert problems
    for problem in problems:
        assert not any(word in problem for word in INTERNAL), problem
    return {"refused": problems}


# What no answer of any door holds: a constraint's name, a Python exception
# or codec, a class or an object number.
INTERNAL = ("briefs_", "Error", "codec", "Traceback", "instance with id", "Object ")


def each_door(*doors):
    """What each door leaves, each starting from the same stored state."""
    answers = []
    for door in doors:
        with transaction.atomic():
            answers.append(door())
            transaction.set_rollback(True)
    return answers


@pytest.mark.parametrize(
    ("table", "file_format", "make_file", "set_up", "refused"), corpus()
)
def test_every_door_gives_the_same_answer(
    seeded, editor, editor_client, table, file_format, make_file, set_up, refused
):
    if set_up:
        set_up()
    data = make_file()

    admin, command = each_door(
        lambda: through_admin(editor_client, table, data, file_format),
        lambda: through_import_table(editor, table, data, file_format),
    )

    assert admin == command
    if refused:
        assert command == {"refused": refused}


def test_a_formula_is_read_as_the_value_its_workbook_keeps(seeded, editor):
    load_table("author", RAW_FILES["XLSX formula with its value"][2], "xlsx")

    assert Author.objects.get(slug="x").biography == "click"


def bundle_with_counts(japan, poland):
    objects = json.loads(exported_bundle())
    for obj in objects:
        fields = obj["fields"]
        if obj["model"] == "briefs.nationalitycount" and fields["release"] == ["swap"]:
            fields["count"] = japan if fields["country"] == ["japan"] else poland
    return json.dumps(objects)


def through_import_brief(tmp_path, text):
    path = tmp_path / "bundle.json"
    path.write_text(text, encoding="utf-8")
    try:
        call_command("import_brief", str(path), stdout=io.StringIO())
    except CommandError as error:
        return {"refused": str(error)}
    return {"counts": counts_of_swap()}


def counts_of_swap():
    release = PrisonerRelease.objects.get(slug="swap")
    return dict(release.nationality_counts.values_list("country__slug", "count"))


@pytest.mark.parametrize(("japan", "poland"), [(10, 2), (10, 5)])
def test_import_brief_agrees_on_a_breakdown(seeded, editor, tmp_path, japan, poland):
    swapped_breakdown()
    rows = [["swap", "japan", str(japan)], ["swap", "poland", str(poland)]]
    data = file_of(COUNT, rows, "csv")
    bundle = bundle_with_counts(japan, poland)

    def table_door():
        try:
            load_table("nationalitycount", data, "csv", user=editor)
        except TableError as error:
            [problem] = error.problems
            return {"refused": (problem.column, problem.reason)}
        return {"counts": counts_of_swap()}

    command, brief = each_door(
        table_door, lambda: through_import_brief(tmp_path, bundle)
    )

    if "counts" in command:
        assert command == brief == {"counts": {"japan": japan, "poland": poland}}
    else:
        column, reason = command["refused"]
        assert f", {column}: {reason}" in brief["refused"]


# --- The bundle doors: import_brief and loaddata ------------------------------------
# The same row as a table's file and as one more object of the brief's bundle:
# each door names it its own way (row and column; object and field), and
# gives the same reason.
BUNDLE_CASES = {
    "impossible date": (
        "meeting",
        {"slug": "talks", "title": "Talks", "date": "2025-02-30"}
        | {"date_precision": "day"},
    ),
    "status that is no choice": (
        "sanction",
        {"slug": "paused", "title": "Paused", "imposed_by": ["united-states"]}
        | {"target": ["belarus"], "status": "paused"},
    ),
    "country that is not a state": (
        "meeting",
        {"slug": "talks", "title": "Talks", "country": ["donald-trump"]},
    ),
    "precision that is no choice and too long": (
        "meeting",
        {"slug": "talks", "title": "Talks", "date": "2025-06-21"}
        | {"date_precision": "fortnight"},
    ),
    "negative duration": (
        "meeting",
        {"slug": "talks", "title": "Talks", "date": "2025-06-21"}
        | {"date_precision": "day", "duration_hours": "-4"},
    ),
    "precision without a date": (
        "meeting",
        {"slug": "talks", "title": "Talks", "date": None, "date_precision": "season"},
    ),
    "NUL in a text": ("author", {"slug": "nul-author", "name": "Ann\x00a"}),
    "empty boolean": (
        "meeting",
        {"slug": "talks", "title": "Talks", "date_approximate": ""},
    ),
    "NUL in a date": (
        "meeting",
        {"slug": "talks", "title": "Talks", "date": "2025-06-21\x00"}
        | {"date_precision": "day"},
    ),
}

# Files that are not a bundle, nor a table: the same words for the file.
NOT_JSON_FILES = {
    "empty file": b"",
    "not UTF-8": '[{"model": "briefs.author", "fields": {"name": "Gödel"}}]'.encode(
        "latin-1"
    ),
    "not JSON": b'[{"model": "briefs.actor",',
    "deeply nested JSON": b"[" * 100_000 + b"]" * 100_000,
}


def cell(value):
    """A bundle's value as a table's cell: a natural key by its slug."""
    if value is None:
        return ""
    return value[0] if isinstance(value, list) else value


def bundle_doors(tmp_path, data):
    """What import_brief and loaddata answer to a bundle file's bytes."""
    path = tmp_path / "bundle.json"
    path.write_bytes(data)
    answers = []
    for command in ("import_brief", "loaddata"):
        with transaction.atomic():
            try:
                call_command(command, str(path), stdout=io.StringIO())
            except CommandError as error:
                answers.append(str(error))
            else:
                answers.append("")
            transaction.set_rollback(True)
    for answer in answers:
        assert not any(word in answer for word in INTERNAL if word != "Object "), answer
    return answers


@pytest.mark.parametrize(("table", "fields"), BUNDLE_CASES.values(), ids=BUNDLE_CASES)
def test_bundle_doors_give_the_table_doors_reasons(seeded, tmp_path, table, fields):
    data = file_of(list(fields), [[cell(value) for value in fields.values()]], "csv")
    with pytest.raises(TableError) as refused:
        load_table(table, data, "csv")
    objects = json.loads(exported_bundle())
    objects.append({"model": f"briefs.{table}", "fields": fields})

    answers = bundle_doors(tmp_path, json.dumps(objects).encode())

    for problem in refused.value.problems:
        for answer in answers:
            assert f", {problem.column}: {problem.reason}" in answer


@pytest.mark.parametrize("data", NOT_JSON_FILES.values(), ids=NOT_JSON_FILES)
def test_bundle_doors_refuse_a_file_in_the_table_doors_words(seeded, tmp_path, data):
    with pytest.raises(TableError) as refused:
        load_table("author", data, "json")
    [problem] = refused.value.problems

    answers = bundle_doors(tmp_path, data)

    for answer in answers:
        assert str(problem) in answer.splitlines()


# --- The admin's change form -----------------------------------------------------------
ADMIN_FORM_CASES = {
    "negative duration": {"duration_hours": "-4"},
    "precision without a date": {"date": "", "date_precision": "season"},
    "NUL in a text": {"title": "Talks\x00"},
}


@pytest.mark.parametrize("changes", ADMIN_FORM_CASES.values(), ids=ADMIN_FORM_CASES)
def test_the_admin_form_gives_the_table_doors_reason(seeded, editor_client, changes):
    data = file_of(["slug", *changes], [[SEED_MEETING, *changes.values()]], "csv")
    with pytest.raises(TableError) as refused:
        load_table("meeting", data, "csv")
    [problem] = refused.value.problems
    # The form's field of each column: "title" is the English title, title_en.
    field_of = {column.name: column.field.name for column in columns_of("meeting")[2]}

    response = save_in_admin(
        editor_client,
        Meeting.objects.get(slug=SEED_MEETING),
        **{field_of[column]: value for column, value in changes.items()},
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors[field_of[problem.column]] == [problem.reason]


# --- The text doors: ingest_brief and the admin's "Add a brief from its text" ---------
LINK_LINE = 40  # of two-authors.txt: "[called the regime illegitimate](https://…)"


def with_javascript_link(text):
    url = "https://www.europarl.europa.eu/news/en/press-room/20240314IPR19001"
    return text.replace(url, "javascript:alert(1)")


def with_nul(text):
    return text.replace("The EU has not talked", "The EU has\x00 not talked")


TEXT_CASES = {
    "javascript: URL in a link": (with_javascript_link, f"Line {LINK_LINE}: "),
    "NUL in a paragraph": (with_nul, f"Line {LINK_LINE}: {NUL_IN_TEXT}"),
}


def text_doors(tmp_path, client, data):
    """What ingest_brief, an upload and a paste in the admin answer to a text."""
    path = tmp_path / "brief.txt"
    path.write_bytes(data)
    answers = []
    with transaction.atomic():
        try:
            call_command("ingest_brief", str(path), stdout=io.StringIO())
        except CommandError as error:
            answers.append(str(error))
        transaction.set_rollback(True)
    from_text = reverse("admin:briefs_publication_from_text")
    upload = client.post(
        from_text, {"text_file": SimpleUploadedFile("brief.txt", data)}
    )
    form = upload.context["form"]
    answers.append(
        upload.context.get("problem") or " ".join(form.errors.get("text_file", []))
    )
    try:
        text = data.decode()
    except UnicodeDecodeError:
        return answers
    paste = client.post(from_text, {"text": text})
    answers.append(paste.context.get("problem", ""))
    return answers


@pytest.mark.parametrize(("change", "said"), TEXT_CASES.values(), ids=TEXT_CASES)
def test_text_doors_name_the_line(seeded, tmp_path, editor_client, change, said):
    data = change(TWO_AUTHORS_TEXT.read_text(encoding="utf-8")).encode()

    answers = text_doors(tmp_path, editor_client, data)

    assert len(answers) == 3
    for answer in answers:
        assert said in answer, answer
        assert not any(word in answer for word in INTERNAL), answer
    assert not Publication.objects.filter(slug=TWO_AUTHORS_SLUG).exists()


def test_text_doors_refuse_a_text_not_in_utf8_in_the_same_words(
    seeded, tmp_path, editor_client
):
    data = "Gödel".encode("latin-1")

    answers = text_doors(tmp_path, editor_client, data)

    said = (
        "the file is not UTF-8 text: byte 0xf6 on line 1 cannot be read. Save it "
        "as UTF-8 and try again."
    )
    assert len(answers) == 2
    for answer in answers:
        assert said in answer, answer


def test_a_dump_with_ids_gives_the_table_doors_reason(seeded, tmp_path):
    data = file_of(
        ["slug", "title", "country"], [["talks", "Talks", "donald-trump"]], "csv"
    )
    with pytest.raises(TableError) as refused:
        load_table("meeting", data, "csv")
    [problem] = refused.value.problems
    stamp = "2025-07-15T08:00:00Z"
    dump = [
        {
            "model": "briefs.meeting",
            "pk": 9999,
            "fields": {
                "slug": "talks",
                "title_en": "Talks",
                "country": Actor.objects.get(slug="donald-trump").pk,
                "created_at": stamp,
                "updated_at": stamp,
            },
        }
    ]

    [answer] = bundle_doors(tmp_path, json.dumps(dump).encode())[1:]

    assert f", {problem.column}: {problem.reason}" in answer
