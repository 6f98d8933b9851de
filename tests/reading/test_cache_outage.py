"""The page cache fails open: with Redis down, public pages are rendered uncached."""

import logging

import pytest

from briefs.reading import caching
from tests.helpers import BRIEF_URL


@pytest.mark.parametrize(
    "url, text",
    [
        (BRIEF_URL, "Kellogg"),
        ("/", "Kellogg"),
        ("/actors/", "Alexander Lukashenko"),
        ("/search/?q=minsk", "result"),
        ("/feed/", "Kellogg"),
    ],
)
def test_a_public_page_is_served_uncached_while_the_cache_is_down(
    client, seeded, redis_down, url, text
):
    first = client.get(url)
    again = client.get(url, headers={"If-None-Match": '"anything"'})

    for response in first, again:
        assert response.status_code == 200
        assert text in response.content.decode()
        assert not response.has_header("ETag")


def test_an_outage_is_logged_once_without_a_traceback(
    client, seeded, redis_down, caplog
):
    with caplog.at_level(logging.WARNING, logger="briefs.reading.caching"):
        for _ in range(3):
            assert client.get(BRIEF_URL).status_code == 200

    warnings = [record for record in caplog.records if record.name == caching.__name__]
    assert len(warnings) == 1
    assert "cannot be reached" in warnings[0].getMessage()
    assert warnings[0].exc_info is None


def test_pages_are_cached_again_once_the_cache_answers(client, seeded, monkeypatch):
    outage = caching.Outage()
    monkeypatch.setattr(caching, "outage", outage)
    outage.failed(ConnectionError("down"))
    monkeypatch.setattr(outage, "retry_at", 0)

    first = client.get(BRIEF_URL)
    again = client.get(BRIEF_URL, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304
    assert outage.retry_at is None
