"""
The facts of a policy brief, as relational data.

Six core models (Publication, Author, Actor, Meeting, Sanction,
PrisonerRelease) each carry a unique ``slug``, which is their natural key:
fixtures and exports refer to related rows by slug, never by numeric id.
The supporting models (sections, contributions, source references, aliases,
participants, nationality counts) have natural keys made of their parent's
slug and their own position or partner, so a whole brief loads into any
database.

Every model, parts included, keeps its history (django-simple-history): a
section's text or a nationality count is as much the brief as its title, and
an import changes parts as often as it changes records.
"""

import datetime
import operator
import secrets
from functools import reduce

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Sum
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from briefs import dates
from briefs.dates import DatePrecision

# Every model can be imported and exported by whoever holds these permissions
# (django-import-export checks "import_<model>" and "export_<model>"), besides
# Django's own four. Declared here so a new model gets them from migrate.
CURATION_PERMISSIONS = ("add", "change", "delete", "view", "import", "export")


def rendered_html_field():
    """HTML made from a row's Markdown when it is written (briefs.reading.rendering).

    Derived data: no form edits it, no fixture, bundle or export carries it
    (``serialize=False``) and its history is the Markdown's.
    """
    return models.TextField(editable=False, blank=True, serialize=False)


wikidata_id_validator = RegexValidator(
    r"^Q[1-9][0-9]*$", "A Wikidata id is a Q followed by digits, such as Q184."
)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)

    class Meta:
        abstract = True


class NaturalKeyQuerySet(models.QuerySet):
    def get_by_natural_key(self, *key):
        paths = self.model.natural_key_paths()
        if len(key) != len(paths):
            raise TypeError(
                f"A {self.model._meta.verbose_name}'s natural key has "
                f"{len(paths)} parts, not {len(key)}."
            )
        return self.get(**dict(zip(paths, key, strict=True)))


class SlugQuerySet(NaturalKeyQuerySet):
    """Rows whose natural key is their slug (see ``SluggedModel``)."""


def sees_drafts(user):
    """Editors read drafts and whatever only drafts discuss, to preview them.

    An editor is staff who may change publications; a Reader (view only) sees
    the site as the public does.
    """
    return (
        user.is_authenticated
        and user.is_staff
        and user.has_perm("briefs.change_publication")
    )


class NaturalKeyModel(TimeStampedModel):
    """A row known outside the database by its natural key, never by its id.

    ``natural_key_fields`` declares the key once: fixtures, bundles, the
    manager's ``get_by_natural_key()`` and the import-export resources'
    ``import_id_fields`` all take it from here. A foreign key in it stands for
    the related row's own natural key (a section is its publication's slug and
    its position).
    """

    natural_key_fields = ()

    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        abstract = True

    def natural_key(self):
        key = []
        for name in self.natural_key_fields:
            value = getattr(self, name)
            if isinstance(value, models.Model):
                key.extend(value.natural_key())
            else:
                key.append(value)
        return tuple(key)

    @classmethod
    def natural_key_paths(cls):
        """The lookup each part of the natural key matches: publication__slug, position."""
        paths = []
        for name in cls.natural_key_fields:
            related = cls._meta.get_field(name).related_model
            if related is None:
                paths.append(name)
            else:
                paths.extend(f"{name}__{path}" for path in related.natural_key_paths())
        return paths


class SluggedModel(NaturalKeyModel):
    """A row known everywhere outside the database by its slug."""

    slug = models.SlugField(max_length=120, unique=True)

    natural_key_fields = ("slug",)

    objects = SlugQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def url_by_slug(cls):
        """slug -> the URL of the row with that slug, as get_absolute_url gives it.

        Reversed once, not once a row: reverse() would be most of a long
        list's work. A slug is all URL-safe characters, so it goes in as it is.
        """
        marker = "slug-of-the-row"
        url = cls(slug=marker).get_absolute_url()
        return lambda slug: url.replace(marker, slug)


def partial_date_fields(verbose_name):
    """The three columns of a partial date: first day of the period, precision, "about"."""
    return (
        models.DateField(
            verbose_name,
            null=True,
            blank=True,
            help_text="The first day of the period the brief gives; see precision.",
        ),
        models.CharField(
            f"{verbose_name} precision",
            max_length=6,
            choices=DatePrecision.choices,
            blank=True,
            help_text="How much of the date the brief gives: never a day it does not state.",
        ),
        models.BooleanField(f"{verbose_name} approximate", default=False),
    )


def date_has_precision(prefix):
    """A stored date always says how precise it is."""
    return models.CheckConstraint(
        condition=Q(**{f"{prefix}__isnull": True}) | ~Q(**{f"{prefix}_precision": ""}),
        name=f"%(app_label)s_%(class)s_{prefix}_has_precision",
    )


