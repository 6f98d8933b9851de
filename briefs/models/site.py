"""
Rows the site keeps about itself, not content: the page generation, the stored
articles served to readers, the record of dataset releases, the leases of
the task workers, and the files uploaded to an import awaiting its confirm. None has a natural key; none is curated, exported, bundled or
dumped as data.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from briefs.models.publications import Publication


class PageGeneration(models.Model):
    """How far the public pages have moved on: one row, whose number any change
    to the app's rows moves on once its transaction commits (briefs.reading.caching).

    The page cache keeps a generation of its own, which may be per process;
    this one is in the database, so every process reads the same number.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    value = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(id=1),
                name="briefs_pagegeneration_one_row",
                violation_error_message="The page generation is one row.",
            )
        ]

    def __str__(self):
        return f"Page generation {self.value}"


class StoredArticle(models.Model):
    """A published brief's public article as rendered in one language at one page
    generation (briefs.reading.articles): derived data, served while the
    generation is current.

    Its own table, so that no door of the data (history, bundles, exports,
    the table engine, the admin) carries it, and so that storing it never
    waits on an editor's lock of the brief's row. One a language: the page
    around the text (its words, dates and links) is the reader's language's.
    """

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="stored_articles"
    )
    language = models.CharField(
        max_length=10, help_text="The language it was rendered in (LANGUAGES)."
    )
    generation = models.BigIntegerField(
        null=True, help_text="The page generation the article was rendered at."
    )
    origin = models.CharField(
        max_length=300, blank=True, help_text="Scheme and host of its absolute links."
    )
    head_html = models.TextField(blank=True)
    article_html = models.TextField(blank=True)

    class Meta:
        ordering = ["publication", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "language"],
                name="briefs_storedarticle_one_a_language",
            )
        ]

    def __str__(self):
        return f"Stored article of {self.publication_id} in {self.language}"


class PdfEdition(models.Model):
    """A published brief's PDF edition, typeset from its rows by a job
    (briefs.editions.pdf) when the brief is published or its text changes.

    Derived data: never dumped, bundled or curated. A job that fails keeps
    the last good PDF here and says why (``failure``) on the brief's admin
    page, until a later job succeeds.
    """

    publication = models.OneToOneField(
        Publication,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="pdf_edition",
    )
    pdf = models.BinaryField(blank=True, editable=False)
    etag = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the PDF: its ETag."
    )
    fingerprint = models.CharField(
        max_length=64,
        blank=True,
        help_text="SHA-256 of what the PDF was typeset from: a job whose "
        "source is the same makes nothing new.",
    )
    pages = models.PositiveIntegerField(default=0)
    made_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True, help_text="Time to typeset.")
    failed_at = models.DateTimeField(null=True, blank=True)
    failure = models.TextField(
        blank=True, help_text="Why the last job failed; empty once one succeeds."
    )

    class Meta:
        ordering = ["publication"]

    def __str__(self):
        return f"PDF edition of {self.publication_id}"

    @property
    def is_made(self):
        return bool(self.etag)


class SeriesCounter(models.Model):
    """The last number a series gave in a year (briefs.domain.publishing):
    a brief taking a number locks this row, so two briefs published at once
    never get the same one, and a number once given is never given again,
    even when its brief is deleted."""

    series = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["series", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year"], name="briefs_seriescounter_unique_year"
            )
        ]

    def __str__(self):
        return f"{self.series} {self.year}: {self.last}"


# --- Open data --------------------------------------------------------------------

DATASET_TITLE = "HIIA Briefs: the facts of the published policy briefs"
DATASET_PUBLISHER = "Hungarian Institute of International Affairs"


