"""The API's docs page works in a real browser under the site's Content-Security-Policy."""

import pytest

from tests.helpers import SCREENSHOTS_DIR, SEED_SLUG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_page_lists_the_endpoints_and_tries_one(live_server, page, seeded):
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.goto(live_server.url + "/api/docs")
    page.get_by_text("/api/briefs/{slug}").first.wait_for()
    page.get_by_text("/api/briefs/{slug}").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_placeholder("slug").fill(SEED_SLUG)
    page.get_by_role("button", name="Execute").click()
    answer = page.locator(".live-responses-table .response-col_description pre").first
    answer.wait_for()
    assert "Kellogg" in answer.inner_text()
    page.screenshot(path=SCREENSHOTS_DIR / "api-docs.png", full_page=False)
    assert refused == []
