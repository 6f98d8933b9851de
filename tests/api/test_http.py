"""What every answer carries: an ETag and 304, CORS, a per-client rate limit."""

import time

import pytest
from django.core.cache import cache

from tests.factories import make_publication

pytestmark = pytest.mark.django_db


def test_an_answer_is_revalidated_with_its_etag(client):
    make_publication("a-brief")
    first = client.get("/api/briefs/")
    assert first["Cache-Control"] == "no-cache, public"
    again = client.get("/api/briefs/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


def test_an_edit_changes_the_etag(client):
    brief = make_publication("a-brief")
    etag = client.get(f"/api/briefs/{brief.slug}")["ETag"]
    brief.title = "Another title"
    brief.save()
    response = client.get(f"/api/briefs/{brief.slug}", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.json()["title"] == "Another title"


def test_any_site_may_read_the_api(client):
    response = client.get(
        "/api/meetings/", headers={"Origin": "https://elsewhere.example"}
    )
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_client_over_its_rate_gets_a_clear_429(client, settings):
    settings.API_THROTTLE_RATE = "3/hour"
    statuses = [client.get("/api/briefs/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/briefs/")
    assert refused.status_code == 429
    assert "at most 3/hour from one client" in refused.json()["detail"]
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert "ETag" not in refused
    # Another client (another address) is counted apart.
    other = client.get("/api/briefs/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_every_worker_counts_in_the_shared_cache(client, settings):
    settings.API_THROTTLE_RATE = "2/hour"
    client.get("/api/actors/")
    window = int(time.time() // 3600)
    assert cache.get(f"api:throttle:127.0.0.1:{window}") == 1


def test_the_docs_page_is_served_from_the_project(client):
    page = client.get("/api/docs").content.decode()
    assert '<script src="/static/ninja/swagger-ui-bundle.js">' in page
    assert "cdn" not in page.lower()


def test_the_docs_page_keeps_the_site_policy_but_for_data_images(client, db):
    header = client.get("/api/docs")["Content-Security-Policy"]
    policy = dict(directive.strip().split(" ", 1) for directive in header.split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"


def test_an_answer_is_kept_in_the_cache_until_something_changes(
    client, django_assert_num_queries
):
    brief = make_publication("a-brief")
    first = client.get("/api/briefs/?page_size=10").content
    # The generation it is kept under, and nothing else.
    with django_assert_num_queries(1):
        assert client.get("/api/briefs/?page_size=10").content == first
    brief.title = "Another title"
    brief.save()
    assert b"Another title" in client.get("/api/briefs/?page_size=10").content


@pytest.mark.parametrize(
    "url",
    [
        "/api/briefs/no-such-brief",
        "/api/briefs/?cursor=not-a-cursor",
        "/api/meetings/?date_after=yesterday",
        "/api/no-such-list/",
    ],
)
def test_only_what_would_be_a_200_is_answered_304(client, url):
    make_publication("a-brief")
    etag = client.get("/api/briefs/")["ETag"]
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code in (404, 422)
    assert "ETag" not in response


def test_a_conditional_request_counts_towards_the_rate(client, settings):
    settings.API_THROTTLE_RATE = "3/hour"
    make_publication("a-brief")
    etag = client.get("/api/briefs/")["ETag"]
    statuses = [
        client.get("/api/briefs/", headers={"If-None-Match": etag}).status_code
        for _ in range(3)
    ]
    assert statuses == [304, 304, 429]


def test_a_cors_preflight_is_answered_for_any_header(client):
    response = client.options(
        "/api/briefs/",
        headers={
            "Origin": "https://elsewhere.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert response["Access-Control-Allow-Headers"] == "*"
    assert int(response["Access-Control-Max-Age"]) > 0
