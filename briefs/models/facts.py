"""
What briefs discuss: meetings and who took part, sanctions, prisoner releases
and their breakdown by nationality. Each is public once a published brief
discusses it.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Sum
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from briefs.domain import dates
from briefs.domain.rules import check_breakdown, linked_to_a_translation, sees_drafts
from briefs.models.base import (
    CURATION_PERMISSIONS,
    FieldCheck,
    History,
    NaturalKeyModel,
    SluggedModel,
    SlugQuerySet,
    Translated,
    clean_partial_date,
    not_a_state,
    original,
    partial_date_checks,
    partial_date_fields,
)
from briefs.models.people import Actor
from briefs.models.publications import Publication


class DiscussedQuerySet(SlugQuerySet):
    """Meetings, sanctions and releases, which briefs discuss."""

    def visible_to(self, user):
        """The public sees what a published brief discusses; a draft's facts stay hidden."""
        if sees_drafts(user):
            return self.all()
        # The name a Publication query uses for this model: "meetings", …
        lookup = self.model.publications.field.related_query_name()
        # A fact is public when any published edition of a brief states it:
        # a translation states its original's facts.
        briefs = Publication.objects.with_facts_visible_to(user)
        return self.filter(Exists(briefs.filter(**{lookup: OuterRef("pk")})))


class DiscussedModel(SluggedModel):
    """A fact briefs discuss: public once a published brief discusses it.

    Each concrete model names the way back from a publication in
    ``Meta.default_related_name`` (``publication.meetings``, ``.sanctions``,
    ``.releases``).
    """

    publications = models.ManyToManyField(
        Publication,
        blank=True,
        help_text=_(
            "Briefs that discuss it: their original editions, whose facts "
            "their translations state."
        ),
        verbose_name=_("publications"),
    )

    objects = DiscussedQuerySet.as_manager()

    class Meta:
        abstract = True