class DatasetRelease(models.Model):
    """A published version of the whole corpus as a data package (``release_dataset``).

    Its version is the content hash of the package, so the same facts always
    make the same version. A record about the corpus rather than part of it:
    it has no history, no admin and no table of its own in an export.
    """

    version = models.CharField(max_length=16, unique=True)
    content_hash = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the package's tables."
    )
    released_at = models.DateTimeField()
    file_name = models.CharField(
        max_length=200, help_text="The package's zip file under DATASET_ROOT."
    )
    size = models.PositiveBigIntegerField(help_text="Bytes of the zip file.")
    counts = models.JSONField(help_text="Rows of each table.")
    changes = models.JSONField(
        default=dict,
        blank=True,
        help_text="Rows added, changed and removed in each table since the release before.",
    )
    briefs = models.JSONField(
        null=True,
        blank=True,
        help_text="The slugs of the briefs it holds, so /data/ can mark one since "
        "withdrawn; null when not known (the package's file was missing).",
    )

    class Meta:
        ordering = ["-released_at"]
        get_latest_by = "released_at"

    def __str__(self):
        return f"{DATASET_TITLE}, version {self.version}"

    def get_absolute_url(self):
        return reverse("data:dataset_download", kwargs={"version": self.version})

    @property
    def rows(self):
        return sum(self.counts.values())

    @property
    def citation(self):
        return self.citation_of(self.version)

    @staticmethod
    def citation_of(version):
        """How to cite a version: the package says it too, before it is recorded."""
        return f"{DATASET_PUBLISHER}. {DATASET_TITLE}. Dataset, version {version}."


# --- Background jobs ----------------------------------------------------------------


class WorkerLease(models.Model):
    """A task worker's word that it is alive (``manage.py db_worker``,
    briefs/worker.py), renewed every few seconds while it runs.

    django-tasks-db marks a job RUNNING with its worker's id and nothing
    more; a running job whose worker's lease has not been renewed within
    ``TASK_LEASE`` was lost with its worker, and another worker settles it.
    """

    worker_id = models.CharField(max_length=64, unique=True)
    renewed_at = models.DateTimeField()
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(help_text="The worker's process id on its host.")

    class Meta:
        ordering = ["worker_id"]

    def __str__(self):
        return f"Worker {self.worker_id} ({self.host}, pid {self.pid})"


# --- Uploads waiting for their import -----------------------------------------------

# An upload no preview, confirm or job has let go of by then was left behind.
UPLOAD_LIFETIME = datetime.timedelta(days=1)


class UploadQuerySet(models.QuerySet):
    def keep(self, data, *, name="", user=None):
        """Store an upload (and let go of those left behind a day ago)."""
        self.abandoned().delete()
        return self.create(data=data, name=name[:255], size=len(data), user=user)

    def data_of(self, upload_id, *, user=None):
        """The bytes of an upload, or None if there is no such upload (for ``user``)."""
        uploads = self
        if user is not None:
            uploads = uploads.filter(user=user)
        try:
            data = uploads.filter(pk=upload_id).values_list("data", flat=True).first()
        except (ValidationError, ValueError):
            return None  # not an upload's id at all
        return None if data is None else bytes(data)

    def release(self, upload_id):
        """Let an upload go: its import was written, refused, or failed."""
        try:
            self.filter(pk=upload_id).delete()
        except (ValidationError, ValueError):
            pass

    def abandoned(self, now=None):
        return self.filter(created_at__lt=(now or timezone.now()) - UPLOAD_LIFETIME)


class Upload(models.Model):
    """A file uploaded to an admin import, kept between its preview and its confirm.

    In the database, which every web server and task worker reaches and
    which never evicts: the confirm may reach another web server than the
    preview did, and a large file's jobs run on a worker. Deleted once its
    import is written, refused or failed, or a day after it came.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=255, blank=True, help_text="As uploaded.")
    data = models.BinaryField()
    size = models.PositiveBigIntegerField(help_text="Bytes.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="uploads",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = UploadQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        default_permissions = ()

    def __str__(self):
        return f"Upload {self.name or self.pk} ({self.size} bytes)"
