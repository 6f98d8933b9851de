"""
What the text of a new brief proposes to its curator: the actors it names
(stored ones, and new ones with a guessed kind), the dates it gives and the
nationality counts it states, each waiting to be accepted or dismissed.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from briefs.domain import dates
from briefs.models.base import (
    FieldCheck,
    TimeStampedModel,
    clean_partial_date,
    one_of,
    partial_date_checks,
    partial_date_fields,
)
from briefs.models.people import Actor, ActorKind
from briefs.models.publications import Publication


class ProposalKind(models.TextChoices):
    """What a proposal suggests. Outside the model so its constraints can name the values."""

    ACTOR = "actor", _("Actor mentioned")
    NEW_ACTOR = "new_actor", _("New actor named")
    NATIONALITY = "nationality", _("Nationality count")
    EVENT = "event", _("Date mentioned")


class ProposalStatus(models.TextChoices):
    """Where a curator left a proposal."""

    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")


class IngestProposal(TimeStampedModel):
    """A fact the text of a draft suggests, for a curator to confirm: an actor
    it names (stored, or new), a date it gives, a nationality count it states.

    Not content: a proposal is never shown to readers, exported or bundled;
    accepting one links the actor, opens a prefilled actor, meeting or
    release form, dismissing it keeps it from being proposed again.
    """

    Kind = ProposalKind
    Status = ProposalStatus

    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("publication"),
    )
    position = models.PositiveIntegerField(
        _("position"), help_text=_("Order of first mention.")
    )
    kind = models.CharField(_("kind"), max_length=11, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=9, choices=Status.choices, default=Status.PROPOSED
    )
    actor = models.ForeignKey(
        Actor,
        verbose_name=_("actor"),
        on_delete=models.CASCADE,
        related_name="proposals",
        null=True,
        blank=True,
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("A new actor's name, or the state of a nationality count."),
    )
    actor_kind = models.CharField(
        _("guessed kind"),
        max_length=12,
        choices=ActorKind.choices,
        blank=True,
        help_text=_("What a new actor seems to be."),
    )
    count = models.PositiveIntegerField(
        _("count"), null=True, blank=True, help_text=_("How many of that nationality.")
    )
    mention = models.CharField(
        _("mention"),
        max_length=300,
        help_text=_("The words of the text: “Kellogg's”, “May 29, 2024”."),
    )
    sentences = models.TextField(
        _("sentences"), help_text=_("The sentences that say it, one a line.")
    )
    date, date_precision, date_approximate = partial_date_fields(_("date"))

    class Meta:
        verbose_name = _("ingest proposal")
        verbose_name_plural = _("ingest proposals")
        # Curators act on proposals through their publication's permissions.
        default_permissions = ()
        ordering = ["publication", "kind", "position"]
        constraints = [
            FieldCheck(
                condition=Q(kind__in=ProposalKind.values),
                name="briefs_proposal_kind_valid",
                violation_error_message=one_of(ProposalKind),
                field="kind",
            ),
            FieldCheck(
                condition=Q(status__in=ProposalStatus.values),
                name="briefs_proposal_status_valid",
                violation_error_message=one_of(ProposalStatus),
                field="status",
            ),
            models.CheckConstraint(
                condition=Q(kind=ProposalKind.ACTOR, actor__isnull=False)
                | Q(kind=ProposalKind.EVENT, date__isnull=False)
                | (Q(kind=ProposalKind.NEW_ACTOR) & ~Q(name=""))
                | (Q(kind=ProposalKind.NATIONALITY, count__isnull=False) & ~Q(name="")),
                name="briefs_proposal_has_its_fact",
                violation_error_message=_(
                    "A proposal names what it proposes: an "
                    "actor, a date, a name, or a name and a count."
                ),
            ),
            *partial_date_checks("date"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.mention}"

    def clean(self):
        clean_partial_date(self, "date")

    @property
    def when(self):
        return dates.PartialDate(self.date, self.date_precision, self.date_approximate)

    @property
    def outline(self):
        """What it proposes, in a few words: "Keith Kellogg (new person)", "2 × Latvia"."""
        if self.kind == ProposalKind.NEW_ACTOR and not self.actor_id:
            kind = self.get_actor_kind_display().lower() or gettext("actor")
            return gettext("{name} (new {kind})").format(name=self.name, kind=kind)
        if self.kind == ProposalKind.NATIONALITY:
            return f"{self.count} × {self.name}"
        if self.kind == ProposalKind.EVENT:
            return str(self.when)
        return str(self.actor)

    @property
    def sentence_list(self):
        return [line for line in self.sentences.splitlines() if line.strip()]