def clean_partial_date(instance, prefix):
    date = getattr(instance, prefix)
    precision = getattr(instance, f"{prefix}_precision")
    dates.validate(date, precision, field=prefix)
    setattr(instance, prefix, dates.normalize(date, precision))


# --- People and things that act --------------------------------------------


class AuthorQuerySet(SlugQuerySet):
    def visible_to(self, user):
        """Authors credited on a brief the user may read."""
        if sees_drafts(user):
            return self.all()
        briefs = Publication.objects.visible_to(user)
        return self.filter(Exists(briefs.filter(contributions__author=OuterRef("pk"))))


class Author(SluggedModel):
    """A person credited on a publication: its author, copy editor, translator."""

    name = models.CharField(max_length=200)
    position = models.CharField(max_length=200, blank=True)
    affiliation = models.CharField(max_length=200, blank=True)
    biography = models.TextField(blank=True)

    objects = AuthorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        default_permissions = CURATION_PERMISSIONS
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("briefs:author_detail", kwargs={"slug": self.slug})


class ActorQuerySet(SlugQuerySet):
    def matching(self, text):
        """Actors whose name or any alias contains ``text``."""
        return self.filter(
            Q(name__icontains=text) | Q(aliases__name__icontains=text)
        ).distinct()

    def visible_to(self, user):
        """Actors a brief the user may read mentions, or that take part in what it discusses.

        The public site links an actor only where the actor has a page, so
        this is also the test of whether a name may be linked. For everyone
        but editors it is the stored ``is_public`` (briefs.publicity keeps it
        true to ``public_by_relations``): one indexed column.
        """
        if sees_drafts(user):
            return self.all()
        return self.filter(is_public=True)

    def public_by_relations(self, probe_each=False):
        """Actors a published brief mentions, or that take part in what it
        discusses: the rule ``Actor.is_public`` stores."""
        return self.filter(public_actor_test(probe_each))


def public_actor_test(probe_each=False):
    """The test, on an actor row, of ``ActorQuerySet.public_by_relations``.

    By default each relation gives one uncorrelated list of ids, which
    PostgreSQL hashes once: right for many actors, where EXISTS subqueries
    joined by OR would run again for every actor. ``probe_each`` tests each
    row with indexed EXISTS subqueries instead: right for a few actors.
    """
    public = AnonymousUser()
    meetings = Meeting.objects.visible_to(public)
    sanctions = Sanction.objects.visible_to(public)
    releases = PrisonerRelease.objects.visible_to(public)
    # (rows the public may read, the path from them to an actor)
    relations = [
        (Publication.objects.visible_to(public), "actors"),
        (meetings, "participants"),
        (meetings, "country"),
        (sanctions, "imposed_by"),
        (sanctions, "target"),
        (releases, "released_by"),
        (releases, "released_to"),
        (releases, "nationality_counts__country"),
    ]
    if probe_each:
        tests = [
            Q(Exists(rows.filter(**{path: OuterRef("pk")}))) for rows, path in relations
        ]
    else:
        # Without NULLs, so that "not in the list" is true rather than unknown.
        tests = [
            Q(pk__in=rows.filter(**{f"{path}__isnull": False}).values(path))
            for rows, path in relations
        ]
    return reduce(operator.or_, tests)


class ActorKind(models.TextChoices):
    """What an actor is. Outside the model so its constraints can name the values."""

    PERSON = "person", "Person"
    STATE = "state", "State"
    ORGANIZATION = "organization", "Organization"
    GROUP = "group", "Group"


