"""A brief's number in its series ("HIIA Perspective 2025/17"): given by the
publishing service when the brief first goes public, whatever the door, and
kept for good; unique when briefs are published at the same moment."""

import datetime
import threading

import pytest
from django.db import close_old_connections, connection

from briefs.domain import publishing
from briefs.exchange.bundles import bundle_import
from briefs.models import Publication, SeriesCounter
from tests.factories import make_publication
from tests.helpers import exported_bundle, load_table

pytestmark = pytest.mark.django_db

DRAFT = Publication.Status.DRAFT


def draft(slug, year=2025, series="A Series"):
    return make_publication(
        slug,
        status=DRAFT,
        series=series,
        publication_date=datetime.date(year, 3, 1),
    )


def published(slug, editor, **fields):
    brief = draft(slug, **fields)
    publishing.publication_publish(publication=brief, user=editor)
    brief.refresh_from_db()
    return brief


def test_a_brief_gets_the_next_number_of_its_series_and_year(editor):
    first = published("first", editor)
    second = published("second", editor)
    other_year = published("other-year", editor, year=2026)
    other_series = published("other-series", editor, series="Another Series")
    assert first.series_label == "A Series 2025/1"
    assert second.series_label == "A Series 2025/2"
    assert other_year.report_number == "2026/1"
    assert other_series.report_number == "2025/1"


def test_a_draft_has_no_number(editor):
    brief = draft("a-draft")
    publishing.publication_submit(publication=brief, user=editor)
    brief.refresh_from_db()
    assert brief.series_number is None
    assert brief.series_label == "A Series"
    assert brief.doi == ""


def test_the_number_is_kept_when_edited_unpublished_and_published_again(editor):
    brief = published("kept", editor)
    brief.title = "A new title"
    publishing.publication_save(publication=brief, user=editor)
    publishing.publication_unpublish(publication=brief, user=editor)
    brief.refresh_from_db()
    assert brief.report_number == "2025/1"
    published("next", editor)
    publishing.publication_publish(publication=brief, user=editor)
    brief.refresh_from_db()
    assert brief.report_number == "2025/1"


def test_a_number_is_never_given_again_after_its_brief_is_deleted(editor):
    gone = published("gone", editor)
    publishing.publication_unpublish(publication=gone, user=editor)
    publishing.publication_delete(publication=gone, user=editor)
    assert published("after", editor).report_number == "2025/2"


def test_restoring_a_version_from_before_publishing_keeps_the_number(editor):
    brief = draft("restored")
    publishing.publication_publish(publication=brief, user=editor)
    before = brief.history.earliest().instance  # the draft, without a number
    assert before.series_number is None
    before.status = Publication.Status.PUBLISHED
    publishing.publication_save(publication=before, user=editor)
    brief.refresh_from_db()
    assert brief.report_number == "2025/1"


def test_the_scheduled_job_numbers_what_it_publishes(editor):
    brief = draft("due")
    publishing.publication_publish(
        publication=brief,
        user=editor,
        at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC),
    )
    publishing.publish_due()
    brief.refresh_from_db()
    assert brief.report_number == "2025/1"


def test_a_brief_published_by_a_table_import_is_numbered(editor):
    draft("by-table")
    load_table(
        "publication",
        "slug,status,published_at\nby-table,published,2025-03-01T09:00:00+00:00\n",
        user=editor,
    )
    assert Publication.objects.get(slug="by-table").report_number == "2025/1"


def test_a_bundle_keeps_its_number_and_the_series_counts_on_from_it(seeded, editor):
    bundle = exported_bundle()
    number = seeded.series_number
    assert number == 1 and seeded.report_number == "2025/1"
    # Another database, where the series has not counted that far yet.
    Publication.objects.filter(translation_of=seeded).delete()
    Publication.objects.filter(pk=seeded.pk).delete()
    SeriesCounter.objects.all().delete()
    bundle_import(bundle.encode())
    brief = Publication.objects.get(slug=seeded.slug)
    assert brief.series_number == number
    # Its Hungarian edition carries the brief's number too.
    assert brief.translations.get().report_number == brief.report_number
    later = published("later", editor, series=brief.series)
    assert later.report_number == f"2025/{number + 1}"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's row locks"
)
@pytest.mark.django_db(transaction=True)
def test_briefs_published_at_the_same_moment_get_different_numbers(editor):
    slugs = [f"at-once-{n}" for n in range(4)]
    for slug in slugs:
        draft(slug)
    start = threading.Barrier(len(slugs))
    errors = []

    def publish(slug):
        try:
            brief = Publication.objects.get(slug=slug)
            start.wait(timeout=10)
            publishing.publication_publish(publication=brief, user=editor)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=publish, args=(slug,)) for slug in slugs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(
        Publication.objects.filter(slug__in=slugs).values_list(
            "series_number", flat=True
        )
    )
    assert numbers == [1, 2, 3, 4]
    assert SeriesCounter.objects.get(series="A Series", year=2025).last == 4
