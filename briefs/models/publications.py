"""
A brief and its parts: sections, credits, numbered source references, and the
preview links through which reviewers read it before it is public.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from briefs.domain.rules import sees_drafts
from briefs.models.base import (
    CURATION_PERMISSIONS,
    NUMBERED_FROM_ONE,
    FieldCheck,
    NaturalKeyModel,
    SluggedModel,
    SlugQuerySet,
    TimeStampedModel,
    one_of,
    rendered_html_field,
)
from briefs.models.people import Actor, Author


class PublicationQuerySet(SlugQuerySet):
    def published(self):
        return self.filter(status=Publication.Status.PUBLISHED)

    def visible_to(self, user):
        """Editors see drafts (to preview them); everyone else, published briefs only."""
        if sees_drafts(user):
            return self.all()
        return self.published()


class PublicationStatus(models.TextChoices):
    """Where a brief stands. Outside the model so its constraints can name the values."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"


class PublicationLanguage(models.TextChoices):
    """The language a brief is written in: its PDF edition is hyphenated and labelled in it."""

    ENGLISH = "en", "English"
    HUNGARIAN = "hu", "Hungarian"


class Publication(SluggedModel):
    """A policy brief: its metadata, its abstract and, through sections, its text."""

    Status = PublicationStatus
    Language = PublicationLanguage

    series = models.CharField(
        max_length=200, help_text="For example “HIIA Perspective”."
    )
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200)
    publisher_url = models.URLField(blank=True)
    publication_date = models.DateField()
    language = models.CharField(
        max_length=2, choices=PublicationLanguage.choices, default="en"
    )
    summary = models.TextField("abstract", blank=True)
    summary_html = rendered_html_field()
    cover_photo_credit = models.CharField(max_length=200, blank=True)
    copyright_line = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=9, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # Given by the publishing service when the brief first goes public, and
    # kept for good (edited, taken down, restored): "HIIA Perspective 2025/17".
    series_year = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False
    )
    series_number = models.PositiveIntegerField(
        "number in series",
        null=True,
        blank=True,
        editable=False,
        help_text="Given when the brief is first published; never reused.",
    )
    publish_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        help_text="Scheduled: the brief goes public at this time by itself.",
    )
    authors = models.ManyToManyField(
        Author, through="Contribution", related_name="publications", blank=True
    )
    actors = models.ManyToManyField(
        Actor,
        related_name="publications",
        blank=True,
        help_text="Actors the brief mentions; their names link to their pages.",
    )

    objects = PublicationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["summary_html"])

    class Meta:
        default_permissions = CURATION_PERMISSIONS
        permissions = [("publish_publication", "Can publish and schedule briefs")]
        ordering = ["-publication_date", "title"]
        indexes = [
            # Which briefs are public, read from the index alone: the public's
            # filter on every fact (visible_to) asks it for each kind of fact.
            models.Index(fields=["status", "id"], name="briefs_publication_status_id")
        ]
        constraints = [
            FieldCheck(
                condition=Q(status__in=PublicationStatus.values),
                name="briefs_publication_status_valid",
                violation_error_message=one_of(PublicationStatus),
                field="status",
            ),
            FieldCheck(
                condition=~Q(status=PublicationStatus.PUBLISHED)
                | Q(published_at__isnull=False),
                name="briefs_publication_published_has_timestamp",
                violation_error_message="A published brief has the time it was "
                "published: give it.",
                field="published_at",
            ),
            FieldCheck(
                condition=~Q(status=PublicationStatus.PUBLISHED)
                | Q(publish_at__isnull=True),
                name="briefs_publication_published_is_not_scheduled",
                violation_error_message="A published brief is not scheduled too: "
                "leave the time to publish it empty.",
                field="publish_at",
            ),
            models.CheckConstraint(
                condition=Q(series_year__isnull=True, series_number__isnull=True)
                | Q(series_year__isnull=False, series_number__gte=1),
                name="briefs_publication_series_number_whole",
            ),
            models.CheckConstraint(
                condition=Q(language__in=PublicationLanguage.values),
                name="briefs_publication_language_valid",
            ),
            # Only numbered briefs: a draft has none (and NULLs never clash).
            models.UniqueConstraint(
                fields=["series", "series_year", "series_number"],
                condition=Q(series_number__isnull=False),
                name="briefs_publication_unique_series_number",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("briefs:publication_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            raise ValidationError(
                {"published_at": "A published brief needs the time it was published."}
            )
        if self.status == self.Status.PUBLISHED and self.publish_at is not None:
            raise ValidationError(
                {"publish_at": "A published brief is not scheduled: clear the time."}
            )

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_scheduled(self):
        return self.publish_at is not None and not self.is_published

    @property
    def report_number(self):
        """Its number in the series, "2025/17"; empty until first published."""
        if self.series_number is None:
            return ""
        return f"{self.series_year}/{self.series_number}"

    @property
    def series_label(self):
        """ "HIIA Perspective 2025/17", or the series alone before a number."""
        return f"{self.series} {self.report_number}".strip()

    @property
    def doi(self):
        """The brief's DOI, made from the prefix and its number in the series:
        ``10.5555/hiia-perspective.2025.17``; empty until it has a number."""
        if self.series_number is None or not settings.DOI_PREFIX:
            return ""
        series = slugify(self.series) or "brief"
        return f"{settings.DOI_PREFIX}/{series}.{self.series_year}.{self.series_number}"

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""


class Section(NaturalKeyModel):
    """One headed part of a brief's body; its text is Markdown."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveIntegerField()
    heading = models.CharField(max_length=300, blank=True)
    body = models.TextField(
        blank=True,
        help_text="Markdown. Paragraphs are separated by a blank line; "
        "[anchor text][N] marks source reference number N.",
    )
    body_html = rendered_html_field()

    natural_key_fields = ("publication", "position")

    history = HistoricalRecords(excluded_fields=["body_html"])

    class Meta:
        default_permissions = CURATION_PERMISSIONS
        ordering = ["publication", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "position"],
                name="briefs_section_unique_position",
            )
        ]

    def __str__(self):
        return self.heading or f"Section {self.position}"

    @property
    def paragraphs(self):
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]


class Contribution(NaturalKeyModel):
    """A person's credit on a publication, in the order the publication lists them."""

    class Role(models.TextChoices):
        AUTHOR = "author", "Author"
        EDITOR = "editor", "Editor"
        COPY_EDITOR = "copy_editor", "Copy editor"
        TRANSLATOR = "translator", "Translator"

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="contributions"
    )
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="contributions"
    )
    role = models.CharField(max_length=11, choices=Role.choices, default=Role.AUTHOR)
    position = models.PositiveIntegerField(default=1)

    natural_key_fields = ("publication", "author", "role")

    history = HistoricalRecords()

    class Meta:
        default_permissions = CURATION_PERMISSIONS
        ordering = ["publication", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "author", "role"],
                name="briefs_contribution_unique_role",
            ),
            models.UniqueConstraint(
                fields=["publication", "position"],
                name="briefs_contribution_unique_position",
            ),
        ]

    def __str__(self):
        return f"{self.author} ({self.get_role_display()})"