class Actor(SluggedModel):
    """Anyone or anything that acts in a brief: a person, a state, an organization, a group."""

    Kind = ActorKind

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    position = models.CharField(
        max_length=300, blank=True, help_text="Title or office, as the brief gives it."
    )
    country = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="nationals",
        null=True,
        blank=True,
        limit_choices_to={"kind": Kind.STATE},
        help_text="For persons and organizations: the state they belong to.",
    )
    wikidata_id = models.CharField(
        "Wikidata id", max_length=20, blank=True, validators=[wikidata_id_validator]
    )
    description = models.TextField(blank=True)
    # Derived (briefs.publicity), never edited, imported or exported.
    is_public = models.BooleanField(
        default=False,
        editable=False,
        serialize=False,
        help_text="Whether a published brief mentions it or discusses what it "
        "takes part in.",
    )

    objects = ActorQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["is_public"])

    class Meta:
        default_permissions = CURATION_PERMISSIONS
        ordering = ["name"]
        # The public actor index, in its order.
        indexes = [
            models.Index(fields=["is_public", "name"], name="briefs_actor_public_name")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ActorKind.values),
                name="briefs_actor_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ActorKind.STATE) | Q(country__isnull=True),
                name="briefs_actor_state_has_no_country",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("briefs:actor_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.country_id is None:
            return
        if self.kind == self.Kind.STATE:
            raise ValidationError(
                {"country": "A state does not belong to another country."}
            )
        if self.country.kind != self.Kind.STATE:
            raise ValidationError({"country": f"“{self.country}” is not a state."})

    @property
    def names(self):
        """Its name and every alias: how the brief may spell it."""
        return [self.name, *(alias.name for alias in self.aliases.all())]


class ActorAlias(NaturalKeyModel):
    """Another spelling of an actor's name found in a brief ("Lukashenka", "Keitt Kellogg")."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    natural_key_fields = ("actor", "name")

    history = HistoricalRecords()

    class Meta:
        default_permissions = CURATION_PERMISSIONS
        ordering = ["actor__name", "name"]
        verbose_name_plural = "actor aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "name"], name="briefs_alias_unique_per_actor"
            )
        ]

    def __str__(self):
        return self.name


# --- Publications ------------------------------------------------------------


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


# Whoever holds it makes a brief public, takes it down, or schedules it; an
# editor without it writes drafts and submits them for review.
PUBLISH_PERMISSION = "briefs.publish_publication"


def may_publish(user):
    """``None`` is the operator at the command line (loaddata, import_brief,
    import_table without --user), who may do anything."""
    return user is None or user.has_perm(PUBLISH_PERMISSION)


def check_publishing(user, publication, stored=None):
    """The publishing rule, which every door calls: raise unless ``user`` may
    make the change from ``stored`` (the row as the database holds it, None for
    a new one) to ``publication``: publishing, unpublishing or scheduling."""
    if may_publish(user):
        return
    was_published = stored is not None and stored.is_published
    errors = {}
    if publication.is_published != was_published:
        errors["status"] = (
            "Only an editor who may publish makes a brief public or takes it "
            "down: submit it for review."
        )
    if publication.publish_at != (stored.publish_at if stored else None):
        errors["publish_at"] = "Only an editor who may publish schedules a brief."
    if errors:
        raise ValidationError(errors, code="publish_permission")


class Publication(SluggedModel):
    """A policy brief: its metadata, its abstract and, through sections, its text."""

    Status = PublicationStatus

    series = models.CharField(
        max_length=200, help_text="For example “HIIA Perspective”."
    )
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200)
    publisher_url = models.URLField(blank=True)
    publication_date = models.DateField()
    summary = models.TextField("abstract", blank=True)
    summary_html = rendered_html_field()
    cover_photo_credit = models.CharField(max_length=200, blank=True)
    copyright_line = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=9, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
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
            models.CheckConstraint(
                condition=Q(status__in=PublicationStatus.values),
                name="briefs_publication_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=PublicationStatus.PUBLISHED)
                | Q(published_at__isnull=False),
                name="briefs_publication_published_has_timestamp",
            ),
            models.CheckConstraint(
                condition=~Q(status=PublicationStatus.PUBLISHED)
                | Q(publish_at__isnull=True),
                name="briefs_publication_published_is_not_scheduled",
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
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="briefs_source_reference_number_positive",
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
                condition=Q(id=1), name="briefs_pagegeneration_one_row"
            )
        ]

    def __str__(self):
        return f"Page generation {self.value}"


class StoredArticle(models.Model):
    """A published brief's public article as rendered at one page generation
    (briefs.reading.articles): derived data, served while the generation is current.

    Its own table, so that no door of the data (history, bundles, exports,
    the table engine, the admin) carries it, and so that storing it never
    waits on an editor's lock of the brief's row.
    """

    publication = models.OneToOneField(
        Publication,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stored_article",
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
        ordering = ["publication"]

    def __str__(self):
        return f"Stored article of {self.publication_id}"


# --- Events and measures ------------------------------------------------------


class DiscussedQuerySet(SlugQuerySet):
    """Meetings, sanctions and releases, which briefs discuss."""

    def visible_to(self, user):
        """The public sees what a published brief discusses; a draft's facts stay hidden."""
        if sees_drafts(user):
            return self.all()
        # The name a Publication query uses for this model: "meetings", …
        lookup = self.model.publications.field.related_query_name()
        briefs = Publication.objects.visible_to(user)
        return self.filter(Exists(briefs.filter(**{lookup: OuterRef("pk")})))


class DiscussedModel(SluggedModel):
    """A fact briefs discuss: public once a published brief discusses it.

    Each concrete model names the way back from a publication in
    ``Meta.default_related_name`` (``publication.meetings``, ``.sanctions``,
    ``.releases``).
    """

    publications = models.ManyToManyField(
        Publication, blank=True, help_text="Briefs that discuss it."
    )

    objects = DiscussedQuerySet.as_manager()

    class Meta:
        abstract = True


class DatedTitleMixin:
    """A fact told apart by its date wherever it is named: a minister may
    visit Minsk twice under one title (“… (February 2023)”, “… (29 May 2024)”)."""

    @property
    def dated_title(self):
        return f"{self.title} ({self.when})" if self.when else self.title

    def __str__(self):
        return self.dated_title


class Meeting(DatedTitleMixin, DiscussedModel):
    """A meeting or visit: when, where, who, how long, what was discussed, what came of it."""

    title = models.CharField(max_length=300)
    date, date_precision, date_approximate = partial_date_fields("date")
    place = models.CharField(max_length=200, blank=True)
    country = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="meetings_hosted_in",
        null=True,
        blank=True,
        limit_choices_to={"kind": Actor.Kind.STATE},
    )
    duration_hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="How long it lasted.",
    )
    duration_approximate = models.BooleanField(default=False)
    topics = models.TextField(
        blank=True, help_text="What was discussed, one topic per line."
    )
    outcome = models.TextField(blank=True)
    significance = models.TextField(blank=True)
    participants = models.ManyToManyField(
        Actor, through="MeetingParticipant", related_name="meetings", blank=True
    )

    history = HistoricalRecords()

    class Meta:
        default_permissions = CURATION_PERMISSIONS
        default_related_name = "meetings"
        ordering = ["date", "title"]
        constraints = [
            date_has_precision("date"),
            models.CheckConstraint(
                condition=Q(duration_hours__isnull=True) | Q(duration_hours__gt=0),
                name="briefs_meeting_duration_positive",
            ),
        ]

    def get_absolute_url(self):
        return reverse("briefs:meeting_detail", kwargs={"slug": self.slug})

    def clean(self):
        clean_partial_date(self, "date")
        if self.country_id and self.country.kind != Actor.Kind.STATE:
            raise ValidationError({"country": f"“{self.country}” is not a state."})

    @property
    def when(self):
        return dates.PartialDate(self.date, self.date_precision, self.date_approximate)

    @property
    def topic_list(self):
        return [line.strip() for line in self.topics.splitlines() if line.strip()]

    @property
    def duration_display(self):
        if self.duration_hours is None:
            return ""
        hours = self.duration_hours.normalize()
        unit = "hour" if hours == 1 else "hours"
        return f"{'about ' if self.duration_approximate else ''}{hours:f} {unit}"


