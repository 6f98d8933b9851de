"""Import and export in the admin: preview first, all or nothing, safe for spreadsheets."""

import datetime
import io
import json
from datetime import timedelta

import openpyxl
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from briefs import models
from briefs.curation.admin import UploadGone, UploadStorage
from tests.factories import make_actor, make_meeting, make_release, make_user
from tests.helpers import ADMIN_MODELS, exported_from_admin, logged_in_client
from tests.helpers import admin_confirm as confirm
from tests.helpers import admin_upload as upload

pytestmark = pytest.mark.django_db


# --- Preview, then confirm ---------------------------------------------------


def test_an_import_is_previewed_before_anything_is_written(editor_client):
    make_actor("belarus", name="Belarus")
    make_actor("poland", name="Poland")
    rows = (
        "slug,name,kind,position,country,wikidata_id,description\n"
        "hungary,Hungary,state,,,Q28,\n"
        "belarus,Republic of Belarus,state,,,,\n"
        "poland,Poland,state,,,,\n"
    )
    preview = upload(editor_client, models.Actor, rows)

    assertContains(preview, "Confirm import")
    assertContains(preview, "Confirming will create 1, update 1 and skip 1")
    assert not models.Actor.objects.filter(slug="hungary").exists()
    assert models.Actor.objects.get(slug="belarus").name == "Belarus"

    done = confirm(editor_client, models.Actor, preview, follow=True)
    assertContains(done, "Import finished: 1 new, 1 updated, 0 deleted and 1 skipped")
    assert models.Actor.objects.get(slug="hungary").wikidata_id == "Q28"
    assert models.Actor.objects.get(slug="belarus").name == "Republic of Belarus"


def test_xlsx_and_json_files_import_too(editor_client):
    workbook = openpyxl.Workbook()
    workbook.active.append(["slug", "name"])
    workbook.active.append(["ruslan-bortnik", "Ruslan Bortnik"])
    xlsx = io.BytesIO()
    workbook.save(xlsx)
    preview = upload(
        editor_client, models.Author, xlsx.getvalue(), "authors.xlsx", "XLSX"
    )
    confirm(editor_client, models.Author, preview)

    rows = json.dumps([{"slug": "lillian-aronson", "name": "Lillian Aronson"}])
    preview = upload(editor_client, models.Author, rows, "authors.json", "JSON")
    confirm(editor_client, models.Author, preview)

    assert set(models.Author.objects.values_list("name", flat=True)) == {
        "Ruslan Bortnik",
        "Lillian Aronson",
    }


def test_an_import_is_recorded_in_history_with_the_importing_user(editor_client):
    meeting = make_meeting(
        "kellogg-in-minsk", date=datetime.date(2025, 6, 21), place="Minsk"
    )
    rows = "slug,title,date,date_precision,place\nkellogg-in-minsk,Talks,2025-06-21,day,Minsk (residence)\n"
    confirm(
        editor_client,
        models.Meeting,
        upload(editor_client, models.Meeting, rows, name="meetings.csv"),
    )

    latest, before = meeting.history.all()[:2]
    assert latest.history_user.username == "edna"
    assert latest.history_change_reason == "Imported from meetings.csv"
    assert set(latest.diff_against(before).changed_fields) == {"title_en", "place_en"}
    page = editor_client.get(reverse("admin:briefs_meeting_history", args=[meeting.pk]))
    assertContains(page, "Imported from meetings.csv")


# --- A bad row blocks the whole file ----------------------------------------------


def two_actor_rows(second):
    """A good row, then ``second``: neither may be written."""
    return f"slug,name,kind,country\nhungary,Hungary,state,\n{second}\n"


BAD_FILES = {
    "unknown slug": (
        models.Actor,
        two_actor_rows("lukashenko,Alexander Lukashenko,person,atlantis"),
        "country",
        "No actor with slug “atlantis”.",
    ),
    "unknown slug in a list": (
        models.Publication,
        "slug,title,series,publisher,publication_date,status,actors\n"
        "a-brief,A brief,HIIA Perspective,HIIA,2025-07-15,draft,\n"
        'b-brief,B brief,HIIA Perspective,HIIA,2025-07-15,draft,"japan,atlantis"\n',
        "actors",
        "No actors with slug 'atlantis'.",
    ),
    "bad date": (
        models.Meeting,
        "slug,title,date,date_precision\n"
        "first,First,2025-06-21,day\n"
        "second,Second,2025-02-30,day\n",
        "date",
        "is not a date: write it as YYYY-MM-DD",
    ),
    "negative count": (
        models.NationalityCount,
        "release,country,count\nrelease,japan,2\nrelease,poland,-3\n",
        "count",
        "Ensure this value is greater than or equal to 0.",
    ),
    "breakdown above the total": (
        models.NationalityCount,
        "release,country,count\nrelease,japan,10\nrelease,poland,5\n",
        "count",
        "The nationality breakdown (15) may not exceed the total released (14).",
    ),
    "duplicate slug": (
        models.Actor,
        two_actor_rows("hungary,Hungary again,state,"),
        "slug",
        "Row 1 already has slug “hungary”: a file may give each row once.",
    ),
    "text too long": (
        models.Actor,
        two_actor_rows(f"long,{'x' * 201},person,"),
        "name",
        "Ensure this value has at most 200 characters (it has 201).",
    ),
}


@pytest.mark.parametrize(
    ("model", "rows", "column", "reason"), BAD_FILES.values(), ids=BAD_FILES.keys()
)
def test_a_bad_row_blocks_the_whole_file_and_is_named(
    editor_client, model, rows, column, reason
):
    make_release("release", total=14)
    make_actor("japan")
    make_actor("poland")
    before = model.objects.count()

    preview = upload(editor_client, model, rows)

    assertNotContains(preview, "Confirm import")
    assertContains(preview, "Nothing was imported: 1 row of the file has errors")
    [problem] = preview.context["problems"]
    assert (problem.row, problem.column) == (2, column)
    assert reason in problem.reason
    assertContains(preview, f"<td>2</td><td>{column}</td>", html=True)
    assert model.objects.count() == before


