"""
Evidence: a value of one fact of a meeting, sanction or release as a brief
states it, in the brief's own words, with the source notes behind it.
"""

import operator
from functools import reduce

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from briefs.domain.quotes import is_quoted
from briefs.models.base import (
    CURATION_PERMISSIONS,
    NUMBERED_FROM_ONE,
    FieldCheck,
    History,
    NaturalKeyModel,
    NaturalKeyQuerySet,
    one_of,
)
from briefs.models.facts import Meeting, PrisonerRelease, Sanction
from briefs.models.people import Actor
from briefs.models.publications import Publication, Section, SourceReference


class EvidenceRank(models.TextChoices):
    """How a value stands against others for the same fact, as Wikidata ranks statements."""

    PREFERRED = "preferred", _("Preferred")
    NORMAL = "normal", _("Normal")
    DEPRECATED = "deprecated", _("Deprecated")


# Best first: the order a fact's values are shown in.
RANK_ORDER = {rank: order for order, rank in enumerate(EvidenceRank.values)}


class Fact(models.TextChoices):
    """Which fact of a meeting, sanction or release a piece of evidence states."""

    DATE = "date", _("Date")
    PLACE = "place", _("Place")
    DURATION = "duration", _("Duration")
    PARTICIPANT = "participant", _("Participant")
    STATUS = "status", _("Status")
    SECTOR = "sector", _("Sector")
    TOTAL = "total", _("Total released")
    NATIONALITY = "nationality", _("Nationality count")


# The facts each kind of record has; a participant and a nationality count
# name their actor (the participant, the country).
FACTS_OF = {
    "meeting": [Fact.DATE, Fact.PLACE, Fact.DURATION, Fact.PARTICIPANT],
    "sanction": [Fact.STATUS, Fact.SECTOR],
    "release": [Fact.DATE, Fact.TOTAL, Fact.NATIONALITY],
}
FACTS_ABOUT_AN_ACTOR = [Fact.PARTICIPANT, Fact.NATIONALITY]
SUBJECTS = list(FACTS_OF)
# What the messages call each kind of record.
SUBJECT_NAMES = {
    "meeting": pgettext_lazy("a record evidence is of", "meeting"),
    "sanction": pgettext_lazy("a record evidence is of", "sanction"),
    "release": pgettext_lazy("a record evidence is of", "release"),
}


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


ONE_SUBJECT = _("Evidence states a fact of exactly one meeting, sanction or release.")


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
        model,
        verbose_name=model._meta.verbose_name,
        on_delete=models.CASCADE,
        related_name="evidence",
        null=True,
        blank=True,
    )


