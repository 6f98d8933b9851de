"""A reader in a real browser: index, brief, actor, chart, sources, phone width.

Screenshots land in artifacts/screenshots/ (git-ignored) for a person to look at.
"""

import re

import pytest

from tests.helpers import SCREENSHOTS_DIR, SEED_SLUG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def site(live_server, seeded):
    return live_server.url


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


def shoot(page, name):
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=SCREENSHOTS_DIR / f"{name}-{width}.png", full_page=True)


def test_reader_follows_a_brief_and_an_actor_and_finds_chart_and_sources(site, page):
    page.set_viewport_size(DESKTOP)
    page.goto(site + "/")
    shoot(page, "index")
    page.get_by_role("link", name=re.compile("^A Turning Point or Merely")).click()
    page.wait_for_url(f"**/briefs/{SEED_SLUG}/")
    assert page.locator("h1").inner_text().startswith("A Turning Point")

    chart = page.locator("figure.chart").first
    assert chart.locator("svg[role=img] rect").count() == 7
    assert (
        chart.locator(".chart__bar--unknown text").first.text_content() == "Not given"
    )
    assert "not given 4" in chart.locator(".chart__text").inner_text()
    assert chart.locator("svg").bounding_box()["width"] > 200

    sources = page.locator("#sources li")
    assert sources.count() == 21
    assert "link not recorded" not in page.locator("#sources").inner_text()
    page.locator("sup.note a").first.click()
    page.wait_for_url("**#source-1")
    assert page.locator("#source-1").is_visible()
    shoot(page, "brief")

    page.locator("a.actor", has_text="Keith Kellogg").first.click()
    page.wait_for_url("**/actors/keith-kellogg/")
    assert page.locator("h1").inner_text() == "Keith Kellogg"
    assert page.get_by_text("U.S. Special Representative for Ukraine").is_visible()
    shoot(page, "actor")


def test_print_layout_drops_the_site_chrome_and_keeps_the_facts(site, page):
    page.goto(site + f"/briefs/{SEED_SLUG}/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator(".facts").is_visible()
    assert page.locator("#sources").is_visible()


@pytest.mark.parametrize(
    "name, path",
    [
        ("brief", f"/briefs/{SEED_SLUG}/"),
        ("index", "/"),
        ("actors", "/actors/"),
        ("timeline", "/timeline/"),
        ("release", "/releases/belarus-prisoner-release-2025-06/"),
        ("search", "/search/?q=sanctions"),
    ],
)
def test_pages_fit_a_phone_without_sideways_scrolling(site, phone, name, path):
    phone.goto(site + path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(phone, name)


def test_the_404_page_is_our_own_in_the_browser(site, page):
    response = page.goto(site + "/no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "This page is not here"
    assert page.locator(".site-header").is_visible()
    shoot(page, "404")


def test_on_a_phone_the_key_facts_come_within_the_first_screens(site, phone):
    phone.goto(f"{site}/briefs/{SEED_SLUG}/")
    summary = phone.locator(".key-facts-summary")
    box = summary.bounding_box()
    # It starts on the first screen and ends before the second does; the
    # whole panel follows the abstract, before the text, each line of the box
    # a link to it.
    assert box["y"] < PHONE["height"]
    assert box["y"] + box["height"] < 2 * PHONE["height"]
    facts = phone.locator("#facts-title").bounding_box()["y"]
    assert phone.locator(".lead").bounding_box()["y"] < facts
    assert facts < phone.locator(".brief__section").first.bounding_box()["y"]
    assert "Péter Szijjártó visits Minsk 29 May 2024" in summary.inner_text()
    shoot(phone, "brief-key-facts-summary")

    summary.get_by_role("link", name="Péter Szijjártó visits Minsk").last.click()
    card = phone.locator("#fact-meeting-szijjarto-minsk-2024-05-29")
    assert 0 <= card.bounding_box()["y"] < PHONE["height"]
    title = card.locator("h4 > a")
    # The meeting's title is a link, and looks like one.
    assert "underline" in title.evaluate(
        "link => getComputedStyle(link).textDecorationLine"
    )
    phone.screenshot(path=SCREENSHOTS_DIR / "brief-key-fact-card-390.png")


def test_on_a_wide_screen_the_panel_is_beside_the_text_and_no_summary_repeats_it(
    site, page
):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site}/briefs/{SEED_SLUG}/")
    assert not page.locator(".key-facts-summary").is_visible()
    assert page.locator("#facts-title").bounding_box()["y"] < DESKTOP["height"]