def test_a_confirm_writes_nothing_if_the_database_changed_since_the_preview(
    editor_client,
):
    belarus = make_actor("belarus", name="Belarus")
    rows = two_actor_rows("lukashenko,Alexander Lukashenko,person,belarus")
    preview = upload(editor_client, models.Actor, rows)
    assertContains(preview, "Confirm import")
    belarus.slug = "republic-of-belarus"  # renamed by someone else meanwhile
    belarus.save()

    done = confirm(editor_client, models.Actor, preview)

    assertContains(done, "Nothing was imported")
    assertContains(done, "No actor with slug “belarus”.")
    assert not models.Actor.objects.filter(slug__in=["hungary", "lukashenko"]).exists()


# --- The confirm step on any app server ---------------------------------------


def test_the_upload_waits_for_the_confirm_in_the_database(editor_client):
    rows = "slug,name\nruslan-bortnik,Ruslan Bortnik\n"
    preview = upload(editor_client, models.Author, rows)
    upload_id = preview.context["confirm_form"].initial["import_file_name"]
    # The database, which every app server and worker reaches and which
    # never evicts: not the cache, nor a file in this server's temporary folder.
    cache.clear()
    stored = models.Upload.objects.get(pk=upload_id)
    assert bytes(stored.data) == rows.encode()
    assert (stored.name, stored.size) == ("rows.csv", len(rows))

    confirm(editor_client, models.Author, preview)
    assert not models.Upload.objects.exists(), "let go once written"
    assert models.Author.objects.filter(slug="ruslan-bortnik").exists()


def test_a_confirm_whose_upload_is_gone_writes_nothing_and_says_why(editor_client):
    preview = upload(editor_client, models.Author, "slug,name\nx,X\n")
    models.Upload.objects.all().delete()

    done = confirm(editor_client, models.Author, preview, follow=True)

    assertContains(done, "The uploaded file is no longer available")
    assert not models.Author.objects.exists()


def test_an_upload_is_read_back_only_for_the_curator_who_sent_it(editor_client):
    preview = upload(editor_client, models.Author, "slug,name\nx,X\n")
    other = logged_in_client(make_user("other", "Editor"))
    done = confirm(other, models.Author, preview, follow=True)
    assertContains(done, "The uploaded file is no longer available")
    assert not models.Author.objects.exists()


def test_an_upload_that_vanishes_before_its_preview_is_not_a_server_error(
    editor_client, monkeypatch
):
    # Issue 19, finding 5: five large uploads at once, and one preview
    # answered 500 when its upload was gone from the cache it had just
    # been put in.
    def gone(self):
        raise UploadGone

    monkeypatch.setattr(UploadStorage, "read", gone)
    page = upload(editor_client, models.Author, "slug,name\nx,X\n")
    assert page.status_code == 200
    assertContains(page, "The uploaded file is no longer available")
    assertNotContains(page, "Confirm import")


def test_uploads_left_behind_a_day_go_with_the_next_upload(editor_client):
    upload(editor_client, models.Author, "slug,name\nx,X\n")
    models.Upload.objects.update(created_at=timezone.now() - timedelta(hours=25))
    upload(editor_client, models.Author, "slug,name\ny,Y\n")
    assert [stored.name for stored in models.Upload.objects.all()] == ["rows.csv"]
    assert models.Upload.objects.get().created_at > timezone.now() - timedelta(hours=1)


def test_the_command_deletes_the_uploads_left_behind(editor_client):
    upload(editor_client, models.Author, "slug,name\nx,X\n")
    upload(editor_client, models.Author, "slug,name\ny,Y\n")
    models.Upload.objects.filter(pk=models.Upload.objects.first().pk).update(
        created_at=timezone.now() - timedelta(days=2)
    )
    out = io.StringIO()
    call_command("delete_abandoned_uploads", "--dry-run", stdout=out)
    assert "Would delete 1 upload (14 bytes) older than 24 hours." in out.getvalue()
    assert models.Upload.objects.count() == 2
    call_command("delete_abandoned_uploads", stdout=out)
    assert models.Upload.objects.count() == 1


# --- Export -----------------------------------------------------------------------

FORMULAE = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]


def test_csv_export_writes_formulae_as_text(editor_client):
    for number, name in enumerate(FORMULAE):
        make_actor(f"actor-{number}", name=name, kind="group")
    content = exported_from_admin(editor_client, models.Actor).decode()
    for name in FORMULAE:
        assert f"'{name}" in content
    assert "\n=1+1" not in content and ",=1+1" not in content


def test_xlsx_export_writes_formulae_as_text(editor_client):
    for number, name in enumerate(FORMULAE):
        make_actor(f"actor-{number}", name=name, kind="group")
    workbook = openpyxl.load_workbook(
        io.BytesIO(exported_from_admin(editor_client, models.Actor, "XLSX"))
    )
    names = [row[1] for row in workbook.active.iter_rows(min_row=2, values_only=True)]
    assert len(names) == len(FORMULAE)
    assert all(name.startswith("'") for name in names), names
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model.__name__)
def test_every_model_exports_and_imports_back_unchanged(editor_client, seeded, model):
    exported = exported_from_admin(editor_client, model)
    rows = model.objects.count()
    assert exported.decode().count("\n") >= rows  # a header and a line a row

    preview = upload(editor_client, model, exported)

    assertContains(preview, "Confirm import")
    summary = preview.context["summary"]
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, rows)
