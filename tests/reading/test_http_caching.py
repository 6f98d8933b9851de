"""Conditional GET and Cache-Control on public pages, so a cache in front can revalidate."""

import time

import pytest

from briefs.models import Publication
from tests.helpers import SEED_SLUG

BRIEF = f"/briefs/{SEED_SLUG}/"


@pytest.mark.parametrize(
    "url", ["/", BRIEF, "/actors/", "/timeline/", "/search/?q=minsk", "/feed/"]
)
def test_a_public_page_is_answered_304_while_nothing_changed(client, seeded, url):
    first = client.get(url)

    again = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert first.status_code == 200
    assert "public" in first["Cache-Control"]
    assert "no-cache" in first["Cache-Control"]
    assert again.status_code == 304
    assert again.content == b""


def test_an_edit_changes_the_etag_and_an_unpublished_brief_is_gone_at_once(
    client, seeded
):
    etag = client.get(BRIEF)["ETag"]

    seeded.status = Publication.Status.DRAFT
    seeded.save()
    response = client.get(BRIEF, headers={"If-None-Match": etag})

    assert response.status_code == 404


def test_editors_pages_are_private_and_carry_no_etag(editor_client, seeded):
    response = editor_client.get(BRIEF)

    assert response.status_code == 200
    assert "ETag" not in response
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url", ["/briefs/no-such-brief/", "/actors/no-such-actor/", "/no-such-page/"]
)
def test_only_what_would_be_a_200_is_answered_304(client, seeded, url):
    etag = client.get(BRIEF)["ETag"]

    response = client.get(url, headers={"If-None-Match": etag})

    assert response.status_code == 404
    assert "ETag" not in response


def test_every_answer_says_until_when_nginx_may_keep_it(client, seeded):
    before = int(time.time())
    response = client.get(BRIEF)
    after = int(time.time())

    # The end of the second the request arrived in (deploy/nginx.conf).
    assert before <= int(response["X-Accel-Expires"].removeprefix("@")) <= after
