"""A large admin import runs as a background job, with a page that shows its progress and result."""

import pytest
from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.utils import translation
from import_export.signals import post_import
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from briefs import models
from tests.exchange.test_parity import HYPERLINK, workbook
from tests.factories import make_user
from tests.helpers import admin_confirm, admin_upload, logged_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def background(settings):
    """Every import of more than one row goes to the background."""
    settings.IMPORT_BACKGROUND_ROWS = 1


def previewed(client, model, rows, run_worker=None):
    """The preview of an upload: the page the request answers, or for a large
    file its job's page once a worker has run the dry run."""
    response = admin_upload(client, model, rows, "authors.csv")
    if response.status_code == 302:
        run_worker()
        response = client.get(response.url)
    assertContains(response, "Confirm import")
    return response


def confirmed(client, model, rows, run_worker=None):
    return admin_confirm(client, model, previewed(client, model, rows, run_worker))


def test_a_large_file_is_previewed_as_a_job_with_a_progress_page(
    editor_client, background, run_worker
):
    upload = admin_upload(editor_client, models.Author, "slug,name\na,A\nb,B\n")
    page = upload.url
    assert "/import/job/" in page
    waiting = editor_client.get(page)
    assertContains(waiting, "Checking rows.csv")
    assertContains(waiting, "Waiting for a worker")
    assertContains(waiting, 'http-equiv="refresh"')

    run_worker()

    preview = editor_client.get(page)
    assertContains(preview, "Confirming will create 2, update 0 and skip 0")
    assertContains(preview, "Nothing has been written yet.")
    assertContains(preview, "Confirm import")
    assert not models.Author.objects.exists()
    assert not LogEntry.objects.exists()


def test_a_large_import_is_confirmed_as_a_job_with_a_progress_page(
    editor_client, background, run_worker
):
    done = confirmed(editor_client, models.Author, "slug,name\na,A\nb,B\n", run_worker)
    page = done.url
    assert "/import/job/" in page
    waiting = editor_client.get(page)
    assertContains(waiting, "Importing authors.csv")
    assertContains(waiting, "Waiting for a worker")
    assert not models.Author.objects.exists()

    run_worker()

    result = editor_client.get(page)
    assertContains(result, "Import finished: 2 new, 0 updated, 0 deleted and 0 skipped")
    record = models.Author.objects.get(slug="a").history.get()
    assert record.history_user.username == "edna"
    assert record.history_change_reason == "Imported from authors.csv"


def test_a_large_preview_shows_the_changed_cells_as_the_request_does(
    editor_client, background, run_worker
):
    models.Author.objects.create(slug="a", name="A")
    preview = previewed(
        editor_client, models.Author, "slug,name\na,Anna\nb,B\n", run_worker
    )
    assertContains(preview, "Confirming will create 1, update 1 and skip 0")
    assertContains(
        preview, "<tr><td>1</td><td>name</td><td>A</td><td>Anna</td></tr>", html=True
    )


def test_a_large_file_refused_by_its_preview_lists_every_problem(
    editor_client, background, run_worker
):
    rows = "slug,name,kind,country\nx,X,person,nowhere\ny,Y,someone,\n"
    upload = admin_upload(editor_client, models.Actor, rows)
    run_worker()
    result = editor_client.get(upload.url)
    assertContains(result, "Nothing was imported")
    assertContains(result, "<td>1</td><td>country</td><td>nowhere</td>", html=True)
    assertContains(result, "No actor with slug “nowhere”.")
    assertContains(result, "<td>2</td><td>kind</td><td>someone</td>", html=True)
    assertNotContains(result, "Confirm import")
    assert not models.Actor.objects.filter(slug__in=["x", "y"]).exists()


def test_a_job_reports_its_problems_in_the_language_of_the_curator_who_started_it(
    editor_client, background, run_worker
):
    rows = "slug,name,kind,country\nx,X,person,nowhere\ny,Y,person,\n"
    upload = admin_upload(editor_client, models.Actor, rows, HTTP_ACCEPT_LANGUAGE="hu")
    # The worker is a process of its own, in the site's default language.
    with translation.override(settings.LANGUAGE_CODE):
        run_worker()
    result = editor_client.get(upload.url, HTTP_ACCEPT_LANGUAGE="hu")
    assertContains(result, "<td>1</td><td>country</td><td>nowhere</td>", html=True)
    assertContains(result, "Nincs „nowhere” slugú szereplő.")
    assertNotContains(result, "No actor with slug")


