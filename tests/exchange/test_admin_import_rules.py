"""The admin import keeps the rules of import_table: the findings of issue 8 at the admin door."""

import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains, assertNotContains

from briefs import models
from tests.factories import (
    make_actor,
    make_author,
    make_meeting,
    make_nationality_count,
    make_release,
)
from tests.helpers import (
    admin_confirm,
    admin_format_index,
    admin_upload,
    admin_url,
    exported_from_admin,
)

pytestmark = pytest.mark.django_db

MEETING_HEADER = "slug,title,date,date_precision,date_approximate\n"


def refused(preview, row, column, reason):
    """The preview refuses the file, naming this problem, and offers no confirm."""
    assertNotContains(preview, "Confirm import")
    assertContains(preview, "Nothing was imported")
    assert any(
        (problem.row, problem.column) == (row, column) and reason in problem.reason
        for problem in preview.context["problems"]
    ), preview.context["problems"]


def test_a_boolean_cell_reads_yes_as_true(editor_client):
    rows = MEETING_HEADER + "talks,Talks,2025-06-21,day,yes\n"
    preview = admin_upload(editor_client, models.Meeting, rows)
    admin_confirm(editor_client, models.Meeting, preview)
    assert models.Meeting.objects.get(slug="talks").date_approximate is True


def test_a_boolean_cell_that_is_neither_is_refused(editor_client):
    rows = MEETING_HEADER + "talks,Talks,2025-06-21,day,maybe\n"
    preview = admin_upload(editor_client, models.Meeting, rows)
    refused(preview, 1, "date_approximate", "“maybe”")
    assert not models.Meeting.objects.exists()


