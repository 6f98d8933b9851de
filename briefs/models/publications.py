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
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
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

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


class PublicationLanguage(models.TextChoices):
    """The language a brief is written in: its PDF edition is hyphenated and labelled in it."""

    ENGLISH = "en", _("English")
    HUNGARIAN = "hu", _("Hungarian")


class Publication(SluggedModel):
    """A policy brief: its metadata, its abstract and, through sections, its text."""

    Status = PublicationStatus
    Language = PublicationLanguage

    series = models.CharField(
        _("series"), max_length=200, help_text=_("For example “HIIA Perspective”.")
    )
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200)
    publisher_url = models.URLField(_("publisher url"), blank=True)
    publication_date = models.DateField(
        _("publication date"),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=PublicationLanguage.choices, default="en"
    )
    summary = models.TextField(_("abstract"), blank=True)
    summary_html = rendered_html_field()
    cover_photo_credit = models.CharField(
        _("cover photo credit"), max_length=200, blank=True
    )
    copyright_line = models.CharField(_("copyright line"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=9, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Given by the publishing service when the brief first goes public, and
    # kept for good (edited, taken down, restored): "HIIA Perspective 2025/17".
    series_year = models.PositiveSmallIntegerField(
        _("series year"), null=True, blank=True, editable=False
    )
    series_number = models.PositiveIntegerField(
        _("number in series"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Given when the brief is first published; never reused."),
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Scheduled: the brief goes public at this time by itself."),
    )
    authors = models.ManyToManyField(
        Author,
        through="Contribution",
        related_name="publications",
        blank=True,
        verbose_name=_("authors"),
    )
    actors = models.ManyToManyField(
        Actor,
        verbose_name=_("actors"),
        related_name="publications",
        blank=True,
        help_text=_("Actors the brief mentions; their names link to their pages."),
    )

    objects = PublicationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["summary_html"])

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
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
                violation_error_message=_(
                    "A published brief has the time it was published: give it."
                ),
                field="published_at",
            ),
            FieldCheck(
                condition=~Q(status=PublicationStatus.PUBLISHED)
                | Q(publish_at__isnull=True),
                name="briefs_publication_published_is_not_scheduled",
                violation_error_message=_(
                    "A published brief is not scheduled too: "
                    "leave the time to publish it empty."
                ),
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
                {
                    "published_at": _(
                        "A published brief needs the time it was published."
                    )
                }
            )
        if self.status == self.Status.PUBLISHED and self.publish_at is not None:
            raise ValidationError(
                {"publish_at": _("A published brief is not scheduled: clear the time.")}
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
        Publication,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("publication"),
    )
    position = models.PositiveIntegerField(
        _("position"),
    )
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Markdown. Paragraphs are separated by a blank line; "
            "[anchor text][N] marks source reference number N."
        ),
    )
    body_html = rendered_html_field()

    natural_key_fields = ("publication", "position")

    history = HistoricalRecords(excluded_fields=["body_html"])

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        default_permissions = CURATION_PERMISSIONS
        ordering = ["publication", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "position"],
                name="briefs_section_unique_position",
            )
        ]

    def __str__(self):
        return self.heading or gettext("Section {number}").format(number=self.position)

    @property
    def paragraphs(self):
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]


class Contribution(NaturalKeyModel):
    """A person's credit on a publication, in the order the publication lists them."""

    class Role(models.TextChoices):
        AUTHOR = "author", _("Author")
        EDITOR = "editor", _("Editor")
        COPY_EDITOR = "copy_editor", _("Copy editor")
        TRANSLATOR = "translator", _("Translator")

    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("publication"),
    )
    author = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("author"),
    )
    role = models.CharField(
        _("role"), max_length=11, choices=Role.choices, default=Role.AUTHOR
    )
    position = models.PositiveIntegerField(_("position"), default=1)

    natural_key_fields = ("publication", "author", "role")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
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
        Publication,
        on_delete=models.CASCADE,
        related_name="source_references",
        verbose_name=_("publication"),
    )
    number = models.PositiveIntegerField(
        _("number"),
    )
    anchor_text = models.CharField(_("anchor text"), max_length=300)
    url = models.URLField(
        _("url"),
        max_length=500,
        blank=True,
        help_text=_("Empty until a curator finds it."),
    )

    natural_key_fields = ("publication", "number")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("source reference")
        verbose_name_plural = _("source references")
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
        Publication,
        on_delete=models.CASCADE,
        related_name="preview_links",
        verbose_name=_("publication"),
    )
    token = models.CharField(
        _("token"),
        max_length=64,
        unique=True,
        editable=False,
        default=new_preview_token,
    )
    sent_to = models.CharField(
        _("sent to"),
        max_length=200,
        blank=True,
        help_text=_("Whom the link is for, as a reminder."),
    )
    expires_at = models.DateTimeField(_("expires"), default=default_preview_expiry)
    revoked = models.BooleanField(
        _("revoked"), default=False, help_text=_("The link stops working at once.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        # Editors manage links on the brief's page, under its permissions.
        default_permissions = ()
        ordering = ["-created_at"]

    def __str__(self):
        if self.sent_to:
            return gettext("Preview of “{brief}” for {reader}").format(
                brief=self.publication, reader=self.sent_to
            )
        return gettext("Preview of “{brief}” for a reviewer").format(
            brief=self.publication
        )

    def get_absolute_url(self):
        return reverse("briefs:publication_preview", kwargs={"token": self.token})

    @property
    def is_usable(self):
        return not self.revoked and self.expires_at > timezone.now()
