"""
Import-export resources: one per model, shared by the admin and the commands.

Related rows are written and read by slug (many-to-many as a comma-separated
list of slugs), never by numeric id, so a file moves between databases. Every
row is validated with ``full_clean()`` before anything is saved, and an
unknown slug is an error that names the slug, not a silently dropped link.
"""

import datetime

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from import_export import fields, resources, widgets

from briefs.models import (
    Actor,
    ActorAlias,
    Author,
    Contribution,
    Evidence,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    PrisonerRelease,
    Publication,
    Sanction,
    Section,
    SourceReference,
)
from briefs.models.base import in_every_language, original


class SlugWidget(widgets.ForeignKeyWidget):
    """A foreign key written as the related row's slug; an unknown slug is an error."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ObjectDoesNotExist:
            raise ValueError(
                gettext("No {name} with slug “{value}”.").format(
                    name=self.model._meta.verbose_name, value=value
                )
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
            raise ValueError(
                gettext("No {name} with slug {listed}.").format(
                    name=name, listed=", ".join(map(repr, missing))
                )
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            # A row not saved yet (a new row in an import preview) has no links.
            return ""
        # Sorted so the same database always gives the same file.
        return self.separator.join(sorted(related.slug for related in value.all()))


class IsoDateTimeWidget(widgets.DateTimeWidget):
    """A date and time with its UTC offset (2025-07-15T10:00:00+02:00).

    The library's default writes local time without an offset, which is
    ambiguous for the hour the clocks go back. A value without an offset is
    still read, as local time.
    """

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str) and value.strip():
            try:
                parsed = datetime.datetime.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(
                    f"“{value}” is not a date and time: write it as "
                    "2025-07-15T10:00:00+02:00."
                ) from None
            return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
        return super().clean(value, row, **kwargs)

    def render(self, value, obj=None, **kwargs):
        if isinstance(value, datetime.datetime) and not kwargs.get("force_native_type"):
            return timezone.localtime(value).isoformat()
        return super().render(value, obj, **kwargs)


def slug_field(attribute, model):
    return fields.Field(
        attribute=attribute, column_name=attribute, widget=SlugWidget(model)
    )


def slug_list_field(attribute, model):
    return fields.Field(
        attribute=attribute, column_name=attribute, widget=SlugListWidget(model)
    )


def in_every_language_columns(name):
    """The columns of a translated field: its bare name for the original
    language (``name``, as files wrote it before names had languages), then
    one a language (``name_hu``), each read and checked as its own field."""
    return [name, *in_every_language(name)[1:]]


def original_language_field(model, name):
    """The column ``name`` of a translated field: its value in the original
    language (``name_en``)."""
    field = BriefsResource.field_from_django_field(
        original(name), model._meta.get_field(original(name)), readonly=False
    )
    field.column_name = name
    return field


class BriefsResource(resources.ModelResource):
    """Validated, all-or-nothing imports keyed on natural keys."""

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, models.DateTimeField):
            return IsoDateTimeWidget
        if isinstance(f, models.TextField):
            # As a CharField's: an empty cell (None from a workbook) is "",
            # which a text column stores, rather than a NULL it refuses.
            return widgets.CharWidget
        return super().widget_from_django_field(f, default)

    class Meta:
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
        # In natural-key order, as the command line exports: the same database
        # always gives the same file, wherever it is exported from.
        queryset = (
            super().get_queryset().order_by(*self._meta.model.natural_key_paths())
        )
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset

    def get_import_id_fields(self):
        # A file's row is found as fixtures and bundles find it: by the
        # model's natural key.
        return list(self._meta.model.natural_key_fields)

    # Checks a row needs the rest of the file for, errors named by column, and
    # a history record that says who imported what from which file.

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The key of each row of the file being imported, to its row number.
        self.rows_by_key = {}

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.rows_by_key = {}

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # The library checks many-to-many slugs only when it saves them, and
        # reports an unknown one without its column; check them with the rest.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and (
                field.column_name in row
            ):
                try:
                    field.clean(row)
                except ValueError as error:
                    errors.setdefault(field.attribute, []).append(
                        ValidationError(str(error), code="invalid")
                    )
        repeated = self.repeated_key_error(row, kwargs.get("row_number"))
        if repeated:
            errors.setdefault(self.get_import_id_fields()[-1], []).append(repeated)
        if errors:
            raise ValidationError(errors)

    def repeated_key_error(self, row, row_number):
        """A second row with the same key would silently overwrite the first."""
        columns = [
            self.fields[name].column_name for name in self.get_import_id_fields()
        ]
        key = tuple(str(row.get(column) or "").strip() for column in columns)
        first = self.rows_by_key.setdefault(key, row_number)
        if first == row_number:
            return None
        named = ", ".join(
            f"{column} “{value}”" for column, value in zip(columns, key, strict=True)
        )
        return ValidationError(
            gettext(
                "Row {row} already has {named}: a file may give each row once."
            ).format(row=first, named=named),
            code="duplicate",
        )

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        # django-simple-history records who saved a row (the admin's request
        # names the user; a command passes user=) and why.
        user = kwargs.get("user")
        if user is not None and user.is_authenticated:
            instance._history_user = user
        if kwargs.get("file_name"):
            instance._change_reason = f"Imported from {kwargs['file_name']}"


class AuthorResource(BriefsResource):
    class Meta(BriefsResource.Meta):
        model = Author
        fields = ["slug", "name", "position", "affiliation", "orcid", "biography"]


class ActorResource(BriefsResource):
    name = original_language_field(Actor, "name")
    position = original_language_field(Actor, "position")
    description = original_language_field(Actor, "description")
    country = slug_field("country", Actor)

    select_related = ("country",)

    class Meta(BriefsResource.Meta):
        model = Actor
        fields = [
            "slug",
            *in_every_language_columns("name"),
            "kind",
            *in_every_language_columns("position"),
            "country",
            "wikidata_id",
            *in_every_language_columns("description"),
        ]


class PublicationResource(BriefsResource):
    translation_of = slug_field("translation_of", Publication)
    actors = slug_list_field("actors", Actor)

    select_related = ("translation_of",)
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
            "language",
            "translation_of",
            "unofficial_translation",
            "translation_note",
            "summary",
            "cover_photo_credit",
            "copyright_line",
            "status",
            "published_at",
            "publish_at",
            "actors",
        ]


PARTIAL_DATE = ("date", "date_precision", "date_approximate")


class MeetingResource(BriefsResource):
    title = original_language_field(Meeting, "title")
    place = original_language_field(Meeting, "place")
    country = slug_field("country", Actor)
    publications = slug_list_field("publications", Publication)

    select_related = ("country",)
    prefetch_related = ("publications",)

    class Meta(BriefsResource.Meta):
        model = Meeting
        fields = [
            "slug",
            *in_every_language_columns("title"),
            *PARTIAL_DATE,
            *in_every_language_columns("place"),
            "country",
            "duration_hours",
            "duration_approximate",
            "topics",
            "outcome",
            "significance",
            "publications",
        ]


class SanctionResource(BriefsResource):
    title = original_language_field(Sanction, "title")
    imposed_by = slug_field("imposed_by", Actor)
    target = slug_field("target", Actor)
    publications = slug_list_field("publications", Publication)

    select_related = ("imposed_by", "target")
    prefetch_related = ("publications",)

    class Meta(BriefsResource.Meta):
        model = Sanction
        fields = [
            "slug",
            *in_every_language_columns("title"),
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
    title = original_language_field(PrisonerRelease, "title")
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
            *in_every_language_columns("title"),
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
        fields = ["publication", "position", "heading", "body"]


class ContributionResource(BriefsResource):
    publication = slug_field("publication", Publication)
    author = slug_field("author", Author)

    select_related = ("publication", "author")

    class Meta(BriefsResource.Meta):
        model = Contribution
        fields = ["publication", "author", "role", "position"]


class SourceReferenceResource(BriefsResource):
    publication = slug_field("publication", Publication)

    select_related = ("publication",)

    class Meta(BriefsResource.Meta):
        model = SourceReference
        fields = ["publication", "number", "anchor_text", "url"]


class ActorAliasResource(BriefsResource):
    actor = slug_field("actor", Actor)

    select_related = ("actor",)

    class Meta(BriefsResource.Meta):
        model = ActorAlias
        fields = ["actor", "name"]


class MeetingParticipantResource(BriefsResource):
    meeting = slug_field("meeting", Meeting)
    actor = slug_field("actor", Actor)

    select_related = ("meeting", "actor")

    class Meta(BriefsResource.Meta):
        model = MeetingParticipant
        fields = ["meeting", "actor", "role", "position"]


class NationalityCountResource(BriefsResource):
    release = slug_field("release", PrisonerRelease)
    country = slug_field("country", Actor)

    select_related = ("release", "country")

    class Meta(BriefsResource.Meta):
        model = NationalityCount
        fields = ["release", "country", "count"]


class EvidenceResource(BriefsResource):
    publication = slug_field("publication", Publication)
    meeting = slug_field("meeting", Meeting)
    sanction = slug_field("sanction", Sanction)
    release = slug_field("release", PrisonerRelease)
    actor = slug_field("actor", Actor)

    select_related = ("publication", "meeting", "sanction", "release", "actor")

    class Meta(BriefsResource.Meta):
        model = Evidence
        # Whether the quote is still found is the database's to say, after
        # every edit of the text: not a column a file sets.
        fields = [
            "publication",
            "number",
            "meeting",
            "sanction",
            "release",
            "fact",
            "actor",
            "value",
            "rank",
            "section",
            "quote",
            "sources",
            "note",
        ]


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
        EvidenceResource,
    )
}
