"""Every absolute link is at the site's origin, whatever Host a request names.

A client may send any Host that passes ALLOWED_HOSTS (``127.0.0.1:6666``
does: the port is not checked). Whatever keeps an answer for the next reader
(nginx's micro-cache, a stored article, the API's cache) would hand its
links on, so an answer must be the same bytes whoever asked and how.
"""

import json
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command

from briefs.models import StoredArticle
from tests.helpers import BRIEF_URL, SEED_SLUG

pytestmark = pytest.mark.django_db

ORIGIN = "https://briefs.example"
POISONED = ["127.0.0.1:6666", "localhost:6666", "127.0.0.1"]
ABSOLUTE = re.compile(rb"https?://[^/\"'<>\s\\]+")

URLS = [
    "/feed/",
    "/sitemap.xml",
    "/api/",
    "/api/briefs/",
    "/api/briefs/?page_size=1",
    f"/api/briefs/{SEED_SLUG}",
    "/api/actors/keith-kellogg",
    "/api/meetings/",
    BRIEF_URL,
    BRIEF_URL + "cite.bib",
    BRIEF_URL + "cite.ris",
    BRIEF_URL + "cite.json",
]


@pytest.fixture
def site(seeded, settings, tmp_path):
    settings.SITE_ORIGIN = ORIGIN
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    settings.DATASET_ROOT = tmp_path
    call_command("release_dataset", verbosity=0)
    return seeded


def own_hosts(content):
    """The scheme and host of every absolute link but the world's (schema.org, …)."""
    return {
        link
        for link in ABSOLUTE.findall(content)
        if b"127.0.0.1" in link or b"localhost" in link or b"briefs.example" in link
    }


@pytest.mark.parametrize("url", URLS)
def test_an_answer_names_the_origin_whatever_host_asked_first(client, site, url):
    for host in POISONED:
        # Nothing kept from an earlier answer: each request makes its own.
        cache.clear()
        StoredArticle.objects.all().delete()
        poisoned = client.get(url, HTTP_HOST=host)
        assert poisoned.status_code == 200
        assert own_hosts(poisoned.content) == {ORIGIN.encode()}, host
        # The next reader, with the ordinary Host, gets the same bytes.
        assert client.get(url).content == poisoned.content, host


def test_a_brief_pages_canonical_link_json_ld_and_citation_name_the_origin(
    client, site
):
    page = client.get(BRIEF_URL, HTTP_HOST="127.0.0.1:6666").content.decode()
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page)[1]
    json_ld = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )
    assert canonical == f"{ORIGIN}{BRIEF_URL}"
    assert json_ld["url"] == canonical
    assert StoredArticle.objects.get().origin == ORIGIN


def test_api_pages_link_to_each_other_at_the_origin(client, site):
    page = client.get("/api/meetings/?page_size=1", HTTP_HOST="127.0.0.1:6666").json()
    assert page["next"].startswith(f"{ORIGIN}/api/meetings/?")
