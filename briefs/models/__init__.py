"""
The facts of a policy brief, as relational data: the app's models, one module
a subject.

Six core models (Publication, Author, Actor, Meeting, Sanction,
PrisonerRelease) each carry a unique ``slug``, which is their natural key:
fixtures and exports refer to related rows by slug, never by numeric id.
The supporting models (sections, contributions, source references, aliases,
participants, nationality counts, evidence) have natural keys made of their
parent's slug and their own position or partner, so a whole brief loads into
any database.

Every content model, parts included, keeps its history (django-simple-history):
a section's text or a nationality count is as much the brief as its title,
and an import changes parts as often as it changes records.

The rules these models keep are theirs (``clean()`` and named constraints);
the rules that span rows or doors (who publishes, a release's breakdown, who
reads drafts) are in ``briefs.domain.rules``.
"""

from briefs.models.base import (
    CURATION_PERMISSIONS,
    NaturalKeyModel,
    NaturalKeyQuerySet,
    SluggedModel,
    SlugQuerySet,
    TimeStampedModel,
)
from briefs.models.evidence import (
    FACTS_ABOUT_AN_ACTOR,
    FACTS_OF,
    ONE_SUBJECT,
    RANK_ORDER,
    SUBJECTS,
    Evidence,
    EvidenceRank,
    Fact,
    facts_of,
)
from briefs.models.facts import (
    DiscussedModel,
    DiscussedQuerySet,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    PrisonerRelease,
    Sanction,
    check_discussed_in,
    counted_by_release,
)
from briefs.models.people import (
    Actor,
    ActorAlias,
    ActorKind,
    Author,
    public_actor_test,
)
from briefs.models.proposals import IngestProposal, ProposalKind, ProposalStatus
from briefs.models.publications import (
    PREVIEW_LIFETIME,
    Contribution,
    PreviewLink,
    Publication,
    PublicationStatus,
    Section,
    SourceReference,
    default_preview_expiry,
    new_preview_token,
)
from briefs.models.site import (
    DATASET_PUBLISHER,
    DATASET_TITLE,
    DatasetRelease,
    PageGeneration,
    PdfEdition,
    SeriesCounter,
    StoredArticle,
    Upload,
    WorkerLease,
)

__all__ = [
    "CURATION_PERMISSIONS",
    "DATASET_PUBLISHER",
    "DATASET_TITLE",
    "FACTS_ABOUT_AN_ACTOR",
    "FACTS_OF",
    "ONE_SUBJECT",
    "PREVIEW_LIFETIME",
    "RANK_ORDER",
    "SUBJECTS",
    "Actor",
    "ActorAlias",
    "ActorKind",
    "Author",
    "Contribution",
    "DatasetRelease",
    "DiscussedModel",
    "DiscussedQuerySet",
    "Evidence",
    "EvidenceRank",
    "Fact",
    "IngestProposal",
    "Meeting",
    "MeetingParticipant",
    "NationalityCount",
    "NaturalKeyModel",
    "NaturalKeyQuerySet",
    "PageGeneration",
    "PdfEdition",
    "PreviewLink",
    "PrisonerRelease",
    "ProposalKind",
    "ProposalStatus",
    "Publication",
    "PublicationStatus",
    "Sanction",
    "Section",
    "SeriesCounter",
    "SluggedModel",
    "SlugQuerySet",
    "SourceReference",
    "StoredArticle",
    "TimeStampedModel",
    "Upload",
    "WorkerLease",
    "check_discussed_in",
    "counted_by_release",
    "default_preview_expiry",
    "facts_of",
    "new_preview_token",
    "public_actor_test",
]