def check_discussed_in(publications):
    """Raise unless every one of ``publications`` (rows a fact is to be
    linked to) is an original edition: a translation states its original's
    facts. Rows with their ``translation_of`` (select_related) cost no query."""
    refused = [
        linked_to_a_translation(publication.slug, publication.translation_of.slug)
        for publication in publications
        if publication.translation_of_id is not None
    ]
    if refused:
        raise ValidationError({"publications": refused}, code="translation")


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

    # Title and place in every language (title_en, title_hu, …; place_en, …).
    title = Translated(models.CharField(_("title"), max_length=300))
    date, date_precision, date_approximate = partial_date_fields(_("date"))
    place = Translated(models.CharField(_("place"), max_length=200, blank=True))
    country = models.ForeignKey(
        Actor,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="meetings_hosted_in",
        null=True,
        blank=True,
        limit_choices_to={"kind": Actor.Kind.STATE},
    )
    duration_hours = models.DecimalField(
        _("duration hours"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("How long it lasted."),
    )
    duration_approximate = models.BooleanField(_("duration approximate"), default=False)
    topics = models.TextField(
        _("topics"), blank=True, help_text=_("What was discussed, one topic per line.")
    )
    outcome = models.TextField(_("outcome"), blank=True)
    significance = models.TextField(_("significance"), blank=True)
    participants = models.ManyToManyField(
        Actor,
        through="MeetingParticipant",
        related_name="meetings",
        blank=True,
        verbose_name=_("participants"),
    )

    history = History()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        default_permissions = CURATION_PERMISSIONS
        default_related_name = "meetings"
        ordering = ["date", original("title")]
        constraints = [
            *partial_date_checks("date"),
            FieldCheck(
                condition=Q(duration_hours__isnull=True) | Q(duration_hours__gt=0),
                name="briefs_meeting_duration_positive",
                violation_error_message=_(
                    "A meeting lasts more than 0 hours: give "
                    "its length in hours, such as 6 or 1.5, or leave it empty."
                ),
                field="duration_hours",
            ),
        ]

    def get_absolute_url(self):
        return reverse("briefs:meeting_detail", kwargs={"slug": self.slug})

    def clean(self):
        clean_partial_date(self, "date")
        if self.country_id and self.country.kind != Actor.Kind.STATE:
            raise ValidationError({"country": not_a_state(self.country)})

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
        hours = Decimal(f"{self.duration_hours.normalize():f}")
        text = ngettext("{hours} hour", "{hours} hours", 1 if hours == 1 else 2).format(
            hours=number_format(hours)
        )
        if self.duration_approximate:
            return gettext("about {duration}").format(duration=text)
        return text


class MeetingParticipant(NaturalKeyModel):
    """An actor's part in a meeting: host, visitor, member of a delegation."""

    class Role(models.TextChoices):
        HOST = "host", _("Host")
        VISITOR = "visitor", _("Visitor")
        DELEGATION = "delegation", _("Delegation")
        PARTICIPANT = "participant", _("Participant")

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("meeting"),
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("actor"),
    )
    role = models.CharField(
        _("role"), max_length=11, choices=Role.choices, default=Role.PARTICIPANT
    )
    position = models.PositiveIntegerField(_("position"), default=1)

    natural_key_fields = ("meeting", "actor")

    history = History()

    class Meta:
        verbose_name = _("meeting participant")
        verbose_name_plural = _("meeting participants")
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
        PROPOSED = "proposed", _("Proposed")
        IN_FORCE = "in_force", _("In force")
        EASED = "eased", _("Eased")
        LIFTED = "lifted", _("Lifted")

    title = Translated(models.CharField(_("title"), max_length=300))
    imposed_by = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="sanctions_imposed",
        verbose_name=_("imposed by"),
    )
    target = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="sanctions_borne",
        verbose_name=_("target"),
    )
    sector = models.CharField(_("sector"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.IN_FORCE
    )
    status_note = models.TextField(
        _("status note"),
        blank=True,
        help_text=_("Where the sanction stands, in the brief's own terms."),
    )
    start_date, start_date_precision, start_date_approximate = partial_date_fields(
        _("start date")
    )
    end_date, end_date_precision, end_date_approximate = partial_date_fields(
        _("end date")
    )
    description = models.TextField(_("description"), blank=True)

    history = History()

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        default_permissions = CURATION_PERMISSIONS
        default_related_name = "sanctions"
        ordering = [original("title")]
        constraints = [
            *partial_date_checks("start_date"),
            *partial_date_checks("end_date"),
            FieldCheck(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="briefs_sanction_ends_after_start",
                violation_error_message=_(
                    "A sanction ends on or after its start: "
                    "give an end date no earlier than the start date."
                ),
                field="end_date",
            ),
            FieldCheck(
                condition=~Q(imposed_by=models.F("target")),
                name="briefs_sanction_not_self_imposed",
                violation_error_message=_(
                    "A sanction is imposed on someone else: "
                    "the target cannot be who imposes it."
                ),
                field="target",
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
                {"end_date": _("A sanction cannot end before it starts.")}
            )
        if self.imposed_by_id and self.imposed_by_id == self.target_id:
            raise ValidationError(
                {"target": _("A sanction is imposed on someone else.")}
            )

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


def counted_by_release(release_ids):
    """{release id: the sum of its stored nationality counts}."""
    return dict(
        NationalityCount.objects.filter(release_id__in=release_ids)
        .values_list("release_id")
        .annotate(counted=Sum("count"))
    )


class PrisonerRelease(DatedTitleMixin, DiscussedModel):
    """A release of prisoners: by whom, to whom, how many, of which nationality, for what."""

    title = Translated(models.CharField(_("title"), max_length=300))
    date, date_precision, date_approximate = partial_date_fields(_("date"))
    released_by = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="releases_made",
        verbose_name=_("released by"),
    )
    released_to = models.ForeignKey(
        Actor,
        verbose_name=_("released to"),
        on_delete=models.PROTECT,
        related_name="releases_received",
        null=True,
        blank=True,
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="releases",
        null=True,
        blank=True,
        help_text=_("The meeting through which it was agreed."),
    )
    total = models.PositiveIntegerField(
        _("total"), help_text=_("How many were released in all.")
    )
    description = models.TextField(_("description"), blank=True)
    sanctions_relief = models.ManyToManyField(
        Sanction,
        verbose_name=_("sanctions relief"),
        related_name="releases",
        blank=True,
        help_text=_("The sanctions whose easing it was traded for."),
    )

    history = History()

    class Meta:
        verbose_name = _("prisoner release")
        verbose_name_plural = _("prisoner releases")
        default_permissions = CURATION_PERMISSIONS
        default_related_name = "releases"
        ordering = ["date", original("title")]
        constraints = [*partial_date_checks("date")]

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
        PrisonerRelease,
        on_delete=models.CASCADE,
        related_name="nationality_counts",
        verbose_name=_("release"),
    )
    country = models.ForeignKey(
        Actor,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="nationality_counts",
        limit_choices_to={"kind": Actor.Kind.STATE},
    )
    count = models.PositiveIntegerField(_("count"))

    natural_key_fields = ("release", "country")

    history = History()

    class Meta:
        verbose_name = _("nationality count")
        verbose_name_plural = _("nationality counts")
        default_permissions = CURATION_PERMISSIONS
        ordering = ["release", "-count", f"country__{original('name')}"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "country"], name="briefs_nationality_count_unique"
            ),
            FieldCheck(
                condition=Q(count__gte=1),
                name="briefs_nationality_count_positive",
                violation_error_message=_(
                    "A count is at least 1: leave out a "
                    "nationality the brief does not count."
                ),
                field="count",
            ),
        ]

    def __str__(self):
        return f"{self.count} × {self.country}"

    def clean(self):
        if self.country_id and self.country.kind != Actor.Kind.STATE:
            raise ValidationError({"country": not_a_state(self.country)})

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
