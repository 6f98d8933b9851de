"""The seed brief's Hungarian demonstration edition: the abstract and first
section translated by us, marked as an unofficial translation on the page and
in the data, with the brief's facts and evidence quoted in Hungarian."""

import pytest
from django.utils import translation

from briefs.models import Publication
from tests.helpers import BRIEF_URL, SEED_SLUG, text_of

pytestmark = pytest.mark.django_db

HU_SLUG = "kellogg-feheroroszorszagi-latogatasa-fordulopont-vagy-taktikai-lepes"


def test_the_seed_brief_has_a_hungarian_edition_with_its_facts(client, seeded):
    hungarian = Publication.objects.get(slug=HU_SLUG)
    with translation.override("hu"):
        url = seeded.url_in_language("hu")

    page = client.get(url)
    html = page.content.decode()

    assert page.status_code == 200
    assert (hungarian.translation_of, hungarian.language) == (seeded, "hu")
    assert hungarian.is_published and hungarian.unofficial_translation
    assert "Nem hivatalos fordítás" in text_of(page)
    assert hungarian.translation_note in text_of(page)
    # The brief's facts, each marked in the Hungarian sentence that states it.
    assert 'id="fact-meeting-kellogg-lukashenko-minsk-2025-06-21"' in html
    assert 'id="fact-release-belarus-prisoner-release-2025-06"' in html
    for evidence in hungarian.evidence.all():
        assert f'<mark class="evidence" id="{evidence.anchor}"' in html
        assert evidence.quote_found
    assert "Lukasenko kifejezetten melegen üdvözölte az amerikai delegációt" in text_of(
        page
    )
    # A link to the English edition, and from it back.
    assert f'href="{BRIEF_URL}" hreflang="en"' in html
    english = client.get(BRIEF_URL).content.decode()
    assert f'hreflang="hu" lang="hu">Magyar: <cite>{hungarian.title}' in english


def test_the_data_says_it_is_an_unofficial_translation(client, seeded):
    brief = client.get(f"/api/briefs/{HU_SLUG}").json()

    assert brief["language"] == "hu"
    assert brief["translation_of"] == SEED_SLUG
    assert brief["unofficial_translation"] is True
    assert brief["number"] == "2025/1"
    assert "kellogg-lukashenko-minsk-2025-06-21" in brief["meetings"]
