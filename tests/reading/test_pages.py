"""Every page of the reading site answers; the brief index; our own error pages."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from briefs.models import Publication
from tests.factories import make_publication
from tests.helpers import BRIEF_URL, text_of

pytestmark = pytest.mark.django_db


SEEDED_URLS = [
    "/",
    BRIEF_URL,
    BRIEF_URL + "cite.bib",
    BRIEF_URL + "cite.ris",
    BRIEF_URL + "cite.json",
    "/authors/ruslan-bortnik/",
    "/actors/",
    "/actors/keith-kellogg/",
    "/actors/belarus/",
    "/meetings/kellogg-lukashenko-minsk-2025-06-21/",
    "/sanctions/us-sanctions-belarus-potash/",
    "/releases/belarus-prisoner-release-2025-06/",
    "/timeline/",
    "/search/?q=Kellogg",
    "/feed/",
    "/sitemap.xml",
]


@pytest.mark.parametrize("url", SEEDED_URLS)
def test_every_reading_url_answers_for_the_seeded_brief(client, seeded, url):
    assert client.get(url).status_code == 200


def test_unknown_pages_get_our_own_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assertContains(response, "This page is not here", status_code=404)
    assertContains(response, 'href="/static/briefs/site.css"', status_code=404)


def test_500_page_renders_without_a_request_or_context():
    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html


def test_brief_index_links_each_published_brief_with_authors_and_date(client, seeded):
    make_publication("draft", status=Publication.Status.DRAFT, title="Secret draft")
    response = client.get(reverse("briefs:publication_list"))
    assert f"{seeded.title} Ruslan Bortnik · 15 July 2025" in text_of(response)
    assertContains(response, f'<h2><a href="{BRIEF_URL}">A Turning Point')
    assertContains(response, '<time datetime="2025-07-15">15 July 2025</time>')
    assertContains(response, 'name="q"')
    assertNotContains(response, "Secret draft")