class EvidenceQuerySet(NaturalKeyQuerySet):
    def ranked(self):
        """Best first (preferred, normal, deprecated), then in the brief's order."""
        order = models.Case(
            *(models.When(rank=rank, then=value) for rank, value in RANK_ORDER.items()),
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
        Publication,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("publication"),
    )
    number = models.PositiveIntegerField(
        _("number"),
        help_text=_("Numbers the brief's evidence; the page's anchor is evidence-N."),
    )
    # The record whose fact it states: exactly one of the three.
    meeting = subject_field(Meeting)
    sanction = subject_field(Sanction)
    release = subject_field(PrisonerRelease)
    fact = models.CharField(_("fact"), max_length=11, choices=Fact.choices)
    actor = models.ForeignKey(
        Actor,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        related_name="evidence",
        null=True,
        blank=True,
        help_text=_(
            "For a participant, the participant; for a nationality count, the country."
        ),
    )
    value = models.CharField(
        _("value"),
        max_length=200,
        help_text=_(
            "The value as this text gives it: “14”, “dozens”, “about six hours”."
        ),
    )
    rank = models.CharField(
        _("rank"), max_length=10, choices=Rank.choices, default=Rank.NORMAL
    )
    # Within its brief a section and a source note are known by their numbers,
    # as the Markdown's [anchor][N] names a note: so a file names them too.
    section = models.PositiveIntegerField(
        _("section"),
        null=True,
        blank=True,
        help_text=_(
            "The position of the section that states it; empty for the abstract."
        ),
    )
    quote = models.TextField(
        _("quote"),
        help_text=_(
            "The exact words of the text, as a reader reads them (without note numbers)."
        ),
    )
    sources = models.CharField(
        _("sources"),
        max_length=100,
        blank=True,
        validators=[
            RegexValidator(
                r"^\s*[1-9][0-9]*(\s*,\s*[1-9][0-9]*)*\s*$",
                _(
                    "The numbers of the brief's source notes, separated by commas: "
                    "16, 17."
                ),
            )
        ],
        help_text=_(
            "The numbers of the source notes that back it, separated by commas."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    quote_found = models.BooleanField(
        _("quote found"),
        default=True,
        editable=False,
        help_text=_("False once a later edit of the text no longer has the quote."),
    )

    natural_key_fields = ("publication", "number")

    objects = EvidenceQuerySet.as_manager()
    history = History()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        default_permissions = CURATION_PERMISSIONS
        ordering = ["publication", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "number"], name="briefs_evidence_unique_number"
            ),
            FieldCheck(
                condition=Q(number__gte=1),
                name="briefs_evidence_number_positive",
                violation_error_message=NUMBERED_FROM_ONE,
                field="number",
            ),
            FieldCheck(
                condition=Q(rank__in=EvidenceRank.values),
                name="briefs_evidence_rank_valid",
                violation_error_message=one_of(EvidenceRank),
                field="rank",
            ),
            models.CheckConstraint(
                condition=one_subject_only(),
                name="briefs_evidence_one_subject",
                violation_error_message=ONE_SUBJECT,
            ),
            *(
                FieldCheck(
                    condition=Q(**{f"{subject}__isnull": True})
                    | Q(fact__in=[fact.value for fact in facts]),
                    name=f"briefs_evidence_{subject}_fact",
                    violation_error_message=format_lazy(
                        _("Evidence of a {subject} is of its {facts}."),
                        subject=SUBJECT_NAMES[subject],
                        facts=", ".join(fact.value for fact in facts),
                    ),
                    field="fact",
                )
                for subject, facts in FACTS_OF.items()
            ),
            FieldCheck(
                condition=(
                    Q(fact__in=[fact.value for fact in FACTS_ABOUT_AN_ACTOR])
                    & Q(actor__isnull=False)
                )
                | (
                    ~Q(fact__in=[fact.value for fact in FACTS_ABOUT_AN_ACTOR])
                    & Q(actor__isnull=True)
                ),
                name="briefs_evidence_actor_for_actor_facts",
                violation_error_message=_(
                    "Name the actor for a participant or a "
                    "nationality count, and for no other fact."
                ),
                field="actor",
            ),
        ]

    def __str__(self):
        return gettext("{fact} of {subject}: {value}").format(
            fact=self.get_fact_display(), subject=self.subject, value=self.value
        )

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
            raise ValidationError(
                {
                    "fact": gettext("A {subject}'s facts are: {allowed}.").format(
                        subject=SUBJECT_NAMES[subject], allowed=allowed
                    )
                }
            )
        if (self.fact in FACTS_ABOUT_AN_ACTOR) != (self.actor_id is not None):
            raise ValidationError(
                {
                    "actor": _(
                        "A participant or a nationality count names its actor; "
                        "no other fact does."
                    )
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
                {
                    "actor": gettext(
                        "“{actor}” is not a participant of this meeting."
                    ).format(actor=self.actor)
                }
            )
        if (
            self.fact == Fact.NATIONALITY
            and self.release_id
            and not self.release.nationality_counts.filter(
                country_id=self.actor_id
            ).exists()
        ):
            raise ValidationError(
                {
                    "actor": gettext("This release has no count of “{actor}”.").format(
                        actor=self.actor
                    )
                }
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
                {
                    "sources": gettext("The brief has no source note {notes}.").format(
                        notes=", ".join(missing)
                    )
                }
            )

    def check_quote(self):
        text = self.text
        if text is None:
            raise ValidationError(
                {
                    "section": gettext("The brief has no section {number}.").format(
                        number=self.section
                    )
                }
            )
        if not is_quoted(self.quote, text):
            raise ValidationError(
                {
                    "quote": gettext(
                        "These words are not found in {text}: "
                        "a quote is the text's own words, word for word."
                    ).format(text=self.text_name)
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
        if self.section is None:
            return gettext("the abstract")
        return gettext("section {number}").format(number=self.section)

    @property
    def said_in(self):
        """Where a reader finds it: "the abstract says 14; the body says dozens"."""
        return gettext("the abstract") if self.section is None else gettext("the body")

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
