"""The site in each language of settings.LANGUAGES: English at its addresses,
Hungarian under /hu/, the language of an answer given by its address alone."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from briefs.domain import derived
from briefs.models import Publication, Section
from tests.factories import make_actor, make_publication, make_section
from tests.helpers import BRIEF_URL, SEED_SLUG, form_data, text_of

pytestmark = pytest.mark.django_db

HU_BRIEF_URL = f"/hu/briefs/{SEED_SLUG}/"


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode())[1]


def test_the_languages_are_a_setting_english_first():
    assert settings.LANGUAGE_CODE == "en"
    assert settings.LANGUAGES == [("en", "English"), ("hu", "Magyar")]


def test_english_keeps_its_addresses_and_hungarian_is_under_its_prefix(client, seeded):
    assert reverse("briefs:publication_detail", kwargs={"slug": SEED_SLUG}) == BRIEF_URL
    with translation.override("hu"):
        assert seeded.get_absolute_url() == HU_BRIEF_URL
    english = client.get("/")
    hungarian = client.get("/hu/")

    assert html_lang(english) == "en" and english["Content-Language"] == "en"
    assert html_lang(hungarian) == "hu" and hungarian["Content-Language"] == "hu"
    assertContains(english, "<h1>Briefs</h1>")
    assertContains(hungarian, "<h1>Elemzések</h1>")
    page = client.get(HU_BRIEF_URL)
    assert html_lang(page) == "hu"
    # Hungarian words, dates written the Hungarian way, links that stay in Hungarian.
    assertContains(page, "Főbb tények")
    assertContains(page, '<time datetime="2025-07-15">2025. július 15.</time>')
    assertContains(page, 'href="/hu/actors/keith-kellogg/"')
    assertNotContains(page, 'href="/actors/keith-kellogg/"')


@pytest.mark.parametrize(
    "url", ["/", BRIEF_URL, "/actors/", "/timeline/", "/search/?q=Kellogg", "/feed/"]
)
def test_an_address_without_a_prefix_is_english_whatever_the_browser_asks(
    client, seeded, url
):
    """Otherwise a cache keyed by the address (nginx's micro-cache, a browser's)
    would hand one reader's language to the next."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hu"
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="hu,en;q=0.5")

    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")
    assert "Elemzések" not in response.content.decode()


def test_the_api_the_sitemap_and_oai_pmh_are_english_at_one_address(client, seeded):
    for url in ["/api/briefs/", "/sitemap.xml", "/oai/?verb=Identify"]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="hu")
        assert response.status_code == 200, url
        assert response["Content-Language"] == "en", url
    # The same words at every door: an API error is in English to a Hungarian browser.
    refused = client.get(
        "/api/meetings/?date_after=2023-02-30", HTTP_ACCEPT_LANGUAGE="hu"
    )
    assert refused.status_code == 422
    assert "Elemzés" not in refused.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/hu/api/briefs/",
        "/hu/admin/",
        "/hu/oai/?verb=Identify",
        "/hu/sitemap.xml",
        "/hu/health/",
        "/en/",
        f"/en{BRIEF_URL}",
    ],
)
def test_only_the_reading_site_has_a_language_prefix(client, seeded, url):
    assert client.get(url).status_code == 404


def test_the_admin_speaks_the_language_the_curators_browser_asks_for(admin_client):
    hungarian = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="hu")
    english = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")

    assert hungarian["Content-Language"] == "hu"
    assertContains(hungarian, "Az elemzések és tényeik gondozása")  # the index's title
    assertContains(hungarian, "Elemzések")  # the app's models, by their names
    assert "Accept-Language" in hungarian["Vary"]
    assertContains(english, "Curate the briefs and their facts")
    assert html_lang(hungarian) == "hu"


@pytest.mark.parametrize(
    "english_url, hungarian_url",
    [
        ("/", "/hu/"),
        (BRIEF_URL, HU_BRIEF_URL),
        ("/actors/keith-kellogg/", "/hu/actors/keith-kellogg/"),
        ("/timeline/", "/hu/timeline/"),
        ("/search/?q=Kellogg", "/hu/search/?q=Kellogg"),
        ("/data/", "/hu/data/"),
    ],
)
def test_every_public_page_names_itself_in_each_language(
    client, seeded_in_english, english_url, hungarian_url
):
    for url, other, other_language in [
        (english_url, hungarian_url, "hu"),
        (hungarian_url, english_url, "en"),
    ]:
        page = client.get(url).content.decode()
        alternates = dict(
            re.findall(
                r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page
            )
        )
        assert alternates == {
            "en": f"http://testserver{english_url}",
            "hu": f"http://testserver{hungarian_url}",
            "x-default": f"http://testserver{english_url}",
        }
        # The switch in the header: the same page in the other language.
        switch = re.search(
            r'<nav class="language-switch"[^>]*>(.*?)</nav>', page, re.S
        )[1]
        assert re.findall(r"<a ([^>]*)>([^<]*)</a>", switch) == [
            (
                f'href="{other}" hreflang="{other_language}" lang="{other_language}"',
                dict(settings.LANGUAGES)[other_language],
            )
        ]


