"""A reader switches the site's language in a real browser, on the index and on
search, and back; screenshots of the index, /hu/ and a brief in Hungarian at
a desktop's and a phone's width go to run/screenshots/ (git-ignored) for a
person to look at."""

import re

import pytest

from tests.helpers import ROOT, SEED_SLUG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = ROOT / "run" / "screenshots"
WIDTHS = [1280, 390]


@pytest.fixture
def site(live_server, seeded):
    return live_server.url


def language_of(page):
    return page.locator("html").get_attribute("lang")


def switch_to(page, name):
    page.locator(".language-switch").get_by_role("link", name=name).click()


def test_a_reader_switches_to_hungarian_and_back_on_the_index_and_on_search(site, page):
    page.set_default_timeout(10_000)
    page.goto(site + "/")
    assert language_of(page) == "en"

    switch_to(page, "Magyar")
    page.wait_for_url(site + "/hu/")
    assert language_of(page) == "hu"
    assert page.locator("h1").inner_text() == "Elemzések"
    assert page.get_by_role("link", name="Szereplők").is_visible()

    page.fill("#index-q", "Kellogg")
    page.locator(".inline-search button").click()
    page.wait_for_url(re.compile(r"/hu/search/\?q=Kellogg$"))
    assert language_of(page) == "hu"
    assert "találat erre: „Kellogg”" in page.locator(".search-count").inner_text()

    switch_to(page, "English")
    page.wait_for_url(re.compile(r"/search/\?q=Kellogg$"))
    assert "/hu/" not in page.url
    assert language_of(page) == "en"
    assert re.search(
        r"\d+ results? for “Kellogg”", page.locator(".search-count").inner_text()
    )

    switch_to(page, "Magyar")
    page.wait_for_url(re.compile(r"/hu/search/\?q=Kellogg$"))
    page.get_by_role("link", name="Elemzések").first.click()
    page.wait_for_url(site + "/hu/")
    switch_to(page, "English")
    page.wait_for_url(site + "/")
    assert page.locator("h1").inner_text() == "Briefs"


def test_the_pages_in_hungarian_fit_a_desktop_and_a_phone(site, browser):
    """No word overflows its box at either width; the screenshots are for a person."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = {
        "index": "/",
        "index-hu": "/hu/",
        "brief-hu": f"/hu/briefs/{SEED_SLUG}/",
        "actors-hu": "/hu/actors/",
        "timeline-hu": "/hu/timeline/",
    }
    for width in WIDTHS:
        context = browser.new_context(
            viewport={"width": width, "height": 900}, is_mobile=width < 600
        )
        page = context.new_page()
        for name, path in pages.items():
            page.goto(site + path)
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, (name, width, overflow)
            # The switch is on screen at every width.
            box = page.locator(".language-switch a").bounding_box()
            assert box and box["x"] + box["width"] <= width, (name, width)
        context.close()


HUNGARIAN_EDITION = (
    "kellogg-feheroroszorszagi-latogatasa-fordulopont-vagy-taktikai-lepes"
)


def test_a_reader_switches_the_brief_to_its_hungarian_edition_and_back(site, page):
    page.set_default_timeout(10_000)
    page.goto(f"{site}/briefs/{SEED_SLUG}/")
    assert language_of(page) == "en"

    switch_to(page, "Magyar")
    page.wait_for_url(f"{site}/hu/briefs/{HUNGARIAN_EDITION}/")
    assert language_of(page) == "hu"
    assert page.locator("h1").inner_text().startswith("Fordulópont vagy csupán")
    assert (
        page.locator(".edition-notice")
        .inner_text()
        .startswith("Nem hivatalos fordítás")
    )
    # The same facts, their evidence marked in the Hungarian sentences.
    assert page.locator(".brief mark.evidence").count() > 0
    assert page.get_by_role("link", name="Alekszandr Lukasenko").first.is_visible()
    english = page.locator(".editions").get_by_role("link", name=re.compile("English"))

    english.click()
    page.wait_for_url(re.compile(rf"/briefs/{SEED_SLUG}/$"))
    assert page.locator("h1").inner_text().startswith("A Turning Point")
    if language_of(page) != "en":  # the English edition on the Hungarian site
        switch_to(page, "English")
        page.wait_for_url(f"{site}/briefs/{SEED_SLUG}/")
    assert language_of(page) == "en"
