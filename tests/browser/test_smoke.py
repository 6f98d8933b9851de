"""The real browser reaches the site: a brief opens from the index."""

import pytest

from tests.helpers import SCREENSHOTS_DIR, SEED_SLUG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_opens_the_seeded_brief_from_the_index(live_server, page, seeded):
    page.goto(live_server.url + "/")
    page.get_by_role(
        "link", name="A Turning Point or Merely a Tactical Move?"
    ).first.click()
    page.wait_for_url(f"**/briefs/{SEED_SLUG}/")
    assert page.locator("h1").inner_text().startswith("A Turning Point")
    page.screenshot(path=SCREENSHOTS_DIR / "smoke-brief.png", full_page=False)