def test_a_jobs_problem_kept_as_a_rule_is_said_in_the_curators_language(
    editor_client, background, run_worker, settings
):
    # A formula without its value: a problem whose words are kept at import
    # time (lazily), said when the job finds it.
    settings.IMPORT_BACKGROUND_SIZE = 0
    data = workbook(["slug", "name", "biography"], ["x", "X", HYPERLINK])
    upload = admin_upload(
        editor_client,
        models.Author,
        data,
        "authors.xlsx",
        "XLSX",
        HTTP_ACCEPT_LANGUAGE="hu",
    )
    with translation.override(settings.LANGUAGE_CODE):
        run_worker()
    result = editor_client.get(upload.url, HTTP_ACCEPT_LANGUAGE="hu")
    assertContains(result, "képlet, nem érték, és a munkafüzet nem őrzi az értékét")
    assert not models.Author.objects.exists()


def test_a_job_that_is_refused_lists_every_problem(
    editor_client, background, run_worker
):
    models.Actor.objects.create(slug="belarus", name="Belarus", kind="state")
    rows = "slug,name,kind,country\nx,X,person,belarus\ny,Y,person,belarus\n"
    preview = previewed(editor_client, models.Actor, rows, run_worker)
    models.Actor.objects.filter(slug="belarus").update(slug="republic-of-belarus")
    done = admin_confirm(editor_client, models.Actor, preview)

    run_worker()

    result = editor_client.get(done.url)
    assertContains(result, "Nothing was imported")
    assertContains(result, "<td>1</td><td>country</td><td>belarus</td>", html=True)
    assertContains(result, "No actor with slug “belarus”.")
    assert not models.Actor.objects.filter(slug__in=["x", "y"]).exists()


def test_a_job_is_shown_only_to_the_curator_who_started_it(editor_client, background):
    upload = admin_upload(editor_client, models.Author, "slug,name\na,A\nb,B\n")
    other = logged_in_client(make_user("otto", "Editor"))
    assert other.get(upload.url).status_code == 403


def test_a_confirmed_job_is_shown_only_to_the_curator_who_started_it(
    editor_client, background, run_worker
):
    done = confirmed(editor_client, models.Author, "slug,name\na,A\nb,B\n", run_worker)
    other = logged_in_client(make_user("otto", "Editor"))
    assert other.get(done.url).status_code == 403


def test_a_file_of_few_rows_but_many_bytes_goes_to_the_background(
    editor_client, settings
):
    # Whether a worker is held is told by the bytes there are to read, too:
    # a file of long cells in few rows (or a workbook that unzips to much).
    settings.IMPORT_BACKGROUND_SIZE = 1000
    rows = "slug,name,biography\n" + "".join(
        f"a-{number},A,{'x' * 400}\n" for number in range(3)
    )
    upload = admin_upload(editor_client, models.Author, rows)
    assert upload.status_code == 302
    assert "/import/job/" in upload.url


def test_a_small_import_is_still_done_in_the_request(editor_client):
    done = confirmed(editor_client, models.Author, "slug,name\na,A\nb,B\n")
    assertRedirects(done, "/admin/briefs/author/", fetch_redirect_response=False)
    assert models.Author.objects.count() == 2


@pytest.fixture
def announced():
    """The models of the imports django-import-export's post_import announces."""
    models_announced = []

    def listener(sender, model, **kwargs):
        models_announced.append(model)

    post_import.connect(listener)
    yield models_announced
    post_import.disconnect(listener)


def test_a_written_import_is_logged_once_for_the_admin_and_announced(
    editor_client, announced
):
    confirmed(editor_client, models.Author, "slug,name\na,A\nb,B\n")
    entry = LogEntry.objects.get()
    assert entry.user.username == "edna"
    assert entry.content_type.model_class() is models.Author
    assert entry.object_repr == "authors.csv"
    assert entry.action_flag == ADDITION
    assert entry.change_message == (
        "Import finished: 2 new, 0 updated, 0 deleted and 0 skipped authors."
    )
    assert announced == [models.Author]

    confirmed(editor_client, models.Author, "slug,name\na,A\nb,Bee\n")
    assert LogEntry.objects.latest("pk").action_flag == CHANGE
    confirmed(editor_client, models.Author, "slug,name\na,A\nb,Bee\n")
    assert LogEntry.objects.count() == 2, "an import that wrote nothing is not logged"


def test_a_background_import_is_logged_and_announced_too(
    editor_client, background, run_worker, announced
):
    confirmed(editor_client, models.Author, "slug,name\na,A\nb,B\n", run_worker)
    assert not LogEntry.objects.exists()
    run_worker()
    entry = LogEntry.objects.get()
    assert (entry.user.username, entry.object_repr) == ("edna", "authors.csv")
    assert announced == [models.Author]


def test_the_librarys_setting_turns_the_log_off(editor_client, settings):
    settings.IMPORT_EXPORT_SKIP_ADMIN_LOG = True
    confirmed(editor_client, models.Author, "slug,name\na,A\nb,B\n")
    assert models.Author.objects.count() == 2
    assert not LogEntry.objects.exists()
