""" "Add a translation": a brief's edition in another language, started as a
draft from its original's structure and text, by whoever may add briefs."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from briefs.domain import editions
from briefs.models import Evidence, Publication
from tests.factories import make_translation
from tests.helpers import SEED_SLUG, admin_url, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeded_in_english):
    """The seed brief without the Hungarian edition it is shipped with, which
    these tests add again."""
    return seeded_in_english


def add_url(publication, language):
    return reverse(
        "admin:briefs_publication_add_translation", args=[publication.pk, language]
    )


def test_a_translation_starts_from_its_originals_structure(seeded, editor):
    edition = editions.edition_add(publication=seeded, language="hu", user=editor)

    assert edition.translation_of == seeded and edition.language == "hu"
    assert edition.status == Publication.Status.DRAFT
    assert edition.slug == f"{SEED_SLUG}-hu"
    assert (edition.title, edition.summary, edition.series) == (
        seeded.title,
        seeded.summary,
        seeded.series,
    )
    for parts, fields in [
        ("sections", ("position", "heading", "body")),
        ("source_references", ("number", "anchor_text", "url")),
        ("contributions", ("author_id", "role", "position")),
        ("evidence", ("number", "meeting_id", "fact", "quote", "section")),
    ]:
        assert [
            tuple(getattr(part, field) for field in fields)
            for part in getattr(edition, parts).all()
        ] == [
            tuple(getattr(part, field) for field in fields)
            for part in getattr(seeded, parts).all()
        ], parts
    assert set(edition.actors.all()) == set(seeded.actors.all())
    # Its sections are rendered and its quotes found, as the write settled them.
    assert edition.sections.first().body_html
    assert not edition.evidence.not_found().exists()
    history = edition.history.first()
    assert history.history_user == editor
    assert history.history_change_reason == f"Added as a translation of “{SEED_SLUG}”"


def test_translating_its_text_flags_the_quotes_to_find_again(seeded, editor):
    edition = editions.edition_add(publication=seeded, language="hu", user=editor)
    section = edition.sections.get(position=1)

    section.body = "Lefordított szöveg."
    section.save()

    flagged = edition.evidence.not_found()
    assert flagged.exists()
    assert set(flagged.values_list("section", flat=True)) == {1}
    assert not seeded.evidence.not_found().exists()


def test_a_language_the_brief_has_is_refused(seeded, editor):
    make_translation(seeded, "magyar-kiadas")

    with pytest.raises(ValidationError) as refused:
        editions.edition_add(publication=seeded, language="hu", user=editor)

    assert refused.value.messages == [
        "The brief has an edition in Magyar already: “Magyar kiadas”."
    ]
    assert Publication.objects.count() == 2


def test_only_who_may_add_briefs_adds_one(seeded, reader):
    with pytest.raises(PermissionDenied):
        editions.edition_add(publication=seeded, language="hu", user=reader)
    assert Publication.objects.count() == 1


def test_the_change_page_offers_each_missing_language_and_adds_it(
    seeded, editor_client
):
    page = editor_client.get(admin_url(Publication, "change", seeded.pk))
    assert "Add a translation: Magyar" in text_of(page)
    assert "Add a translation: English" not in text_of(page)
    asked = editor_client.get(add_url(seeded, "hu"))
    assert asked.status_code == 200
    assert "starts as a draft from the original" in text_of(asked)

    done = editor_client.post(add_url(seeded, "hu"))

    edition = Publication.objects.get(translation_of=seeded)
    assert done.status_code == 302
    assert done["Location"] == admin_url(Publication, "change", edition.pk)
    original_page = text_of(
        editor_client.get(admin_url(Publication, "change", seeded.pk))
    )
    assert f"Magyar: {edition.title} (draft)" in original_page
    assert "Add a translation: Magyar" not in original_page
    translation_page = text_of(editor_client.get(done["Location"]))
    assert f"English: {seeded.title} (published)" in translation_page


def test_a_reader_is_offered_no_translation_and_may_not_add_one(seeded, reader_client):
    page = reader_client.get(admin_url(Publication, "change", seeded.pk))

    assert "Add a translation" not in text_of(page)
    assert reader_client.post(add_url(seeded, "hu")).status_code == 403
    assert not Publication.objects.filter(translation_of=seeded).exists()


def test_a_language_not_the_sites_is_not_found(seeded, editor_client):
    assert editor_client.get(add_url(seeded, "de")).status_code == 404


def test_adding_twice_says_why_and_writes_nothing(seeded, editor_client):
    editor_client.post(add_url(seeded, "hu"))

    again = editor_client.post(add_url(seeded, "hu"), follow=True)

    assert "The brief has an edition in Magyar already" in text_of(again)
    assert Publication.objects.filter(translation_of=seeded).count() == 1
    assert Evidence.objects.filter(publication__translation_of=seeded).count() == (
        seeded.evidence.count()
    )
