"""
A brief and its parts: sections, credits, numbered source references, and the
preview links through which reviewers read it before it is public.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from briefs.domain import languages
from briefs.domain.rules import sees_drafts
from briefs.models.base import (
    CURATION_PERMISSIONS,
    NUMBERED_FROM_ONE,
    FieldCheck,
    History,
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

    # --- Editions: one brief, an edition per language, one set of facts ----

    def originals(self):
        """The editions that are no translation: one a brief, the facts' owners."""
        return self.filter(translation_of__isnull=True)

    def stating(self, **lookup):
        """The editions whose brief's facts match ``lookup`` (``meetings=m``):
        the original that is linked, and its translations, which state the
        original's facts (``Publication.facts_edition_id``)."""
        owners = self.model.objects.filter(**lookup).values("pk")
        return self.filter(Q(pk__in=owners) | Q(translation_of__in=owners))

    def of_briefs_of(self, editions):
        """Every edition of the briefs ``editions`` (a queryset) are editions of."""
        originals = editions.values("pk")
        translated = editions.filter(translation_of__isnull=False)
        return self.filter(
            Q(pk__in=originals)
            | Q(translation_of__in=originals)
            | Q(pk__in=translated.values("translation_of"))
            | Q(translation_of__in=translated.values("translation_of"))
        )

    def with_facts_visible_to(self, user):
        """The originals whose facts ``user`` may read: the public, those of a
        brief with a published edition (the original or a translation of it).

        The facts' test of visibility (``DiscussedQuerySet.visible_to``): a
        fact is public when any published edition states it. Facts are linked
        to originals only, so one set is asked for, each readable edition's
        original: two sets joined by OR had PostgreSQL, its statistics not
        yet gathered, count an actor's meetings for over five minutes.
        """
        if sees_drafts(user):
            return self.all()
        readable = self.model.objects.visible_to(user)
        return self.filter(
            pk__in=readable.values(original=Coalesce("translation_of", "pk"))
        )

    def for_reader(self, language=None, *, user=None):
        """Each brief once, in the edition a reader of ``language`` (by
        default the active language, ``languages.reading_language()``) gets: its
        edition in that language if ``user`` (None: the public) may read it,
        else its original, else (the original not readable) its first
        translation. What the lists of briefs show (the index, search, an
        author's or a fact's briefs, the timeline).

        Each row is tested against the brief's other editions by an indexed
        lookup of its translations (``translation_of``), so a list costs
        what it did, a few lookups a row of the page.
        """
        language = language or languages.reading_language()
        readable = (
            self.model.objects.visible_to(user)
            if user is not None
            else self.model.objects.published()
        )
        # Of a brief (its original's id), a readable edition in the language.
        in_language = readable.filter(language=language)
        return self.filter(
            Q(language=language)
            # An original, unless a readable translation is in the language.
            | Q(translation_of__isnull=True)
            & ~Exists(in_language.filter(translation_of=OuterRef("pk")))
            # A translation standing for its brief: its original unreadable,
            # no readable edition in the language, none translated before it.
            | Q(translation_of__isnull=False)
            & ~Exists(readable.filter(pk=OuterRef("translation_of")))
            & ~Exists(in_language.filter(translation_of=OuterRef("translation_of")))
            & ~Exists(
                readable.filter(
                    translation_of=OuterRef("translation_of"), pk__lt=OuterRef("pk")
                )
            )
        )


