"""The admin's import page documents its table and reads the format from the
file's name (issue 24)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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
