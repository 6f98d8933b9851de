"""The admin's import page documents its table and reads the format from the
file's name (issue 24)."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from briefs.exchange.tables.columns import columns_of
from tests.helpers import text_of

IMPORT = "admin:briefs_meeting_import"


@pytest.mark.django_db
def test_the_import_page_documents_every_column_from_the_engines_declarations(
    admin_client, seeded
):
    response = admin_client.get(reverse(IMPORT))
    page = text_of(response)
    _resource, _model, columns, _key = columns_of("meeting")
    for column in columns:
        assert column.name in page
    # Allowed values, date forms, what identifies a row and an example row.
    assert "one of: day, month, season, year" in page
    assert "2023-09-01 for autumn 2023" in page
    assert "identifies the row" in page
    assert "true: 1, t, true, y, yes" in page
    example = response.context["columns"]
    assert {column.name: column.example for column in example}["slug"]


@pytest.mark.django_db
def test_the_import_form_takes_the_format_from_the_files_name(admin_client, seeded):
    page = admin_client.get(reverse(IMPORT)).content.decode()
    assert "From the file&#x27;s name" in page or "From the file's name" in page
    upload = SimpleUploadedFile(
        "meetings.csv", b"slug,title\nnew-meeting,A new meeting\n", "text/csv"
    )
    response = admin_client.post(reverse(IMPORT), {"import_file": upload, "format": ""})
    assert response.status_code == 200
    assert "This field is required" not in response.content.decode()
    assert response.context["summary"] is not None or response.context["problems"]
    assert response.context["form"].cleaned_data["format"] == "0"


@pytest.mark.django_db
def test_a_file_name_without_a_known_format_is_told_in_the_commands_words(
    admin_client, seeded
):
    upload = SimpleUploadedFile("meetings.txt", b"slug,title\n", "text/plain")
    response = admin_client.post(reverse(IMPORT), {"import_file": upload, "format": ""})
    assert "cannot tell the format from the file name" in response.content.decode()


@pytest.mark.django_db
def test_the_import_page_speaks_the_curators_language_and_the_command_english(
    admin_client, seeded, tmp_path
):
    hungarian = {"HTTP_ACCEPT_LANGUAGE": "hu"}
    page = text_of(admin_client.get(reverse(IMPORT), **hungarian))
    assert "A táblázat oszlopai" in page
    assert "ezek egyike: day (Nap), month (Hónap), season (Évszak), year (Év)" in page
    assert "igaz: 1, t, true, y, yes" in page

    rows = b"slug,title,duration_hours\nnew-meeting,A new meeting,six\n"
    upload = SimpleUploadedFile("meetings.csv", rows, "text/csv")
    refused = admin_client.post(
        reverse(IMPORT), {"import_file": upload, "format": ""}, **hungarian
    )
    assert "„six” nem szám: tizedesponttal írja, például 2.5." in text_of(refused)

    # The same file at the command line (a process of its own, in the
    # default language): the same rule in English.
    path = tmp_path / "meetings.csv"
    path.write_bytes(rows)
    err = StringIO()
    with translation.override(settings.LANGUAGE_CODE), pytest.raises(CommandError):
        call_command("import_table", "meeting", str(path), stderr=err)
    assert "“six” is not a number: write it with a decimal point, such as 2.5." in (
        err.getvalue()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rows", "hungarian", "english"),
    [
        (
            b"slug,title,colour\nnew-meeting,A new meeting,red\n",
            "nincs ilyen oszlopa a táblának (találkozók); az oszlopok:",
            "The file, column “colour”: meetings have no such column; the columns are:",
        ),
        (
            b"slug,title\nnew-meeting,A new meeting,red\n",
            "a sorban 3 cella van, a fejlécben 2.",
            "Row 1: the row has 3 cells, the header has 2.",
        ),
        (
            b"slug,title\n",
            "a fájlnak van fejléce, de nincs sora: nincs mit importálni.",
            "The file: the file has a header but no rows: there is nothing to import.",
        ),
    ],
)
def test_a_bad_files_problem_is_said_in_hungarian_in_the_admin_and_english_at_the_command_line(
    admin_client, seeded, tmp_path, rows, hungarian, english
):
    upload = SimpleUploadedFile("meetings.csv", rows, "text/csv")
    refused = admin_client.post(
        reverse(IMPORT),
        {"import_file": upload, "format": ""},
        HTTP_ACCEPT_LANGUAGE="hu",
    )
    assert hungarian in text_of(refused)

    path = tmp_path / "meetings.csv"
    path.write_bytes(rows)
    err = StringIO()
    with translation.override(settings.LANGUAGE_CODE), pytest.raises(CommandError):
        call_command("import_table", "meeting", str(path), stderr=err)
    assert english in err.getvalue()
