"""A reader checks a key fact in a real browser: marker, highlighted sentence, back."""

import pytest

from tests.helpers import SCREENSHOTS_DIR, SEED_SLUG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTAL = "fact-release-belarus-prisoner-release-2025-06-total"
DURATION = "fact-meeting-kellogg-lukashenko-minsk-2025-06-21-duration"


@pytest.fixture
def brief(live_server, seeded):
    return f"{live_server.url}/briefs/{SEED_SLUG}/"


def highlight(page, anchor):
    """The background of the element the address points at."""
    return page.locator(f"#{anchor}").evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )


def test_a_reader_clicks_a_fact_marker_lands_on_the_sentence_and_comes_back(
    brief, page
):
    page.goto(brief)
    page.get_by_label("Show evidence").check()
    panel = page.locator(f"#{DURATION}")
    marker = panel.locator("a.evidence-marker")
    anchor = marker.get_attribute("href").removeprefix("#")
    marker.click()
    page.wait_for_url(f"**#{anchor}")
    sentence = page.locator(f"mark#{anchor}")
    assert sentence.inner_text() == (
        "In total, the negotiations between the American delegation and the head "
        "of Belarus lasted about six hours."
    )
    assert sentence.is_visible()
    # :target marks it more strongly than the other quotes.
    other = page.locator("mark.evidence:not(:target)").first
    assert highlight(page, anchor) != other.evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS_DIR / "evidence-sentence-1280.png")

    page.locator(f"mark#{anchor} + a.evidence__back").click()
    page.wait_for_url(f"**#{DURATION}")
    assert panel.is_visible()


def test_the_evidence_is_reached_with_the_keyboard_and_without_script(browser, brief):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(brief)
    page.get_by_label("Show evidence").focus()
    page.keyboard.press("Space")
    page.locator(f"#{TOTAL} a.evidence-marker").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#evidence-33")
    assert (
        "the release of 14 political prisoners"
        in page.locator("mark#evidence-33").inner_text()
    )
    # The panel says the body gives another figure, with its own evidence.
    total = page.locator(f"#{TOTAL}")
    assert "the body says “dozens”" in total.inner_text()
    page.goto(brief + f"#{TOTAL}")
    total.scroll_into_view_if_needed()
    page.locator(".facts").screenshot(path=SCREENSHOTS_DIR / "evidence-panel-1280.png")
    context.close()