class MeetingParticipant(NaturalKeyModel):
    """An actor's part in a meeting: host, visitor, member of a delegation."""

    class Role(models.TextChoices):
        HOST = "host", "Host"
        VISITOR = "visitor", "Visitor"
        DELEGATION = "delegation", "Delegation"
        PARTICIPANT = "participant", "Participant"

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="participations"
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(
        max_length=11, choices=Role.choices, default=Role.PARTICIPANT
    )
    position = models.PositiveIntegerField(default=1)

    natural_key_fields = ("meeting", "actor")

    history = HistoricalRecords()

    class Meta:
        default_permissions = CURATION_PERMISSIONS
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "actor"],
                name="briefs_participant_unique_per_meeting",
            )
        ]

    def __str__(self):
        return f"{self.actor} ({self.get_role_display()})"


class Sanction(DiscussedModel):
    """A sanctions regime: who imposes it, on whom, on which sector, and where it stands."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        IN_FORCE = "in_force", "In force"
        EASED = "eased", "Eased"
        LIFTED = "lifted", "Lifted"

    title = models.CharField(max_length=300)
    imposed_by = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="sanctions_imposed"
    )
    target = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="sanctions_borne"
    )
    sector = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.IN_FORCE
    )
    status_note = models.TextField(
        blank=True, help_text="Where the sanction stands, in the brief's own terms."
    )
    start_date, start_date_precision, start_date_approximate = partial_date_fields(
        "start date"
    )
    end_date, end_date_precision, end_date_approximate = partial_date_fields("end date")
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        default_permissions = CURATION_PERMISSIONS
        default_related_name = "sanctions"
        ordering = ["title"]
        constraints = [
            date_has_precision("start_date"),
            date_has_precision("end_date"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="briefs_sanction_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(imposed_by=models.F("target")),
                name="briefs_sanction_not_self_imposed",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("briefs:sanction_detail", kwargs={"slug": self.slug})

    def clean(self):
        clean_partial_date(self, "start_date")
        clean_partial_date(self, "end_date")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": "A sanction cannot end before it starts."}
            )
        if self.imposed_by_id and self.imposed_by_id == self.target_id:
            raise ValidationError({"target": "A sanction is imposed on someone else."})

    @property
    def started(self):
        return dates.PartialDate(
            self.start_date, self.start_date_precision, self.start_date_approximate
        )

    @property
    def ended(self):
        return dates.PartialDate(
            self.end_date, self.end_date_precision, self.end_date_approximate
        )


# The code of the error, whichever door checks the breakdown: a release's
# form, a count's form, the inline form set, an import.
BREAKDOWN_EXCEEDS_TOTAL = "breakdown_exceeds_total"


def breakdown_exceeds_total(counted, total):
    return f"The nationality breakdown ({counted}) may not exceed the total released ({total})."


def check_breakdown(counted, total):
    """The nationality-breakdown rule, which every door calls: raise if ``counted`` > ``total``.

    Each door passes the breakdown as it will be saved: a count's form its
    count over the stored others, the inline form set its forms, an import
    the whole file over the stored rows (7 + 7 becoming 10 + 2 is 12, not 17).
    """
    if total is not None and counted > total:
        raise ValidationError(
            breakdown_exceeds_total(counted, total), code=BREAKDOWN_EXCEEDS_TOTAL
        )


def counted_by_release(release_ids):
    """{release id: the sum of its stored nationality counts}."""
    return dict(
        NationalityCount.objects.filter(release_id__in=release_ids)
        .values_list("release_id")
        .annotate(counted=Sum("count"))
    )


class PrisonerRelease(DatedTitleMixin, DiscussedModel):
    """A release of prisoners: by whom, to whom, how many, of which nationality, for what."""

    title = models.CharField(max_length=300)
    date, date_precision, date_approximate = partial_date_fields("date")
    released_by = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="releases_made"
    )
    released_to = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="releases_received",
        null=True,
        blank=True,
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="releases",
        null=True,
        blank=True,
        help_text="The meeting through which it was agreed.",
    )
    total = models.PositiveIntegerField(help_text="How many were released in all.")
    description = models.TextField(blank=True)
    sanctions_relief = models.ManyToManyField(
        Sanction,
        related_name="releases",
        blank=True,
        help_text="The sanctions whose easing it was traded for.",
    )

    history = HistoricalRecords()

    class Meta:
        default_permissions = CURATION_PERMISSIONS
        default_related_name = "releases"
        ordering = ["date", "title"]
        constraints = [date_has_precision("date")]

    def get_absolute_url(self):
        return reverse("briefs:release_detail", kwargs={"slug": self.slug})

    def clean(self):
        self.clean_row()
        if self.pk:
            counted = counted_by_release([self.pk]).get(self.pk, 0)
            try:
                check_breakdown(counted, self.total)
            except ValidationError as error:
                raise ValidationError({"total": error}) from None

    def clean_row(self):
        """The rules a release keeps on its own. A table import checks the
        breakdown against the whole file instead of the stored counts."""
        clean_partial_date(self, "date")

    @property
    def when(self):
        return dates.PartialDate(self.date, self.date_precision, self.date_approximate)

    @property
    def unaccounted(self):
        """How many the brief does not break down by nationality."""
        return self.total - sum(count.count for count in self.nationality_counts.all())


class NationalityCount(NaturalKeyModel):
    """How many of a release's prisoners held one nationality."""

    release = models.ForeignKey(
        PrisonerRelease, on_delete=models.CASCADE, related_name="nationality_counts"
    )
    country = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="nationality_counts",
        limit_choices_to={"kind": Actor.Kind.STATE},
    )
    count = models.PositiveIntegerField()

    natural_key_fields = ("release", "country")

    history = HistoricalRecords()

    class Meta:
        default_permissions = CURATION_PERMISSIONS
        ordering = ["release", "-count", "country__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "country"], name="briefs_nationality_count_unique"
            ),
            models.CheckConstraint(
                condition=Q(count__gte=1), name="briefs_nationality_count_positive"
            ),
        ]

    def __str__(self):
        return f"{self.count} × {self.country}"

    def clean(self):
        if self.country_id and self.country.kind != Actor.Kind.STATE:
            raise ValidationError({"country": f"“{self.country}” is not a state."})

    def validate_constraints(self, exclude=None):
        # The breakdown is a rule across rows, like a unique constraint, so it
        # is checked with the constraints and set aside by the same exclusions:
        # an inline form excludes its release, and its form set checks the
        # breakdown it will save (7 + 7 becoming 10 + 2 is not 17).
        errors = {}
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not {"release", "count"} & set(exclude or ()):
            try:
                self.validate_breakdown()
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def validate_breakdown(self):
        """This count and its siblings' stored counts may not exceed the release's total."""
        if self.release_id is None or self.count is None:
            return
        others = (
            NationalityCount.objects.filter(release_id=self.release_id)
            .exclude(pk=self.pk)
            .aggregate(counted=Sum("count"))["counted"]
            or 0
        )
        try:
            check_breakdown(others + self.count, self.release.total)
        except ValidationError as error:
            raise ValidationError({"count": error}) from None


