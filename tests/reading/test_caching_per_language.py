"""Every kept answer is in one language: a brief's stored article, a page's
ETag, an API answer's key."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from briefs.api.http import answer_key
from briefs.models import StoredArticle
from tests.helpers import BRIEF_URL

pytestmark = pytest.mark.django_db

HU_BRIEF_URL = "/hu" + BRIEF_URL


def test_a_brief_keeps_its_article_in_each_language(
    client, seeded, django_assert_max_num_queries
):
    english = client.get(BRIEF_URL).content.decode()
    hungarian = client.get(HU_BRIEF_URL).content.decode()

    stored = {row.language: row for row in StoredArticle.objects.all()}
    assert set(stored) == {"en", "hu"}
    assert "Key facts" in stored["en"].article_html
    assert "Főbb tények" in stored["hu"].article_html
    # Each served from its own, in the ETag's query and the brief's.
    for url, page in [(BRIEF_URL, english), (HU_BRIEF_URL, hungarian)]:
        with django_assert_max_num_queries(2):
            assert client.get(url).content.decode() == page


def test_an_edit_makes_every_languages_article_stale(client, seeded):
    client.get(BRIEF_URL)
    client.get(HU_BRIEF_URL)
    section = seeded.sections.first()
    section.body = "A wholly new first paragraph."
    section.save()

    assert "A wholly new first paragraph." in client.get(HU_BRIEF_URL).content.decode()
    assert "A wholly new first paragraph." in client.get(BRIEF_URL).content.decode()


def test_a_pages_etag_names_its_language(client, seeded):
    english = client.get("/")["ETag"]
    hungarian = client.get("/hu/")["ETag"]
    assert english != hungarian
    assert client.get("/", HTTP_IF_NONE_MATCH=english).status_code == 304
    # One language's ETag never makes another's page a 304.
    assert client.get("/hu/", HTTP_IF_NONE_MATCH=english).status_code == 200
    assert client.get("/hu/", HTTP_IF_NONE_MATCH=hungarian).status_code == 304


def test_an_api_answer_is_kept_under_its_language(seeded):
    request = RequestFactory().get("/api/briefs/")
    english = answer_key(request)
    with translation.override("hu"):
        assert answer_key(request) != english
