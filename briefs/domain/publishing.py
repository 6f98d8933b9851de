"""
The way of a brief to the public and back: the one service every door calls.

A brief goes draft → in review → published, now or at a set time
(``publish_at``), and may be taken down again, deleted, or restored from its
history. Whatever the door (the admin's form, actions, delete and history
pages, a table import, a bundle, a brief's text, the scheduled job), a change
of where a brief stands goes through here, which:

1. checks the publishing rule (``briefs.domain.rules``): only an editor who
   may publish makes a brief public, takes it down, schedules it, or deletes
   a published one; the command line (``user=None``) is the operator's;
2. keeps ``published_at`` in step with the status, and writes the row with
   its history and a reason ("Published", "Published as scheduled", …)
   inside one write (``briefs.domain.derived.write``), whose end settles the
   actors the public may read and moves the page generation on, in the same
   transaction;
3. gives a brief scheduled anew its job, which runs ``publish_due`` at that
   time on the worker (``manage.py db_worker``): the one way a scheduled
   brief goes public;
4. gives a brief going public for the first time its number in its series
   and year ("HIIA Perspective 2025/17"), under a lock of the series'
   counter (``SeriesCounter``), so two briefs published at once never share
   a number and a number once given is never given again; a brief keeps its
   number whatever happens to it after (edited, taken down, restored); a
   translation carries its original's number (the brief's, in every
   edition), and numbers the brief if it goes public first;
5. once the write has committed, announces it: ``brief_published`` or
   ``brief_unpublished`` (``sender`` the Publication class, with
   ``publication`` and ``user``), for whatever must follow outside the
   database. Derived data needs no announcement: it follows the rows.

Bulk doors (a table import, a bundle, a fixture) check each row with
``check()`` before they write, and hand what they wrote to ``written()``.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from briefs.domain import derived
from briefs.domain.rules import check_publishing, may_publish
from briefs.models import Publication, SeriesCounter

Status = Publication.Status

brief_published = Signal()
brief_unpublished = Signal()

# The reasons written in a brief's history: data, kept in the default language.
SUBMITTED = "Submitted for review"
PUBLISHED = "Published"
UNPUBLISHED = "Unpublished"
SCHEDULED = "Scheduled"
SCHEDULED_REASON = "Published as scheduled"

DELETE_PUBLISHED = _(
    "Only an editor who may publish takes a brief down, and deleting a "
    "published brief takes it down: unpublish it first, or ask one who may."
)


def check(user, publication, stored):
    """Raise unless ``user`` may make ``stored`` (None: a new row) into ``publication``."""
    check_publishing(user, publication, stored)


def keep_in_step(publication, stored, now=None):
    """``published_at`` says when a published brief went public (a brief that
    stays public keeps its first time; one going public now has now, unless
    the row says when), and a brief that is not public has none; a published
    brief is not scheduled."""
    if not publication.is_published:
        publication.published_at = None
        return
    if stored is not None and stored.is_published and stored.published_at:
        publication.published_at = stored.published_at
    elif not publication.published_at:
        publication.published_at = now or timezone.now()
    publication.publish_at = None


def stored_row(publication):
    """The brief as the database holds it, locked for the rest of the write."""
    if publication.pk is None:
        return None
    return Publication.objects.select_for_update().filter(pk=publication.pk).first()


def publication_save(*, publication, user, reason="", now=None):
    """Write ``publication`` as given (a form, a restored version), where it stands included."""
    with derived.write():
        stored = stored_row(publication)
        check(user, publication, stored)
        keep_in_step(publication, stored, now)
        give_number(publication, stored)
        if reason:
            publication._change_reason = reason
        if user is not None:
            publication._history_user = user  # simple-history's per-row hook
        publication.save()
        written(publication, stored, user, numbered=True)
    return publication


def publication_submit(*, publication, user):
    """A draft goes to review; True if it was a draft."""
    if publication.status != Status.DRAFT:
        return False
    publication.status = Status.IN_REVIEW
    publication_save(publication=publication, user=user, reason=SUBMITTED)
    return True


def publication_publish(*, publication, user, at=None):
    """Public now, or (``at``) scheduled for then; False if it was public already."""
    if publication.is_published:
        return False
    if at is None:
        publication.status = Status.PUBLISHED
        reason = PUBLISHED
    else:
        publication.publish_at = at
        reason = SCHEDULED
    publication_save(publication=publication, user=user, reason=reason)
    return True


def publication_unpublish(*, publication, user, status=Status.DRAFT):
    """Taken down, back to ``status``; False if it was not public."""
    if not publication.is_published:
        return False
    publication.status = status
    publication_save(publication=publication, user=user, reason=UNPUBLISHED)
    return True


def may_delete(user, publication):
    """Deleting a published brief takes it down: only an editor who may publish does."""
    return not publication.is_published or may_publish(user)


def publication_delete(*, publication, user):
    """Delete the brief with its parts and evidence (their history keeps them)."""
    with derived.write():
        stored = stored_row(publication)
        if stored is None:
            return
        if not may_delete(user, stored):
            raise ValidationError(DELETE_PUBLISHED, code="publish_permission")
        if user is not None:
            stored._history_user = user
        stored.delete()
        if stored.is_published:
            announce(brief_unpublished, stored, user)


def publish_due(now=None):
    """Publish every scheduled brief whose time has come; how many were published."""
    now = now or timezone.now()
    published = 0
    with derived.write():
        due = (
            Publication.objects.select_for_update()
            .filter(publish_at__lte=now)
            .exclude(status=Status.PUBLISHED)
        )
        for publication in due:
            publication.status = Status.PUBLISHED
            publication_save(
                publication=publication, user=None, reason=SCHEDULED_REASON, now=now
            )
            published += 1
    return published


@task()
def publish_due_job():
    """Publish the scheduled briefs whose time has come (all of them, not only
    the one this job was made for, so a stale or repeated job is harmless: a
    run its worker did not finish is run again)."""
    return publish_due()


def locked_counter(series, year):
    """The series' counter for the year, locked to the end of the write.

    Made if missing without a race: of two writes making it at once, the
    second waits for the first and then finds its row."""
    SeriesCounter.objects.bulk_create(
        [SeriesCounter(series=series, year=year)], ignore_conflicts=True
    )
    return SeriesCounter.objects.select_for_update().get(series=series, year=year)


def give_number(publication, stored):
    """Set the brief's number in its series: the one it has kept (a number,
    once given, stays with its brief), or, going public for the first time,
    the next of its series and year; True if the row's number changed."""
    given = (publication.series_year, publication.series_number)
    if publication.translation_of_id is not None:
        number_translation(publication)
    elif stored is not None and stored.series_number is not None:
        publication.series_year = stored.series_year
        publication.series_number = stored.series_number
        # The series renamed: the number was given in the old one's count.
        if publication.series != stored.series:
            raise_counter(publication)
    elif publication.series_number is not None:
        # A row that brought its number (a bundle, a fixture): it is taken.
        raise_counter(publication)
    elif publication.is_published:
        year = publication.publication_date.year
        counter = locked_counter(publication.series, year)
        counter.last += 1
        counter.save(update_fields=["last"])
        publication.series_year, publication.series_number = year, counter.last
    return given != (publication.series_year, publication.series_number)


