"""
Import-export resources: one per model, shared by the admin and the commands.

Related rows are written and read by slug (many-to-many as a comma-separated
list of slugs), never by numeric id, so a file moves between databases. Every
row is validated with ``full_clean()`` before anything is saved, and an
unknown slug is an error that names the slug, not a silently dropped link.
"""

from django.core.exceptions import ObjectDoesNotExist
from import_export import fields, resources, widgets

from briefs.models import (
    Actor,
    ActorAlias,
    Author,
    Contribution,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    PrisonerRelease,
    Publication,
    Sanction,
    Section,
    SourceReference,
)


class SlugWidget(widgets.ForeignKeyWidget):
    """A foreign key written as the related row's slug; an unknown slug is an error."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ObjectDoesNotExist:
            raise ValueError(
                f"No {self.model._meta.verbose_name} with slug “{value}”."
            ) from None


class SlugListWidget(widgets.ManyToManyWidget):
    """A many-to-many relation written as slugs separated by commas."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", separator=",", **kwargs)

    def clean(self, value, row=None, **kwargs):
        slugs = [slug.strip() for slug in str(value or "").split(self.separator)]
        slugs = [slug for slug in slugs if slug]
        found = self.model.objects.filter(slug__in=slugs)
        missing = sorted(set(slugs) - {row.slug for row in found})
        if missing:
            name = self.model._meta.verbose_name_plural
            raise ValueError(f"No {name} with slug {', '.join(map(repr, missing))}.")
        return found

    def render(self, value, obj=None, **kwargs):
        # Sorted so the same database always gives the same file.
        return self.separator.join(sorted(related.slug for related in value.all()))


def slug_field(attribute, model):
    return fields.Field(
        attribute=attribute, column_name=attribute, widget=SlugWidget(model)
    )


def slug_list_field(attribute, model):
    return fields.Field(
        attribute=attribute, column_name=attribute, widget=SlugListWidget(model)
    )


class BriefsResource(resources.ModelResource):
    """Validated, all-or-nothing imports keyed on natural keys."""

    class Meta:
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        # Rows are found by natural key, which the default loader handles; the
        # timestamps are the database's business, not the file's.
        exclude = ["id", "created_at", "updated_at"]

    # Foreign keys and many-to-many relations fetched with the rows, so an
    # export costs the same number of queries at 10 rows and at 100,000.
    select_related = ()
    prefetch_related = ()

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset


class AuthorResource(BriefsResource):
    class Meta(BriefsResource.Meta):
        model = Author
        fields = ["slug", "name", "position", "affiliation", "biography"]


class ActorResource(BriefsResource):
    country = slug_field("country", Actor)

    select_related = ("country",)

    class Meta(BriefsResource.Meta):
        model = Actor
        fields = [
            "slug",
            "name",
            "kind",
            "position",
            "country",
            "wikidata_id",
            "description",
        ]


class PublicationResource(BriefsResource):
    actors = slug_list_field("actors", Actor)

    prefetch_related = ("actors",)

    class Meta(BriefsResource.Meta):
        model = Publication
        fields = [
            "slug",
            "series",
            "title",
            "publisher",
            "publisher_url",
            "publication_date",
            "summary",
            "cover_photo_credit",
            "copyright_line",
            "status",
            "published_at",
            "actors",
        ]


PARTIAL_DATE = ("date", "date_precision", "date_approximate")


class MeetingResource(BriefsResource):
    country = slug_field("country", Actor)
    publications = slug_list_field("publications", Publication)

    select_related = ("country",)
    prefetch_related = ("publications",)

    class Meta(BriefsResource.Meta):
        model = Meeting
        fields = [
            "slug",
            "title",
            *PARTIAL_DATE,
            "place",
            "country",
            "duration_hours",
            "duration_approximate",
            "topics",
            "outcome",
            "significance",
            "publications",
        ]


class SanctionResource(BriefsResource):
    imposed_by = slug_field("imposed_by", Actor)
    target = slug_field("target", Actor)
    publications = slug_list_field("publications", Publication)

    select_related = ("imposed_by", "target")
    prefetch_related = ("publications",)

    class Meta(BriefsResource.Meta):
        model = Sanction
        fields = [
            "slug",
            "title",
            "imposed_by",
            "target",
            "sector",
            "status",
            "status_note",
            "start_date",
            "start_date_precision",
            "start_date_approximate",
            "end_date",
            "end_date_precision",
            "end_date_approximate",
            "description",
            "publications",
        ]


class PrisonerReleaseResource(BriefsResource):
    released_by = slug_field("released_by", Actor)
    released_to = slug_field("released_to", Actor)
    meeting = slug_field("meeting", Meeting)
    sanctions_relief = slug_list_field("sanctions_relief", Sanction)
    publications = slug_list_field("publications", Publication)

    select_related = ("released_by", "released_to", "meeting")
    prefetch_related = ("sanctions_relief", "publications")

    class Meta(BriefsResource.Meta):
        model = PrisonerRelease
        fields = [
            "slug",
            "title",
            *PARTIAL_DATE,
            "released_by",
            "released_to",
            "meeting",
            "total",
            "description",
            "sanctions_relief",
            "publications",
        ]


# --- Parts of a record, keyed on their parent's slug ------------------------


class SectionResource(BriefsResource):
    publication = slug_field("publication", Publication)

    select_related = ("publication",)

    class Meta(BriefsResource.Meta):
        model = Section
        import_id_fields = ["publication", "position"]
        fields = ["publication", "position", "heading", "body"]


class ContributionResource(BriefsResource):
    publication = slug_field("publication", Publication)
    author = slug_field("author", Author)

    select_related = ("publication", "author")

    class Meta(BriefsResource.Meta):
        model = Contribution
        import_id_fields = ["publication", "author", "role"]
        fields = ["publication", "author", "role", "position"]


class SourceReferenceResource(BriefsResource):
    publication = slug_field("publication", Publication)

    select_related = ("publication",)

    class Meta(BriefsResource.Meta):
        model = SourceReference
        import_id_fields = ["publication", "number"]
        fields = ["publication", "number", "anchor_text", "url"]


class ActorAliasResource(BriefsResource):
    actor = slug_field("actor", Actor)

    select_related = ("actor",)

    class Meta(BriefsResource.Meta):
        model = ActorAlias
        import_id_fields = ["actor", "name"]
        fields = ["actor", "name"]


class MeetingParticipantResource(BriefsResource):
    meeting = slug_field("meeting", Meeting)
    actor = slug_field("actor", Actor)

    select_related = ("meeting", "actor")

    class Meta(BriefsResource.Meta):
        model = MeetingParticipant
        import_id_fields = ["meeting", "actor"]
        fields = ["meeting", "actor", "role", "position"]


class NationalityCountResource(BriefsResource):
    release = slug_field("release", PrisonerRelease)
    country = slug_field("country", Actor)

    select_related = ("release", "country")

    class Meta(BriefsResource.Meta):
        model = NationalityCount
        import_id_fields = ["release", "country"]
        fields = ["release", "country", "count"]


# The command line names a table by its model's name in lower case.
RESOURCES = {
    resource._meta.model._meta.model_name: resource
    for resource in (
        PublicationResource,
        AuthorResource,
        ActorResource,
        MeetingResource,
        SanctionResource,
        PrisonerReleaseResource,
        SectionResource,
        ContributionResource,
        SourceReferenceResource,
        ActorAliasResource,
        MeetingParticipantResource,
        NationalityCountResource,
    )
}