# --- Proposals from a brief's text ------------------------------------------------


class ProposalKind(models.TextChoices):
    """What a proposal suggests. Outside the model so its constraints can name the values."""

    ACTOR = "actor", "Actor mentioned"
    EVENT = "event", "Date mentioned"


class ProposalStatus(models.TextChoices):
    """Where a curator left a proposal."""

    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


class IngestProposal(TimeStampedModel):
    """A fact the text of a draft suggests (an actor it names, a date it gives), for a curator to confirm.

    Not content: a proposal is never shown to readers, exported or bundled;
    accepting one links the actor or opens a meeting form, dismissing it
    keeps it from being proposed again.
    """

    Kind = ProposalKind
    Status = ProposalStatus

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="proposals"
    )
    position = models.PositiveIntegerField(help_text="Order of first mention.")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    status = models.CharField(
        max_length=9, choices=Status.choices, default=Status.PROPOSED
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        related_name="proposals",
        null=True,
        blank=True,
    )
    mention = models.CharField(
        max_length=300, help_text="The words of the text: “Kellogg's”, “May 29, 2024”."
    )
    sentences = models.TextField(help_text="The sentences that say it, one a line.")
    date, date_precision, date_approximate = partial_date_fields("date")

    class Meta:
        # Curators act on proposals through their publication's permissions.
        default_permissions = ()
        ordering = ["publication", "kind", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ProposalKind.values),
                name="briefs_proposal_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProposalStatus.values),
                name="briefs_proposal_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind=ProposalKind.ACTOR, actor__isnull=False)
                | Q(kind=ProposalKind.EVENT, date__isnull=False),
                name="briefs_proposal_has_its_fact",
            ),
            date_has_precision("date"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.mention}"

    def clean(self):
        clean_partial_date(self, "date")

    @property
    def when(self):
        return dates.PartialDate(self.date, self.date_precision, self.date_approximate)

    @property
    def sentence_list(self):
        return [line for line in self.sentences.splitlines() if line.strip()]


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

    class Meta:
        ordering = ["-released_at"]
        get_latest_by = "released_at"

    def __str__(self):
        return f"{DATASET_TITLE}, version {self.version}"

    def get_absolute_url(self):
        return reverse("briefs:dataset_download", kwargs={"version": self.version})

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