def number_translation(publication):
    """A translation carries its brief's number, which its original holds:
    going public before the original, it numbers the brief (the original
    keeps that number when it follows)."""
    original = (
        Publication.objects.select_for_update()
        .only("series", "series_year", "series_number", "publication_date")
        .get(pk=publication.translation_of_id)
    )
    if original.series_number is None and publication.is_published:
        year = original.publication_date.year
        counter = locked_counter(original.series, year)
        counter.last += 1
        counter.save(update_fields=["last"])
        original.series_year, original.series_number = year, counter.last
        Publication.objects.filter(pk=original.pk).update(
            series_year=year, series_number=counter.last
        )
    if publication.is_published or publication.series_number is not None:
        publication.series_year = original.series_year
        publication.series_number = original.series_number


def raise_counter(publication):
    """No later brief of the series and year gets a number this one holds."""
    counter = locked_counter(publication.series, publication.series_year)
    if counter.last < publication.series_number:
        counter.last = publication.series_number
        counter.save(update_fields=["last"])


def written(publication, stored, user=None, numbered=False):
    """What follows the write of a brief's row, whichever door wrote it: a
    brief going public gets its number in the series (the rows of bulk doors
    are written already, so it is written after them), a brief scheduled
    anew gets its job, and a change of whether it is public is announced
    once the write commits. (``numbered``: the service's own save, which
    gave the number before it wrote.)"""
    if not numbered and give_number(publication, stored):
        Publication.objects.filter(pk=publication.pk).update(
            series_year=publication.series_year,
            series_number=publication.series_number,
        )
    if publication.is_scheduled and (
        stored is None or stored.publish_at != publication.publish_at
    ):
        publish_due_job.using(run_after=publication.publish_at).enqueue()
    was_public = stored is not None and stored.is_published
    if publication.is_published and not was_public:
        announce(brief_published, publication, user)
    elif was_public and not publication.is_published:
        announce(brief_unpublished, publication, user)


def announce(signal, publication, user):
    transaction.on_commit(
        lambda: signal.send_robust(Publication, publication=publication, user=user)
    )
