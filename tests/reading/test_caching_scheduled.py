"""Pages follow a scheduled brief that another process publishes, even with a
cache of this process's own (``make run``: the worker is another process)."""

import datetime
import time

import pytest
from django.utils import timezone

from briefs.models import Publication
from briefs.reading import caching
from tests.factories import make_publication

pytestmark = pytest.mark.django_db


def published_elsewhere(brief):
    """As the worker's save looks from here: the rows change, this cache does not."""
    Publication.objects.filter(pk=brief.pk).update(
        status=Publication.Status.PUBLISHED,
        published_at=timezone.now(),
        publish_at=None,
    )


def test_from_its_time_pages_are_fresh_until_the_brief_has_surely_gone_public(
    client, monkeypatch
):
    make_publication("already-public", title="Already public")
    at = timezone.now() + datetime.timedelta(minutes=5)
    brief = make_publication(
        "scheduled",
        status=Publication.Status.IN_REVIEW,
        title="The scheduled brief",
        publish_at=at,
    )
    before = client.get("/")
    etag = before["ETag"]
    assert "The scheduled brief" not in before.content.decode()

    published_elsewhere(brief)
    clock = at.timestamp()
    monkeypatch.setattr(caching.time, "time", lambda: clock)
    during = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert during.status_code == 200 and not during.has_header("ETag")
    assert "The scheduled brief" in during.content.decode()

    clock = at.timestamp() + caching.PUBLISHING_GRACE
    after = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200 and after["ETag"] != etag
    assert client.get("/", HTTP_IF_NONE_MATCH=after["ETag"]).status_code == 304


def test_before_its_time_a_schedule_changes_nothing(client):
    make_publication(
        "scheduled",
        status=Publication.Status.IN_REVIEW,
        publish_at=timezone.now() + datetime.timedelta(minutes=5),
    )
    etag = client.get("/")["ETag"]
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert time.time() < caching.cache.get(caching.SCHEDULE_KEY)[0]