def test_a_brief_that_names_its_edition_in_a_language_switches_to_it(
    client, seeded, monkeypatch
):
    """The editions' ``url_in_language`` decides, when a brief has it."""
    edition = f"/hu/briefs/{SEED_SLUG}-magyarul/"
    monkeypatch.setattr(
        Publication,
        "url_in_language",
        lambda self, code: edition if code == "hu" else f"/briefs/{self.slug}/",
        raising=False,
    )
    page = client.get(BRIEF_URL).content.decode()
    assert (
        f'<link rel="alternate" hreflang="hu" href="http://testserver{edition}">'
        in page
    )
    assert f'<a href="{edition}" hreflang="hu" lang="hu">' in page


def test_a_page_that_is_not_there_names_no_other_language(client, seeded):
    missing = client.get("/hu/no-such-page/")
    assert missing.status_code == 404
    assert html_lang(missing) == "hu"
    assertContains(missing, "Ez az oldal nincs itt", status_code=404)
    assertNotContains(missing, "hreflang", status_code=404)


def test_a_text_in_another_language_than_the_page_says_its_own(client, seeded):
    english_page = client.get(BRIEF_URL).content.decode()
    hungarian_page = client.get(HU_BRIEF_URL).content.decode()

    # The English brief on the English page: nothing to say.
    assert '<h1 lang="en">' not in english_page
    # On the Hungarian page: its title, abstract, sections and sources are English;
    # the page's own words around them are not.
    assert f'<h1 lang="en">{seeded.title}' in hungarian_page.replace("&#x27;", "'")
    assert (
        '<section class="lead" aria-label="Összefoglaló" lang="en">' in hungarian_page
    )
    sections = seeded.sections.count()
    assert hungarian_page.count('class="brief__section" id="section-') == sections
    assert (
        len(
            re.findall(
                r'class="brief__section" id="section-\d+" lang="en"', hungarian_page
            )
        )
        == sections
    )
    # A value quoted from the brief beside a Hungarian label is marked English.
    assert re.search(r'szerint „<span lang="en">[^<]+</span>”', hungarian_page)
    # Its links back to the facts speak Hungarian inside English text.
    assert re.search(r'<a class="evidence__back"[^>]*lang="hu">', hungarian_page)
    assert not re.search(r'<a class="evidence__back"[^>]*lang=', english_page)


def test_a_hungarian_brief_on_the_english_site_is_marked_hungarian(client, seeded):
    brief = make_publication("magyar-elemzes", title="Fordulópont", language="hu")
    make_section(brief, body="Egy bekezdés.")

    page = client.get(brief.get_absolute_url()).content.decode()
    assert '<h1 lang="hu">Fordulópont</h1>' in page
    assert '<html lang="en">' in page
    index = client.get("/").content.decode()
    assert (
        '<h2 lang="hu"><a href="/briefs/magyar-elemzes/">Fordulópont</a></h2>' in index
    )
    hungarian_index = client.get("/hu/").content.decode()
    assert (
        '<h2><a href="/hu/briefs/magyar-elemzes/">Fordulópont</a></h2>'
        in hungarian_index
    )


def test_a_briefs_links_to_actors_are_in_its_own_language_whoever_saved_it(
    client, editor
):
    """Stored HTML is derived data: the same whatever language the curator's admin speaks."""
    kellogg = make_actor("keith-kellogg", "Keith Kellogg", kind="person")
    english = make_publication("an-english-brief")
    hungarian = make_publication("egy-magyar-elemzes", language="hu")
    for brief in (english, hungarian):
        brief.actors.add(kellogg)
        make_section(brief, body="Keith Kellogg arrived.")
    client.force_login(editor)
    for brief in (english, hungarian):
        url = reverse("admin:briefs_publication_change", args=[brief.pk])
        data = form_data(client.get(url, HTTP_ACCEPT_LANGUAGE="hu"))
        data["title"] = brief.title + "!"
        response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="hu")
        assert response.status_code == 302, response.content.decode()[:2000]

    english_html = Section.objects.get(publication=english).body_html
    hungarian_html = Section.objects.get(publication=hungarian).body_html
    assert 'href="/actors/keith-kellogg/"' in english_html
    assert 'href="/hu/actors/keith-kellogg/"' in hungarian_html


def test_the_pages_words_are_hungarian_at_hu(client, seeded):
    """A few of the catalogue's words where a reader meets them."""
    pages = {
        "/hu/actors/": ["Szereplők", "Személyek", "Államok"],
        "/hu/timeline/": ["Idővonal", "Találkozó", "2023 ősze"],
        "/hu/search/?q=Kellogg": ["Keresés", "találat erre: „Kellogg”"],
        "/hu/meetings/kellogg-lukashenko-minsk-2025-06-21/": [
            "Találkozó",
            "Meddig",
            "mintegy 6 óra",
        ],
    }
    for url, words in pages.items():
        text = text_of(client.get(url))
        for word in words:
            assert word in text, (url, word)


def test_derived_pass_is_settled_in_the_briefs_language_not_the_active_one(db):
    """A write outside any request (a command) in Hungarian does not change links."""
    kellogg = make_actor("keith-kellogg", "Keith Kellogg", kind="person")
    brief = make_publication("a-brief")
    brief.actors.add(kellogg)
    with translation.override("hu"):
        make_section(brief, body="Keith Kellogg arrived.")
        with derived.write() as changes:
            changes.rows_written(Publication, [brief])
    assert 'href="/actors/keith-kellogg/"' in Section.objects.get().body_html
