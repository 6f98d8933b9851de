"""A brief's stored article is served only while nothing it shows has changed.

The page generation moves on in the write's own transaction, so no test
here needs a real commit.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from briefs.domain import derived
from briefs.models import (
    Actor,
    DatasetRelease,
    Evidence,
    PageGeneration,
    Publication,
    Section,
    StoredArticle,
)
from briefs.reading import articles, selectors
from tests.factories import make_preview_link, make_publication, make_section
from tests.helpers import BRIEF_URL
from tests.reading.test_caching import EDITS, edit_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Every request reaches the view: the page cache would hide the article's path."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }


def generation():
    return PageGeneration.objects.get().value


def stored(publication):
    return StoredArticle.objects.filter(publication=publication).first()


def served_from_storage(client, url, django_assert_max_num_queries):
    """The page, asserting it came from its stored article: the generation of
    its ETag, then the brief with its article."""
    with django_assert_max_num_queries(2):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_the_first_request_stores_the_article_and_the_next_serves_it_unchanged(
    client, seeded, django_assert_max_num_queries
):
    fresh = client.get(BRIEF_URL)
    article = stored(seeded)
    assert article.generation == generation()
    assert article.origin == "http://testserver"
    assert article.article_html in fresh.content.decode()
    again = served_from_storage(client, BRIEF_URL, django_assert_max_num_queries)
    assert again.content == fresh.content
    # And what a fresh render makes now, once the article is gone.
    StoredArticle.objects.all().delete()
    assert client.get(BRIEF_URL).content == fresh.content


def rank_evidence_down(brief):
    evidence = Evidence.objects.filter(publication=brief, meeting__isnull=False)[0]
    evidence.value = "a value never seen"
    evidence.rank = Evidence.Rank.DEPRECATED
    evidence.save()
    return "a value never seen"


def release_a_dataset(brief):
    DatasetRelease.objects.create(
        version="v-brand-new",
        content_hash="f" * 64,
        released_at=timezone.now() + datetime.timedelta(days=1),
        file_name="v-brand-new.zip",
        size=1,
        counts={},
    )
    return "dataset version v-brand-new"


@pytest.mark.parametrize("edit", [*EDITS, rank_evidence_down, release_a_dataset])
def test_an_edit_shows_on_the_next_request(client, seeded, edit):
    page = client.get(BRIEF_URL).content.decode()
    before = stored(seeded).generation
    shown = edit(seeded)
    assert shown not in page
    assert generation() != before
    assertContains(client.get(BRIEF_URL), shown)
    assert stored(seeded).generation == generation()


def test_a_render_from_rows_read_before_an_edit_is_never_stored(client, seeded):
    client.get(BRIEF_URL)
    # A request reads the brief and the generation, then renders…
    publication = selectors.brief_with_stored_article("en").get(pk=seeded.pk)
    read_at = publication.current_generation
    stale = articles.Article(head="stale head", body="stale body")
    # … while an edit commits …
    edit_section(seeded)
    # … and stores what it rendered from the old rows: refused.
    articles.store(publication, read_at, stale)
    assert stored(seeded).article_html != "stale body"
    assertContains(client.get(BRIEF_URL), "A wholly new first paragraph.")
    assertNotContains(client.get(BRIEF_URL), "stale body")


def test_unpublishing_is_a_404_at_once_even_before_the_generation_moves_on(
    client, seeded
):
    client.get(BRIEF_URL)
    # No signal, no generation moved on: the brief's own row still decides.
    Publication.objects.filter(pk=seeded.pk).update(status=Publication.Status.DRAFT)
    assert client.get(BRIEF_URL).status_code == 404


def test_editors_and_preview_links_never_read_or_store_an_article(client, admin_client):
    draft = make_publication("a-draft", status=Publication.Status.DRAFT)
    make_section(draft, body="Words only editors read.")
    link = make_preview_link(draft)
    assertContains(admin_client.get(draft.get_absolute_url()), "Words only editors")
    assertContains(client.get(f"/preview/{link.token}/"), "Words only editors")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert not StoredArticle.objects.exists()
    # A published brief read by an editor: still nothing stored…
    published = make_publication("a-published-brief")
    admin_client.get(published.get_absolute_url())
    assert not StoredArticle.objects.exists()
    # … and a public article stored is not what an editor reads.
    client.get(published.get_absolute_url())
    StoredArticle.objects.update(article_html="only the public's copy")
    assertNotContains(
        admin_client.get(published.get_absolute_url()), "only the public's copy"
    )


def test_a_draft_published_without_a_signal_gets_no_article_from_its_draft_days(
    client, admin_client
):
    draft = make_publication("a-draft", status=Publication.Status.DRAFT)
    make_section(draft, body="Draft words.")
    admin_client.get(draft.get_absolute_url())
    Publication.objects.filter(pk=draft.pk).update(
        status=Publication.Status.PUBLISHED, published_at=timezone.now()
    )
    assertContains(client.get(draft.get_absolute_url()), "Draft words.")
    assertNotContains(client.get(draft.get_absolute_url()), "Draft</strong>")


def test_another_origin_gets_its_own_links(client, seeded, settings):
    client.get(BRIEF_URL)
    settings.SITE_ORIGIN = "https://other.example"
    other = client.get(BRIEF_URL)
    assertContains(other, 'href="https://other.example/briefs/')
    assertNotContains(other, "http://testserver/")
    assert stored(seeded).origin == "https://other.example"


def test_a_write_moves_the_generation_on_once_as_it_ends(seeded):
    before = generation()
    with derived.write():
        for section in Section.objects.filter(publication=seeded):
            section.save()
        assert generation() == before
    assert generation() == before + 1


def test_a_savepoint_rolled_back_keeps_the_move_of_the_writes_before_it(seeded):
    before = generation()
    section = seeded.sections.first()
    with derived.write():
        section.save()
        try:
            with transaction.atomic():
                section.save()
                raise RuntimeError
        except RuntimeError:
            pass
    assert generation() == before + 1


def test_uncommitted_writes_are_read_by_their_own_transaction(client, seeded):
    client.get(BRIEF_URL)
    with transaction.atomic():
        edit_section(seeded)
        assertContains(client.get(BRIEF_URL), "A wholly new first paragraph.")
        transaction.set_rollback(True)
    assertNotContains(client.get(BRIEF_URL), "A wholly new first paragraph.")


def test_a_deployment_migrate_makes_every_article_stale(client, seeded):
    client.get(BRIEF_URL)
    before = generation()
    call_command("migrate", verbosity=0, stdout=io.StringIO())
    assert generation() > before
    assert stored(seeded).generation != generation()


def test_a_lost_generation_row_serves_no_article_and_comes_back_new(client, seeded):
    client.get(BRIEF_URL)
    PageGeneration.objects.all().delete()
    assert client.get(BRIEF_URL).status_code == 200
    actor = Actor.objects.first()
    actor.save()
    assert generation() > stored(seeded).generation
