"""Hostile or impossible input: a sanitized feed, and a 400 or 404 where a 500 would be."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_publication

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.django_db
def test_feed_summary_is_sanitized_like_the_page(client):
    make_publication(
        summary='*Talks* resumed.<script>alert(1)</script> <img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)">more</a>'
    )

    feed = ET.fromstring(client.get("/feed/").content)
    summary = feed.find(f"{ATOM}entry/{ATOM}summary")

    assert summary.get("type") == "html"
    assert "<em>Talks</em> resumed." in summary.text
    for unsafe in ("<script", "alert(1)", "onerror", "<img", "javascript:"):
        assert unsafe not in summary.text


# --- Impossible input --------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=a%00b",
        "/search/?q%00=a",
        "/?page=1%00",
        "/actors/?q=%00",
        "/briefs/a%00b/",
    ],
)
def test_nul_in_a_url_is_a_400_never_a_500(client, seeded, url):
    assert client.get(url).status_code == 400


def test_nul_in_an_admin_search_or_filter_is_a_400(admin_client):
    for url in (
        "/admin/briefs/actor/?q=a%00b",
        "/admin/briefs/publication/?status=%00",
    ):
        assert admin_client.get(url).status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/briefs/no-such-brief/cite.bib",
        "/search/?q=" + "x" * 5000,
        "/search/?q=%ff%fe",
        "/search/?q=%ED%A0%80",
        "/?page=999999",
        "/?page=-1",
        "/actors/%E2%80%8B/",
    ],
)
def test_impossible_input_is_never_a_500(client, seeded, url):
    assert client.get(url).status_code in {200, 400, 404}
