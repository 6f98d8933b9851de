"""Editions of one brief: a Publication per language, linked to the original,
which holds the facts every edition states."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse

from briefs.domain import publishing
from briefs.models import Publication
from tests.factories import make_publication, make_translation


@pytest.fixture
def original(db):
    return make_publication("an-original", language="en")


def unsaved_edition(original, slug, language, translation_of):
    return Publication(
        slug=slug,
        title=slug.replace("-", " ").capitalize(),
        series=original.series,
        publisher=original.publisher,
        publication_date=original.publication_date,
        language=language,
        translation_of=translation_of,
    )


def test_a_translation_links_its_brief_both_ways(original):
    hungarian = make_translation(original, "egy-forditas")

    assert hungarian.is_translation and not original.is_translation
    assert list(original.translations.all()) == [hungarian]
    assert list(original.editions()) == [original, hungarian]
    assert list(hungarian.editions()) == [original, hungarian]
    assert hungarian.edition_in("en") == original
    assert original.edition_in("hu") == hungarian
    assert original.edition_in("de") is None
    assert hungarian.facts_edition_id == original.pk == original.facts_edition_id


def a_translation_of_a_translation(original):
    hungarian = make_translation(original, "egy-forditas")
    return unsaved_edition(original, "a-third", "en", translation_of=hungarian)


def an_original_with_translations_made_a_translation(original):
    make_translation(original, "egy-forditas")
    original.translation_of = make_publication("another-original", language="hu")
    return original


def a_translation_in_its_originals_language(original):
    return unsaved_edition(original, "same-language", "en", translation_of=original)


@pytest.mark.parametrize(
    ("edition", "field", "message"),
    [
        (
            a_translation_of_a_translation,
            "translation_of",
            "“Egy forditas” is itself a translation: an edition translates the "
            "original (“An original”).",
        ),
        (
            an_original_with_translations_made_a_translation,
            "translation_of",
            "This edition has translations of its own: it stays the original.",
        ),
        (
            a_translation_in_its_originals_language,
            "language",
            "The original “An original” is in this language already: a "
            "translation is in another.",
        ),
    ],
)
def test_editions_are_one_level_deep_in_other_languages(
    original, edition, field, message
):
    with pytest.raises(ValidationError) as refused:
        edition(original).full_clean()

    assert refused.value.message_dict[field] == [message]


def test_one_edition_a_language(original):
    make_translation(original, "egy-forditas")
    second = unsaved_edition(original, "masik-forditas", "hu", translation_of=original)

    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert "The brief has an edition in this language already" in str(refused.value)

    # The database holds it too, whatever door skipped the check.
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_an_edition_is_not_its_own_translation(original):
    original.translation_of = original

    with pytest.raises(ValidationError) as refused:
        original.full_clean()

    assert "An edition is not a translation of itself." in str(refused.value)


def test_only_a_translation_is_marked_unofficial(original):
    original.unofficial_translation = True

    with pytest.raises(ValidationError) as refused:
        original.full_clean()

    assert refused.value.message_dict["unofficial_translation"] == [
        "Only a translation is marked unofficial: name the edition it translates, "
        "or leave it unmarked."
    ]


def test_the_language_is_one_of_the_sites_languages(original):
    original.language = "de"

    with pytest.raises(ValidationError) as refused:
        original.full_clean()

    assert refused.value.message_dict["language"] == ["“de” is not one of en, hu."]


@override_settings(LANGUAGES=[("en", "English"), ("hu", "Magyar"), ("de", "Deutsch")])
def test_a_third_language_is_a_setting(original):
    original.language = "de"

    original.full_clean()
    original.save()

    assert Publication.objects.get(pk=original.pk).language == "de"


def test_the_url_in_a_language_is_that_editions(original):
    hungarian = make_translation(original, "egy-forditas")

    assert original.url_in_language("hu").endswith(
        reverse("briefs:publication_detail", kwargs={"slug": "egy-forditas"})
    )
    assert hungarian.url_in_language("en") == reverse(
        "briefs:publication_detail", kwargs={"slug": "an-original"}
    )


def test_a_draft_edition_is_no_readers_url(original):
    make_translation(original, "egy-forditas", status=Publication.Status.DRAFT)

    assert "an-original" in original.url_in_language("hu")
    assert original.other_editions() == []


def test_a_translation_carries_its_originals_number_in_the_series(original):
    draft = make_publication("draft-original", status=Publication.Status.DRAFT)
    publishing.publication_publish(publication=draft, user=None)
    hungarian = make_translation(draft, "forditas", status=Publication.Status.DRAFT)

    publishing.publication_publish(publication=hungarian, user=None)

    draft.refresh_from_db()
    hungarian.refresh_from_db()
    assert hungarian.report_number == draft.report_number != ""
    assert hungarian.doi == f"{draft.doi}.hu"


def test_a_translation_published_first_numbers_its_brief(db):
    draft = make_publication("draft-original", status=Publication.Status.DRAFT)
    hungarian = make_translation(draft, "forditas", status=Publication.Status.DRAFT)

    publishing.publication_publish(publication=hungarian, user=None)

    draft.refresh_from_db()
    hungarian.refresh_from_db()
    assert draft.series_number is not None
    assert (hungarian.series_year, hungarian.series_number) == (
        draft.series_year,
        draft.series_number,
    )
    # The original keeps it when it goes public in its turn.
    publishing.publication_publish(publication=draft, user=None)
    draft.refresh_from_db()
    assert draft.series_number == hungarian.series_number