# --- Evidence -------------------------------------------------------------------


class EvidenceRank(models.TextChoices):
    """How a value stands against others for the same fact, as Wikidata ranks statements."""

    PREFERRED = "preferred", "Preferred"
    NORMAL = "normal", "Normal"
    DEPRECATED = "deprecated", "Deprecated"


# Best first: the order a fact's values are shown in.
RANK_ORDER = {rank: order for order, rank in enumerate(EvidenceRank.values)}


class Fact(models.TextChoices):
    """Which fact of a meeting, sanction or release a piece of evidence states."""

    DATE = "date", "Date"
    PLACE = "place", "Place"
    DURATION = "duration", "Duration"
    PARTICIPANT = "participant", "Participant"
    STATUS = "status", "Status"
    SECTOR = "sector", "Sector"
    TOTAL = "total", "Total released"
    NATIONALITY = "nationality", "Nationality count"


# The facts each kind of record has; a participant and a nationality count
# name their actor (the participant, the country).
FACTS_OF = {
    "meeting": [Fact.DATE, Fact.PLACE, Fact.DURATION, Fact.PARTICIPANT],
    "sanction": [Fact.STATUS, Fact.SECTOR],
    "release": [Fact.DATE, Fact.TOTAL, Fact.NATIONALITY],
}
FACTS_ABOUT_AN_ACTOR = [Fact.PARTICIPANT, Fact.NATIONALITY]
SUBJECTS = list(FACTS_OF)


def one_subject_only():
    """Exactly one of meeting, sanction and release is set."""
    return reduce(
        operator.or_,
        (
            Q(**{f"{subject}__isnull": False})
            & Q(**{f"{other}__isnull": True for other in SUBJECTS if other != subject})
            for subject in SUBJECTS
        ),
    )


ONE_SUBJECT = "Evidence states a fact of exactly one meeting, sanction or release."


def facts_of(record):
    """(fact, actor) for each fact a meeting, sanction or release holds a value for.

    What a brief page marks and what "facts without evidence" lists: an
    empty field is no fact to back.
    """
    if isinstance(record, Meeting):
        stated = [
            (Fact.DATE, record.date),
            (Fact.PLACE, record.place or record.country_id),
            (Fact.DURATION, record.duration_hours),
        ]
        actors = [p.actor for p in record.participations.all()]
        return [(fact, None) for fact, value in stated if value] + [
            (Fact.PARTICIPANT, actor) for actor in actors
        ]
    if isinstance(record, Sanction):
        stated = [(Fact.STATUS, record.status), (Fact.SECTOR, record.sector)]
        return [(fact, None) for fact, value in stated if value]
    stated = [(Fact.DATE, record.date), (Fact.TOTAL, record.total)]
    countries = [count.country for count in record.nationality_counts.all()]
    return [(fact, None) for fact, value in stated if value is not None] + [
        (Fact.NATIONALITY, country) for country in countries
    ]


