"""
Admin forms: no lost updates, publishing, and the nationality breakdown.

Two editors may open the same record. Every admin form carries the record's
``updated_at`` as a hidden version; saving compares it with the database row,
locked for the rest of the save, and refuses when someone saved in between,
so the first editor's change survives and the second editor is told why.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from import_export.forms import ImportForm

from briefs.domain import publishing
from briefs.domain.rules import check_breakdown, may_publish
from briefs.exchange.tables.files import format_of
from briefs.exchange.tables.problems import TableError
from briefs.models import Publication, check_discussed_in

VERSION_FIELD = "version"


class VersionedModelForm(forms.ModelForm):
    """A model form that refuses to save over a change made since it was opened."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # From the database, not from the instance: the history view builds
            # this form around an old version of the record.
            self.fields[VERSION_FIELD].initial = self.stored_version()

    def stored_version(self, lock=False):
        model = type(self.instance)
        rows = model._default_manager.filter(pk=self.instance.pk)
        # Inside the admin's save transaction the row stays locked until the
        # save commits, so no one can slip a change in between check and save.
        if lock and connections[router.db_for_write(model)].in_atomic_block:
            rows = rows.select_for_update()
        updated_at = rows.values_list("updated_at", flat=True).first()
        return updated_at.isoformat() if updated_at else ""

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            stored = self.stored_version(lock=True)
            if stored and cleaned_data.get(VERSION_FIELD) != stored:
                raise ValidationError(self.conflict_message(), code="conflict")
        return cleaned_data

    def conflict_message(self):
        """Who changed the record, and when, if its history says so."""
        opts = self.instance._meta
        history = getattr(type(self.instance), "history", None)
        if history is not None:
            latest = history.filter(**{opts.pk.attname: self.instance.pk}).first()
            if latest is not None:
                when = date_format(
                    timezone.localtime(latest.history_date), "DATETIME_FORMAT"
                )
                who = latest.history_user or gettext("someone")
                return gettext(
                    "This {row} was changed by {who} on {when} after you opened it, "
                    "so your changes were not saved. Open it again to see the "
                    "current version, then make your changes again."
                ).format(row=opts.verbose_name, who=who, when=when)
        return gettext(
            "This {row} was changed after you opened it, so your changes were "
            "not saved. Open it again to see the current version, then make your "
            "changes again."
        ).format(row=opts.verbose_name)


class DiscussedForm(VersionedModelForm):
    """A meeting's, sanction's or release's form: the briefs it is linked to
    are original editions (``check_discussed_in``, the rule every door says)."""

    def clean_publications(self):
        publications = self.cleaned_data["publications"]
        try:
            check_discussed_in(publications.select_related("translation_of"))
        except ValidationError as error:
            raise ValidationError(error.message_dict["publications"]) from None
        return publications


class PublicationAdminForm(VersionedModelForm):
    """Keeps ``published_at`` in step with the status a curator picks, and lets
    only a publisher publish or schedule, as the publishing service
    (``briefs.domain.publishing``) will when the admin saves it: said here
    first, beside the fields.

    ``user`` is the curator filling it in, set by the admin's ``get_form``.
    """

    user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and not may_publish(self.user):
            status.choices = [
                choice
                for choice in status.choices
                if choice[0] != Publication.Status.PUBLISHED
            ]

    def clean(self):
        cleaned_data = super().clean()
        publication = self.instance
        stored = (
            Publication.objects.filter(pk=publication.pk).first()
            if publication.pk
            else None
        )
        proposed = Publication(
            status=cleaned_data.get("status", publication.status),
            publish_at=cleaned_data.get("publish_at", publication.publish_at),
            published_at=publication.published_at,
        )
        try:
            publishing.check(self.user, proposed, stored)
        except ValidationError as error:
            # Said above the form: the field it names may be read-only here.
            raise ValidationError(error.messages) from None
        if proposed.status in Publication.Status.values:
            publishing.keep_in_step(proposed, stored)
            publication.published_at = proposed.published_at
            if "publish_at" in cleaned_data:
                cleaned_data["publish_at"] = proposed.publish_at
        return cleaned_data


class NationalityBreakdownFormSet(BaseInlineFormSet):
    """The breakdown as it will be saved may not exceed the release's total."""

    def clean(self):
        super().clean()
        total = self.instance.total
        if total is None:
            return
        # _should_delete_form() is how Django's formset documentation skips
        # the forms marked for deletion in clean(); no public name exists.
        counted = sum(
            form.cleaned_data.get("count") or 0
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        )
        check_breakdown(counted, total)


class FormatFromFileImportForm(ImportForm):
    """The admin's import form, its format taken from the file's name unless
    chosen: the rule (and the words) of ``import_table``'s ``format_of``."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.format_names = [
            format_class().get_title().lower() for format_class in formats
        ]
        field = self.fields["format"]
        if len(formats) > 1:
            field.required = False
            field.choices = [("", gettext("From the file's name")), *field.choices[1:]]
            field.help_text = gettext(
                "Needed only if the file's name does not end in {suffixes}."
            ).format(suffixes=", ".join(f".{name}" for name in self.format_names))

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        if upload is not None and not cleaned.get("format"):
            try:
                name = format_of(upload.name)
            except TableError as error:
                # The command's words, its "--format" said as this form says it.
                reason = error.problems[0].reason.split(":")[0]
                self.add_error(
                    "format",
                    gettext("{reason}: choose CSV, XLSX or JSON.").format(
                        reason=reason
                    ),
                )
            else:
                cleaned["format"] = str(self.format_names.index(name))
        return cleaned
