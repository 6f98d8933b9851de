"""An Editor adds a brief from its text in a real browser and confirms what it proposes."""

import pytest
from playwright.sync_api import expect

from briefs.models import IngestProposal, Publication
from tests.helpers import SCREENSHOTS_DIR, TWO_AUTHORS_SLUG, TWO_AUTHORS_TEXT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def proposal_row(page, words):
    return page.locator("#proposals-group tbody tr", has_text=words).first


def test_an_editor_uploads_a_text_previews_confirms_and_accepts_two_proposals(
    editor_page, tmp_path
):
    page = editor_page
    page.get_by_role("link", name="Publications").first.click()
    page.screenshot(path=SCREENSHOTS_DIR / "ingest-0-publications.png")
    page.get_by_role("link", name="Add a brief from its text").click()
    page.screenshot(path=SCREENSHOTS_DIR / "ingest-1-upload.png")

    # A text out of layout is refused, naming its line.
    bad = tmp_path / "bad.txt"
    bad.write_text(TWO_AUTHORS_TEXT.read_text().replace("September 3, 2025", "Soon"))
    page.set_input_files("#id_text_file", bad)
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".errornote")).to_contain_text("Line 28: expected the imprint")
    page.screenshot(path=SCREENSHOTS_DIR / "ingest-1-refused.png")

    page.set_input_files("#id_text_file", TWO_AUTHORS_TEXT)
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#content-main h2").first).to_have_text(
        "Preview: confirming will create this draft"
    )
    assert not Publication.objects.filter(slug=TWO_AUTHORS_SLUG).exists()
    content = page.inner_text("#content-main")
    assert "3. Что дальше для Минска?" in content
    assert "Lukashenka → Alexander Lukashenko" in content
    page.screenshot(path=SCREENSHOTS_DIR / "ingest-2-preview.png", full_page=True)

    page.get_by_role("button", name="Confirm: create the draft").click()
    expect(page.locator(".messagelist .success")).to_contain_text(
        "was created from its text"
    )
    publication = Publication.objects.get(slug=TWO_AUTHORS_SLUG)
    assert publication.status == Publication.Status.DRAFT
    page.locator("#proposals-group").scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS_DIR / "ingest-3-proposals.png")

    # An actor: one click links it to the brief.
    proposal_row(page, "Lukashenka's answer").get_by_role(
        "button", name="Accept"
    ).click()
    expect(page.locator(".messagelist .success")).to_contain_text(
        "“Alexander Lukashenko” is now an actor of this brief."
    )
    assert publication.actors.filter(slug="alexander-lukashenko").exists()

    # A date: one click opens a meeting form with the date filled in.
    proposal_row(page, "12 June 2025").get_by_role(
        "button", name="Accept: add the meeting"
    ).click()
    page.wait_for_selector("#meeting_form")
    assert page.input_value("#id_date") == "2025-06-12"
    assert page.input_value("#id_date_precision") == "day"
    expect(page.locator(".messagelist")).to_contain_text("was first used in Kyiv")
    page.screenshot(path=SCREENSHOTS_DIR / "ingest-4-meeting-prefilled.png")

    accepted = publication.proposals.filter(status=IngestProposal.Status.ACCEPTED)
    assert sorted(accepted.values_list("mention", flat=True)) == [
        "12 June 2025",
        "Lukashenka",
    ]
