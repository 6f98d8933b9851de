"""The cache fails open: with Redis down, every public page and API answer is
served, pages with their ETags (made of the page generation, which is in the
database), API answers uncached."""

import logging

import pytest

from briefs.reading import caching
from tests.helpers import BRIEF_URL

API_URL = "/api/briefs/"


@pytest.mark.parametrize(
    "url, text",
    [
        (BRIEF_URL, "Kellogg"),
        ("/", "Kellogg"),
        ("/actors/", "Alexander Lukashenko"),
        ("/search/?q=minsk", "result"),
        ("/feed/", "Kellogg"),
        (API_URL, "kellogg"),
    ],
)
def test_a_public_answer_is_served_with_its_etag_while_the_cache_is_down(
    client, seeded, redis_down, url, text
):
    first = client.get(url)
    assert first.status_code == 200
    assert text in first.content.decode()
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304


def test_an_outage_is_logged_once_without_a_traceback(
    client, seeded, redis_down, caplog
):
    with caplog.at_level(logging.WARNING, logger="briefs.reading.caching"):
        for _ in range(3):
            assert client.get(API_URL).status_code == 200

    warnings = [record for record in caplog.records if record.name == caching.__name__]
    assert len(warnings) == 1
    assert "cannot be reached" in warnings[0].getMessage()
    assert warnings[0].exc_info is None


def test_answers_are_kept_again_once_the_cache_answers(
    client, seeded, monkeypatch, django_assert_num_queries
):
    outage = caching.Outage()
    monkeypatch.setattr(caching, "outage", outage)
    outage.failed(ConnectionError("down"))
    monkeypatch.setattr(outage, "retry_at", 0)

    first = client.get(API_URL)
    assert outage.retry_at is None
    # Kept: the generation it is kept under, and nothing else.
    with django_assert_num_queries(1):
        assert client.get(API_URL).content == first.content