class PublicationStatus(models.TextChoices):
    """Where a brief stands. Outside the model so its constraints can name the values."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


# The language field's choices and default, by these names because the
# migrations name them; the rule is the domain's (briefs/domain/languages.py).
def language_choices():
    return languages.language_choices()


def default_language():
    return languages.default_language()


TRANSLATION_OF_A_TRANSLATION = _(
    "“%(original)s” is itself a translation: an edition translates the "
    "original (“%(root)s”)."
)
SAME_LANGUAGE_AS_ORIGINAL = _(
    "The original “%(original)s” is in this language already: a translation "
    "is in another."
)
ORIGINAL_WITH_TRANSLATIONS = _(
    "This edition has translations of its own: it stays the original."
)
ONE_EDITION_PER_LANGUAGE = _(
    "The brief has an edition in this language already: one edition a language."
)
UNOFFICIAL_ONLY_FOR_TRANSLATIONS = _(
    "Only a translation is marked unofficial: name the edition it translates, "
    "or leave it unmarked."
)


class Publication(SluggedModel):
    """A policy brief: its metadata, its abstract and, through sections, its text."""

    Status = PublicationStatus

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
        _("language"),
        max_length=10,
        choices=language_choices,
        default=default_language,
    )
    # One brief, an edition per language: the original holds the facts
    # (meetings, sanctions, releases), each edition its own text and evidence.
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="translations",
        null=True,
        blank=True,
        verbose_name=_("translation of"),
        help_text=_(
            "The original edition this one translates; empty on the original. "
            "A translation states its original's facts."
        ),
    )
    unofficial_translation = models.BooleanField(
        _("unofficial translation"),
        default=False,
        help_text=_(
            "A translation the institute has not made or approved: the page "
            "and the data say so."
        ),
    )
    translation_note = models.CharField(
        _("translation note"),
        max_length=300,
        blank=True,
        help_text=_("Who translated it and how far it stands, shown with it."),
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
    history = History(excluded_fields=["summary_html"])

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
            # Only numbered briefs: a draft has none (and NULLs never clash).
            # A translation carries its original's number (publishing), so
            # the originals' numbers are the ones that may not repeat.
            models.UniqueConstraint(
                fields=["series", "series_year", "series_number"],
                condition=Q(series_number__isnull=False, translation_of__isnull=True),
                name="briefs_publication_unique_series_number",
            ),
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                name="briefs_publication_one_edition_per_language",
                violation_error_message=ONE_EDITION_PER_LANGUAGE,
            ),
            FieldCheck(
                condition=~Q(translation_of=F("id")),
                name="briefs_publication_not_its_own_translation",
                violation_error_message=_("An edition is not a translation of itself."),
                field="translation_of",
            ),
            FieldCheck(
                condition=Q(unofficial_translation=False)
                | Q(translation_of__isnull=False),
                name="briefs_publication_unofficial_is_a_translation",
                violation_error_message=UNOFFICIAL_ONLY_FOR_TRANSLATIONS,
                field="unofficial_translation",
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
        self.clean_edition()

    def clean_edition(self):
        """The rules of editions that read other rows: one level deep (an
        original is no translation, and an edition with translations stays
        an original), and a translation in another language than its
        original's. One edition a language is a unique constraint."""
        # The related row as linked: perhaps one not written yet (a row of
        # the same file, which a table import links before writing it).
        original = self.translation_of
        if (
            original is None
            or original is self
            or (original.pk is not None and original.pk == self.pk)
        ):  # the constraint says it
            return
        if original.translation_of_id is not None:
            raise ValidationError(
                {
                    "translation_of": TRANSLATION_OF_A_TRANSLATION
                    % {"original": original, "root": original.translation_of}
                }
            )
        if original.language == self.language:
            raise ValidationError(
                {"language": SAME_LANGUAGE_AS_ORIGINAL % {"original": original}}
            )
        if self.pk is not None and self.translations.exists():
            raise ValidationError({"translation_of": ORIGINAL_WITH_TRANSLATIONS})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    # --- Editions ------------------------------------------------------------

    @property
    def is_translation(self):
        return self.translation_of_id is not None

    @property
    def facts_edition_id(self):
        """The id of the edition whose links are this brief's facts: the
        original's. The one rule of which edition owns the facts; every door
        that reads a brief's meetings, sanctions or releases follows it."""
        return self.translation_of_id or self.pk

    @property
    def facts_edition(self):
        """The original edition (this one, or the one it translates), whose
        ``meetings``, ``sanctions`` and ``releases`` are this brief's."""
        return self.translation_of if self.translation_of_id else self

    def editions(self):
        """Every edition of this brief, this one included, original first."""
        root = self.facts_edition_id
        return Publication.objects.filter(Q(pk=root) | Q(translation_of=root)).order_by(
            F("translation_of").asc(nulls_first=True), "language"
        )

    @property
    def edition_list(self):
        """The editions as a list, original first, from what is prefetched
        (``translations``, and ``translation_of`` with its ``translations``)
        when it is: a page that shows the links costs no query for them."""
        original = self.facts_edition
        return [original, *sorted(original.translations.all(), key=_by_language)]

    def edition_in(self, language):
        """The edition of this brief in ``language``, or None."""
        return next(
            (edition for edition in self.edition_list if edition.language == language),
            None,
        )

    def other_editions(self, user=None):
        """The brief's editions in other languages that ``user`` (None: the
        public) may read, original first."""
        return [
            edition
            for edition in self.edition_list
            if edition.pk != self.pk and edition.is_visible_to(user)
        ]

    def is_visible_to(self, user=None):
        return self.is_published or (user is not None and sees_drafts(user))

    def url_in_language(self, language, user=None):
        """The address a reader of ``language`` gets for this brief: its
        edition in that language, if there is one ``user`` (None: the public)
        may read, else this edition; under that language's prefix
        (``i18n_patterns``: none for the site's default language)."""
        known = f"edition_slug_{language}"
        if user is None and hasattr(self, known):
            # Read with the brief (selectors.published_edition_slugs): no query.
            with translation.override(language):
                return reverse(
                    "briefs:publication_detail",
                    kwargs={"slug": getattr(self, known) or self.slug},
                )
        edition = self.edition_in(language)
        if edition is None or not edition.is_visible_to(user):
            edition = self
        with translation.override(language):
            return edition.get_absolute_url()

    @property
    def language_name(self):
        """The edition's language by its own name for itself ("magyar")."""
        try:
            return translation.get_language_info(self.language)["name_local"]
        except KeyError:
            return dict(settings.LANGUAGES).get(self.language, self.language)

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
        # A translation shares its original's number; its DOI names its language.
        edition = f".{self.language}" if self.translation_of_id else ""
        return (
            f"{settings.DOI_PREFIX}/{series}.{self.series_year}.{self.series_number}"
            f"{edition}"
        )

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""


def _by_language(edition):
    return edition.language


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

    history = History(excluded_fields=["body_html"])

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

    history = History()

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

    history = History()

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