class SourceReference(NaturalKeyModel):
    """A link the brief cites, numbered in reading order; its URL may not be known yet."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="source_references"
    )
    number = models.PositiveIntegerField()
    anchor_text = models.CharField(max_length=300)
    url = models.URLField(
        max_length=500, blank=True, help_text="Empty until a curator finds it."
    )

    natural_key_fields = ("publication", "number")

    history = HistoricalRecords()

    class Meta:
        default_permissions = CURATION_PERMISSIONS
        ordering = ["publication", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "number"],
                name="briefs_source_reference_unique_number",
            ),
            FieldCheck(
                condition=Q(number__gte=1),
                name="briefs_source_reference_number_positive",
                violation_error_message=NUMBERED_FROM_ONE,
                field="number",
            ),
        ]

    def __str__(self):
        return f"[{self.number}] {self.anchor_text}"


PREVIEW_LIFETIME = datetime.timedelta(days=7)


def new_preview_token():
    # 256 random bits: the link is its own credential, as a password-reset link is.
    return secrets.token_urlsafe(32)


def default_preview_expiry():
    return timezone.now() + PREVIEW_LIFETIME


class PreviewLinkQuerySet(models.QuerySet):
    def usable(self, now=None):
        """Links that still open their brief: neither expired nor revoked."""
        return self.filter(revoked=False, expires_at__gt=now or timezone.now())


class PreviewLink(TimeStampedModel):
    """A secret link through which someone without an account reads a brief
    before it is public, until it expires or an editor revokes it.

    Not content: it has no natural key and stays out of fixtures, bundles and
    tables. The row is what makes a link revocable.
    """

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="preview_links"
    )
    token = models.CharField(
        max_length=64, unique=True, editable=False, default=new_preview_token
    )
    sent_to = models.CharField(
        max_length=200, blank=True, help_text="Whom the link is for, as a reminder."
    )
    expires_at = models.DateTimeField("expires", default=default_preview_expiry)
    revoked = models.BooleanField(
        default=False, help_text="The link stops working at once."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        # Editors manage links on the brief's page, under its permissions.
        default_permissions = ()
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview of “{self.publication}” for {self.sent_to or 'a reviewer'}"

    def get_absolute_url(self):
        return reverse("briefs:publication_preview", kwargs={"token": self.token})

    @property
    def is_usable(self):
        return not self.revoked and self.expires_at > timezone.now()