def subject_field(model):
    return models.ForeignKey(
        model, on_delete=models.CASCADE, related_name="evidence", null=True, blank=True
    )


class EvidenceQuerySet(NaturalKeyQuerySet):
    def ranked(self):
        """Best first (preferred, normal, deprecated), then in the brief's order."""
        order = models.Case(
            *(models.When(rank=rank, then=value) for rank, value in RANK_ORDER.items())
        )
        return self.alias(rank_order=order).order_by(
            "rank_order", "publication", "number"
        )

    def not_found(self):
        """Evidence whose quote a later edit of its text has broken."""
        return self.filter(quote_found=False)

    def visible_to(self, user):
        """Evidence from the briefs the user may read."""
        return self.filter(publication__in=Publication.objects.visible_to(user))


class Evidence(NaturalKeyModel):
    """A value of one fact as a brief states it: the words quoted, where, the
    source notes behind them, and its rank against other values of the fact."""

    Rank = EvidenceRank
    Fact = Fact

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="evidence"
    )
    number = models.PositiveIntegerField(
        help_text="Numbers the brief's evidence; the page's anchor is evidence-N."
    )
    # The record whose fact it states: exactly one of the three.
    meeting = subject_field(Meeting)
    sanction = subject_field(Sanction)
    release = subject_field(PrisonerRelease)
    fact = models.CharField(max_length=11, choices=Fact.choices)
    actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="evidence",
        null=True,
        blank=True,
        help_text="For a participant, the participant; for a nationality count, the country.",
    )
    value = models.CharField(
        max_length=200,
        help_text="The value as this text gives it: “14”, “dozens”, “about six hours”.",
    )
    rank = models.CharField(max_length=10, choices=Rank.choices, default=Rank.NORMAL)
    # Within its brief a section and a source note are known by their numbers,
    # as the Markdown's [anchor][N] names a note: so a file names them too.
    section = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The position of the section that states it; empty for the abstract.",
    )
    quote = models.TextField(
        help_text="The exact words of the text, as a reader reads them (without note numbers)."
    )
    sources = models.CharField(
        max_length=100,
        blank=True,
        validators=[
            RegexValidator(
                r"^\s*[1-9][0-9]*(\s*,\s*[1-9][0-9]*)*\s*$",
                "The numbers of the brief's source notes, separated by commas: 16, 17.",
            )
        ],
        help_text="The numbers of the source notes that back it, separated by commas.",
    )
    note = models.TextField(blank=True)
    quote_found = models.BooleanField(
        default=True,
        editable=False,
        help_text="False once a later edit of the text no longer has the quote.",
    )

    natural_key_fields = ("publication", "number")

    objects = EvidenceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        default_permissions = CURATION_PERMISSIONS
        ordering = ["publication", "number"]
        verbose_name_plural = "evidence"
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "number"], name="briefs_evidence_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="briefs_evidence_number_positive"
            ),
            models.CheckConstraint(
                condition=Q(rank__in=EvidenceRank.values),
                name="briefs_evidence_rank_valid",
            ),
            models.CheckConstraint(
                condition=one_subject_only(),
                name="briefs_evidence_one_subject",
                violation_error_message=ONE_SUBJECT,
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{subject}__isnull": True})
                    | Q(fact__in=[fact.value for fact in facts]),
                    name=f"briefs_evidence_{subject}_fact",
                )
                for subject, facts in FACTS_OF.items()
            ),
            models.CheckConstraint(
                condition=(
                    Q(fact__in=[fact.value for fact in FACTS_ABOUT_AN_ACTOR])
                    & Q(actor__isnull=False)
                )
                | (
                    ~Q(fact__in=[fact.value for fact in FACTS_ABOUT_AN_ACTOR])
                    & Q(actor__isnull=True)
                ),
                name="briefs_evidence_actor_for_actor_facts",
            ),
        ]

    def __str__(self):
        return f"{self.get_fact_display()} of {self.subject}: {self.value}"

    def get_absolute_url(self):
        return f"{self.publication.get_absolute_url()}#{self.anchor}"

    def natural_key(self):
        return super().natural_key()

    # A bundle loads the texts and notes an evidence row is checked against first.
    natural_key.dependencies = ["briefs.section", "briefs.sourcereference"]

    def clean(self):
        """The fact it states, its source notes and its quote, checked against the brief."""
        self.clean_row()
        self.clean_against_stored()

    def clean_row(self):
        """The rules it keeps on its own, without a query (a table import checks
        these while it writes, when the connection is busy with the rows)."""
        subjects = [name for name in SUBJECTS if getattr(self, f"{name}_id")]
        if len(subjects) > 1:
            raise ValidationError(ONE_SUBJECT)
        # None yet: an inline form sets its record when it saves (the
        # constraint refuses a row that has none).
        if not subjects:
            return
        subject = subjects[0]
        if self.fact and self.fact not in FACTS_OF[subject]:
            allowed = ", ".join(str(fact.label).lower() for fact in FACTS_OF[subject])
            raise ValidationError({"fact": f"A {subject}'s facts are: {allowed}."})
        if (self.fact in FACTS_ABOUT_AN_ACTOR) != (self.actor_id is not None):
            raise ValidationError(
                {
                    "actor": "A participant or a nationality count names its actor; "
                    "no other fact does."
                }
            )

    def clean_against_stored(self):
        """The rules that read other rows: its actor, source notes and quote.

        A table import checks them before it writes (see ``clean_row``).
        """
        errors = {}
        checks = [self.check_actor]
        if self.publication_id is not None:
            checks += [self.check_sources, self.check_quote]
        for check in checks:
            try:
                check()
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def check_actor(self):
        if self.actor_id is None:
            return
        if (
            self.fact == Fact.PARTICIPANT
            and self.meeting_id
            and not self.meeting.participations.filter(actor_id=self.actor_id).exists()
        ):
            raise ValidationError(
                {"actor": f"“{self.actor}” is not a participant of this meeting."}
            )
        if (
            self.fact == Fact.NATIONALITY
            and self.release_id
            and not self.release.nationality_counts.filter(
                country_id=self.actor_id
            ).exists()
        ):
            raise ValidationError(
                {"actor": f"This release has no count of “{self.actor}”."}
            )

    def check_sources(self):
        numbers = self.source_numbers
        if not numbers:
            return
        known = set(
            SourceReference.objects.filter(
                publication_id=self.publication_id, number__in=numbers
            ).values_list("number", flat=True)
        )
        missing = [str(number) for number in numbers if number not in known]
        if missing:
            raise ValidationError(
                {"sources": f"The brief has no source note {', '.join(missing)}."}
            )

    def check_quote(self):
        from briefs.reading.quotes import is_quoted

        text = self.text
        if text is None:
            raise ValidationError(
                {"section": f"The brief has no section {self.section}."}
            )
        if not is_quoted(self.quote, text):
            raise ValidationError(
                {
                    "quote": f"These words are not found in {self.text_name}: "
                    "a quote is the text's own words, word for word."
                }
            )
        self.quote_found = True

    @property
    def subject(self):
        return self.meeting or self.sanction or self.release

    @property
    def text(self):
        """The Markdown the quote comes from, or None if the section does not exist."""
        if self.section is None:
            return self.publication.summary
        section = Section.objects.filter(
            publication_id=self.publication_id, position=self.section
        ).first()
        return None if section is None else section.body

    @property
    def text_name(self):
        return "the abstract" if self.section is None else f"section {self.section}"

    @property
    def said_in(self):
        """Where a reader finds it: "the abstract says 14; the body says dozens"."""
        return "the abstract" if self.section is None else "the body"

    @property
    def source_numbers(self):
        return [int(part) for part in self.sources.split(",") if part.strip()]

    @property
    def anchor(self):
        """The id of its marked words on the brief's page."""
        return f"evidence-{self.number}"

    @property
    def fact_key(self):
        """(subject kind, subject id, fact, actor id): which fact it states."""
        kind = next(name for name in SUBJECTS if getattr(self, f"{name}_id"))
        return (kind, getattr(self, f"{kind}_id"), self.fact, self.actor_id)


