"""
The way of a brief to the public: draft → in review → published, now or at a set time.

Who may publish is one rule on the model (``briefs.models.check_publishing``),
which every door calls: the admin's form and actions, and the table import.
A brief scheduled in the admin gets a job at its time
(``briefs.curation.jobs.publish_scheduled``, run by ``manage.py db_worker``);
``manage.py publish_scheduled`` sweeps on a timer as well, so a brief whose
job was lost, failed or never made (a table import sets ``publish_at`` without
one) still goes public within a sweep. Publishing saves the row, which
empties the page cache: the brief's page, the index, the feed and the
sitemap follow.
"""

from django.db import transaction
from django.utils import timezone

from briefs.models import Publication

SCHEDULED_REASON = "Published as scheduled"


def mark_published(publication, now):
    """Published now, unless it already was (its first publication time stays)."""
    if publication.published_at is None or not publication.is_published:
        publication.published_at = now
    publication.status = Publication.Status.PUBLISHED
    publication.publish_at = None


def mark_unpublished(publication, status=Publication.Status.DRAFT):
    """A brief that is not public has no time it went public."""
    publication.status = status
    publication.published_at = None


def publish_due(now=None):
    """Publish every scheduled brief whose time has come; how many were published."""
    now = now or timezone.now()
    published = 0
    with transaction.atomic():
        due = (
            Publication.objects.select_for_update()
            .filter(publish_at__lte=now)
            .exclude(status=Publication.Status.PUBLISHED)
        )
        for publication in due:
            mark_published(publication, now)
            publication._change_reason = SCHEDULED_REASON
            publication.save()
            published += 1
    return published
