"""An Editor curates in a real browser: edits a meeting, imports a CSV, follows a background import."""

import pytest
from playwright.sync_api import expect

from briefs.models import Actor, Meeting
from tests.helpers import SCREENSHOTS_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_edits_a_meeting_and_adds_a_participant_by_alias(
    editor_page, live_server
):
    page = editor_page
    page.get_by_role("link", name="Meetings").first.click()
    page.get_by_role("link", name="Péter Szijjártó visits Minsk").last.click()
    page.wait_for_selector("#meeting_form")

    # The preview says how the date will read, as it is edited.
    preview = page.locator(".field-date_reads_as .partial-date-preview")
    assert preview.inner_text() == "29 May 2024"
    page.select_option("#id_date_precision", "month")
    # expect() polls from Playwright's own world: the admin's CSP forbids eval.
    expect(preview).to_have_text("May 2024")
    page.check("#id_date_approximate")
    expect(preview).to_have_text("c. May 2024")
    page.locator(".field-date_reads_as").scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS_DIR / "admin-2-meeting-date-preview.png")

    # A participant found through the autocomplete by another spelling.
    page.get_by_role("button", name="Add another Meeting participant").click()
    row = page.locator("#participations-group tr.dynamic-participations").last
    row.locator("input[name$='-position']").fill("3")
    row.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Lukashenka")
    page.locator(".select2-results__option", has_text="Alexander Lukashenko").click()
    row.locator("select[name$='-role']").select_option("host")
    row.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS_DIR / "admin-3-meeting-participant.png")

    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector(".messagelist .success")
    page.screenshot(path=SCREENSHOTS_DIR / "admin-4-meeting-saved.png")

    meeting = Meeting.objects.get(slug="szijjarto-minsk-2024-05-29")
    # The history page says who changed which fields.
    page.goto(f"{live_server.url}/admin/briefs/meeting/{meeting.pk}/history/")
    latest = " ".join(
        page.locator("#change-history tbody tr").first.inner_text().split()
    )
    assert "Changed edna" in latest
    assert "Date precision: day → month" in latest
    page.screenshot(path=SCREENSHOTS_DIR / "admin-5-meeting-history.png")

    assert str(meeting.when) == "c. May 2024"
    host = meeting.participations.get(actor__slug="alexander-lukashenko")
    assert (host.role, host.position) == ("host", 3)
    assert meeting.history.first().history_user.username == "edna"


HEADER = "slug,name,kind,position,country,wikidata_id,description\n"
DAPKIUNAS = (
    "andrei-dapkiunas,Andrei Dapkiunas,person,"
    "Former Permanent Representative of Belarus to the United Nations,belarus,,"
)


def upload(page, path):
    page.set_input_files("#id_import_file", path)
    page.select_option("#id_format", label="csv")
    page.get_by_role("button", name="Submit").click()


def test_an_editor_imports_a_csv_through_preview_and_confirm(editor_page, tmp_path):
    page = editor_page
    page.get_by_role("link", name="Actors", exact=True).first.click()
    page.get_by_role("link", name="Import").click()

    # A file with a bad row is refused whole, the row and column named.
    bad = tmp_path / "actors-bad.csv"
    bad.write_text(
        HEADER
        + "lithuania,Lithuania,state,,,Q37,\n"
        + "andrei-dapkiunas,Andrei Dapkiunas,person,,belarussia,,\n"
    )
    upload(page, bad)
    page.wait_for_selector("table.import-errors")
    assert "Nothing was imported: 1 row" in page.inner_text("#content")
    assert "No actor with slug “belarussia”." in page.inner_text("table.import-errors")
    page.screenshot(path=SCREENSHOTS_DIR / "admin-6-import-errors.png", full_page=True)

    good = tmp_path / "actors.csv"
    good.write_text(
        HEADER
        + "lithuania,Lithuania,state,,,Q37,\n"
        + DAPKIUNAS
        + "Quoted on the talks.\n"
    )
    upload(page, good)
    page.wait_for_selector("input[value='Confirm import']")
    assert "Confirming will create 1, update 1" in page.inner_text("#content")
    assert not Actor.objects.filter(slug="lithuania").exists()
    page.screenshot(path=SCREENSHOTS_DIR / "admin-7-import-preview.png", full_page=True)

    page.get_by_role("button", name="Confirm import").click()
    page.wait_for_selector(".messagelist .success")
    assert "Import finished: 1 new, 1 updated" in page.inner_text(".messagelist")
    page.screenshot(path=SCREENSHOTS_DIR / "admin-8-import-done.png")

    assert Actor.objects.get(slug="lithuania").wikidata_id == "Q37"
    dapkiunas = Actor.objects.get(slug="andrei-dapkiunas")
    assert dapkiunas.description == "Quoted on the talks."
    assert dapkiunas.history.first().history_user.username == "edna"


def test_a_large_import_shows_its_progress_page_then_its_result(
    editor_page, tmp_path, settings, run_worker
):
    settings.IMPORT_BACKGROUND_ROWS = 1  # any file of two rows is "large"
    page = editor_page
    page.get_by_role("link", name="Actors", exact=True).first.click()
    page.get_by_role("link", name="Import").click()
    good = tmp_path / "actors.csv"
    good.write_text(
        HEADER + "lithuania,Lithuania,state,,,Q37,\n" + DAPKIUNAS + "On the talks.\n"
    )
    upload(page, good)

    # The preview is a dry run by a worker: the curator gets its page, which
    # reloads itself until what confirming will do is there.
    expect(page.locator(".import-progress")).to_contain_text("Waiting for a worker")
    assert "/import/job/" in page.url
    assert "Checking actors.csv" in page.inner_text("#content")
    page.screenshot(path=SCREENSHOTS_DIR / "admin-9-import-preview-waiting.png")
    run_worker()
    expect(page.locator(".import-summary")).to_contain_text(
        "Confirming will create 1, update 1", timeout=15_000
    )
    page.screenshot(path=SCREENSHOTS_DIR / "admin-10-import-preview-done.png")
    assert not Actor.objects.filter(slug="lithuania").exists()
    page.get_by_role("button", name="Confirm import").click()

    # The confirm hands the file to a worker and the curator gets its page.
    expect(page.locator(".import-progress")).to_contain_text("Waiting for a worker")
    assert "/import/job/" in page.url
    assert not Actor.objects.filter(slug="lithuania").exists()
    page.screenshot(path=SCREENSHOTS_DIR / "admin-11-import-job-waiting.png")

    run_worker()

    # The page reloads itself until the job is done: no click needed.
    expect(page.locator(".messagelist .success")).to_contain_text(
        "Import finished: 1 new, 1 updated", timeout=15_000
    )
    page.screenshot(path=SCREENSHOTS_DIR / "admin-12-import-job-done.png")
    assert Actor.objects.get(slug="lithuania").wikidata_id == "Q37"
    assert Actor.objects.get(slug="andrei-dapkiunas").description == "On the talks."
