"""Hostile or impossible input: a sanitized feed, and a 400 or 404 where a 500 would be."""

import pytest

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
