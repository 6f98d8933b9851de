"""The brief page as people read it (issue 24): evidence on demand, remembered
and without script; keyboard only; 200 % zoom; a phone's tap targets and where
its key facts are."""

import pytest

from tests.helpers import BRIEF_URL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
NO_BACKGROUND = "rgba(0, 0, 0, 0)"


def background(locator):
    return locator.evaluate("element => getComputedStyle(element).backgroundColor")


def test_show_evidence_is_off_by_default_and_remembered(live_server, page, seeded):
    page.goto(live_server.url + BRIEF_URL)
    mark = page.locator("mark.evidence").first
    assert background(mark) == NO_BACKGROUND
    assert not page.locator(".evidence__back").first.is_visible()
    page.get_by_label("Show evidence").check()
    assert background(mark) != NO_BACKGROUND
    assert page.locator(".evidence__back").first.is_visible()
    page.reload()
    assert page.get_by_label("Show evidence").is_checked()
    assert background(page.locator("mark.evidence").first) != NO_BACKGROUND


def test_show_evidence_works_without_script(live_server, browser, seeded):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + BRIEF_URL)
    page.get_by_text("Show evidence", exact=True).click()
    assert background(page.locator("mark.evidence").first) != NO_BACKGROUND
    context.close()


def test_a_followed_link_shows_its_sentence_with_evidence_off(
    live_server, page, seeded
):
    page.goto(live_server.url + BRIEF_URL)
    anchor = page.locator("mark.evidence[id]").nth(3).get_attribute("id")
    page.goto(live_server.url + BRIEF_URL + "#" + anchor)
    assert not page.get_by_label("Show evidence").is_checked()
    assert background(page.locator(f"#{anchor}")) != NO_BACKGROUND


def test_keyboard_only_reaches_the_switch_a_marker_and_its_sentence(
    live_server, page, seeded
):
    page.goto(live_server.url + BRIEF_URL)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "show-evidence":
            break
    else:
        pytest.fail("Tab never reached the Show evidence switch")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Space")
    assert page.get_by_label("Show evidence").is_checked()
    marker = page.locator(".facts a.evidence-marker").first
    target = marker.get_attribute("href")
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**" + target)
    assert page.locator(target).is_visible()


def test_at_200_percent_zoom_nothing_needs_scrolling_sideways(
    live_server, browser, seeded
):
    # 1280 x 900 at 200 %: 640 x 450 CSS pixels, each two device pixels.
    context = browser.new_context(
        viewport={"width": 640, "height": 450}, device_scale_factor=2
    )
    page = context.new_page()
    page.goto(live_server.url + BRIEF_URL)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        "the page scrolls sideways at 200 %"
    )
    assert page.get_by_label("Show evidence").is_visible()
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


def test_tap_targets_on_a_phone_are_at_least_24_px(live_server, phone, seeded):
    phone.goto(live_server.url + BRIEF_URL)
    phone.get_by_label("Show evidence").check()
    small = []
    for selector in (
        "sup.note a",
        "a.evidence-marker",
        "a.evidence__back",
        "a.sources__back",
        "#show-evidence",
    ):
        for box in phone.locator(selector).evaluate_all(
            "nodes => nodes.map(node => node.getBoundingClientRect())"
            ".map(rect => [rect.width, rect.height])"
        ):
            if box[0] < 24 or box[1] < 24:
                small.append((selector, box))
    assert small == []


def test_on_a_phone_the_key_facts_follow_the_abstract(live_server, phone, seeded):
    phone.goto(live_server.url + BRIEF_URL)

    def top(selector):
        return phone.locator(selector).first.evaluate(
            "node => node.getBoundingClientRect().top + window.scrollY"
        )

    assert top(".lead") < top(".facts") < top(".brief__section")
    # Within a few screens of the top, not after the text (11,000 px down).
    assert top(".facts .fact") < 4 * PHONE["height"]