def recheck_quotes(publication_ids):
    """Flag the evidence whose quote its text no longer has, and unflag what is found again.

    Called whenever a section or an abstract may have changed: evidence is
    never dropped for a broken quote, only flagged for a curator.
    """
    from briefs.reading.quotes import normalize, quoted_in, text_of

    publications = Publication.objects.filter(pk__in=publication_ids).prefetch_related(
        "sections", "evidence"
    )
    changed = []
    for publication in publications:
        if not publication.evidence.all():
            continue
        texts = {None: publication.summary}
        texts.update((s.position, s.body) for s in publication.sections.all())
        words = {key: normalize(text_of(text)) for key, text in texts.items()}
        for evidence in publication.evidence.all():
            text = words.get(evidence.section)
            found = text is not None and quoted_in(evidence.quote, text)
            if found != evidence.quote_found:
                evidence.quote_found = found
                changed.append(evidence)
    Evidence.objects.bulk_update(changed, ["quote_found"])
    return len(changed)


def text_changed(sender, instance, raw=False, **kwargs):
    """A section or an abstract was saved or deleted: recheck its brief's quotes."""
    if raw:
        return  # A fixture states its rows' flags itself.
    publication_id = instance.pk if sender is Publication else instance.publication_id
    recheck_quotes([publication_id])