@pytest.mark.parametrize(
    ("model", "make"),
    [
        (models.Author, lambda: make_author("ruslan-bortnik")),
        (models.Actor, lambda: make_actor("belarus")),
        (models.Meeting, lambda: make_meeting("talks")),
        (models.PrisonerRelease, lambda: make_release("release")),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_an_xlsx_the_admin_exported_with_empty_text_imports_back(
    editor_client, model, make
):
    row = make()
    workbook = exported_from_admin(editor_client, model, "XLSX")
    row.delete()

    preview = admin_upload(editor_client, model, workbook, "rows.xlsx", "XLSX")
    assertContains(preview, "Confirm import")
    admin_confirm(editor_client, model, preview)

    assert model.objects.filter(slug=row.slug).exists()


def test_an_unknown_column_is_refused(editor_client):
    preview = admin_upload(
        editor_client, models.Author, "slug,name,shoe_size\nx,X,44\n"
    )
    refused(preview, None, "shoe_size", "no such column")
    assert not models.Author.objects.exists()


def test_a_json_cell_that_is_an_object_is_refused(editor_client):
    rows = json.dumps([{"slug": "x", "name": {"a": 1}, "kind": "person"}])
    preview = admin_upload(editor_client, models.Actor, rows, "rows.json", "JSON")
    refused(preview, 1, "name", "")
    assert not models.Actor.objects.exists()


@pytest.mark.parametrize("rows", ["slgu,name\nx,X\n", "name\nX\n"])
def test_a_misspelt_or_missing_key_column_says_so(editor_client, rows):
    preview = admin_upload(editor_client, models.Author, rows)
    refused(preview, None, "slug", "the file has no such column, which names each row.")
    assertNotContains(preview, "Traceback")
    assertNotContains(preview, "cannot be blank")


@pytest.mark.parametrize(
    ("model", "content", "format_name", "class_name"),
    [
        (models.Author, "slug,name\nx,Gödel\n".encode("latin-1"), "CSV", "Unicode"),
        (
            models.Meeting,
            "slug,title,date,date_precision,duration_hours\n"
            "talks,Talks,2025-06-21,day,three\n",
            "CSV",
            "ConversionSyntax",
        ),
        (models.Author, b"PK\x03\x04 not a workbook", "XLSX", "BadZipFile"),
    ],
    ids=["not UTF-8", "not a decimal", "not a workbook"],
)
def test_a_bad_file_is_named_without_a_class_name(
    editor_client, model, content, format_name, class_name
):
    preview = admin_upload(editor_client, model, content, "rows", format_name)
    assertContains(preview, "Nothing was imported")
    assertNotContains(preview, class_name)
    assertNotContains(preview, "<class")
    assert preview.context["problems"]


def test_a_breakdown_is_checked_against_the_file_as_a_whole(editor_client):
    release = make_release("release", total=14)
    japan, poland = make_actor("japan"), make_actor("poland")
    make_nationality_count(release, japan, 7)
    make_nationality_count(release, poland, 7)
    rows = "release,country,count\nrelease,japan,10\nrelease,poland,2\n"

    preview = admin_upload(editor_client, models.NationalityCount, rows)
    assertContains(preview, "Confirming will create 0, update 2")
    admin_confirm(editor_client, models.NationalityCount, preview)

    assert sorted(release.nationality_counts.values_list("count", flat=True)) == [
        2,
        10,
    ]


def test_the_history_of_imported_rows_names_the_curator(editor_client):
    preview = admin_upload(editor_client, models.Author, "slug,name\nx,X\n", "a.csv")
    admin_confirm(editor_client, models.Author, preview)
    record = models.Author.objects.get(slug="x").history.get()
    assert record.history_user.username == "edna"
    assert record.history_change_reason == "Imported from a.csv"


def test_the_preview_shows_the_changed_cells(editor_client):
    make_author("x", name="Old name")
    preview = admin_upload(editor_client, models.Author, "slug,name\nx,New name\n")
    assertContains(
        preview,
        "<tr><td>1</td><td>name</td><td>Old name</td><td>New name</td></tr>",
        html=True,
    )
    assertContains(preview, "and delete 0")


# --- Limits (finding 8, at the admin door) ----------------------------------------


def test_a_file_above_the_size_limit_is_refused_before_it_is_read(
    editor_client, settings
):
    settings.IMPORT_MAX_FILE_SIZE = 1000
    content = b"slug,name\n" + b"x,X\n" * 100_000  # 400 KB, past the form's margin
    preview = admin_upload(editor_client, models.Author, content)
    assert preview.status_code == 200
    assertContains(preview, "a file may be 1000")
    assertNotContains(preview, "Confirm import")
    assert not models.Author.objects.exists()


def test_a_file_just_above_the_size_limit_is_refused_too(editor_client, settings):
    settings.IMPORT_MAX_FILE_SIZE = 1000
    content = b"slug,name\n" + b"x,X\n" * 300  # 1.2 KB, within the form's margin
    preview = admin_upload(editor_client, models.Author, content)
    assertContains(preview, "a file may be 1000")
    assert not models.Author.objects.exists()


def test_a_file_above_the_row_limit_is_refused(editor_client, settings):
    settings.IMPORT_MAX_ROWS = 2
    content = "slug,name\na,A\nb,B\nc,C\n"
    preview = admin_upload(editor_client, models.Author, content)
    assertContains(preview, "more than 2 rows")
    assert not models.Author.objects.exists()


def test_a_workbook_that_unzips_above_the_limit_is_refused(editor_client, settings):
    settings.IMPORT_MAX_XLSX_UNPACKED_SIZE = 1000
    workbook = openpyxl.Workbook()
    workbook.active.append(["slug", "name"])
    workbook.active.append(["x", "X" * 5000])
    data = io.BytesIO()
    workbook.save(data)
    preview = admin_upload(editor_client, models.Author, data.getvalue(), "a", "XLSX")
    assertContains(preview, "unzips to")
    assert not models.Author.objects.exists()


def test_a_file_over_the_limit_is_not_a_server_error_whatever_its_form(
    editor_client, settings
):
    settings.IMPORT_MAX_FILE_SIZE = 1000
    response = editor_client.post(
        admin_url(models.Author, "import"),
        {
            "format": admin_format_index(models.Author, "CSV"),
            "import_file": SimpleUploadedFile("big.csv", b"x" * 2_000_000),
        },
    )
    assert response.status_code == 200
    assertContains(response, "split it into smaller files")
