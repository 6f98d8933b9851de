"""
Curation of every model in the Django admin.

Every admin here exports through ``briefs.exchange.resources`` and imports
through the engine of ``import_table`` (the columns those resources declare,
the checks and messages of the command line), keeps a history with restore
(django-simple-history) and refuses to save over someone else's change
(``briefs.curation.forms.VersionedModelForm``). Foreign-key columns are fetched with the
rows, so a changelist costs the same number of queries at 10 rows and at
10,000.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models as db_models
from django.db.models import Count, Exists, OuterRef, Sum
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist
from import_export.admin import ImportExportModelAdmin
from import_export.signals import post_import
from import_export.tmp_storages import BaseStorage
from simple_history.admin import SimpleHistoryAdmin

from briefs import models
from briefs.curation import jobs
from briefs.curation.forms import (
    VERSION_FIELD,
    DiscussedForm,
    FormatFromFileImportForm,
    NationalityBreakdownFormSet,
    PublicationAdminForm,
    VersionedModelForm,
)
from briefs.curation.ingest import (
    BriefFromTextAdmin,
    ProposedActorAdmin,
    ProposedBreakdownAdmin,
)
from briefs.domain import dates, derived, editions, publishing, rules
from briefs.exchange import resources
from briefs.exchange.formats import FORMATS
from briefs.exchange.tables import ImportResult, Problem, TableError, import_table
from briefs.exchange.tables.files import (
    Limits,
    check_limits,
    rows_above,
    too_large,
    xlsx_unpacked_size,
)
from briefs.exchange.tables.guide import column_guide
from briefs.models.base import in_every_language, original
from briefs.reading import selectors

admin.site.site_header = _("HIIA Briefs curation")
admin.site.site_title = "HIIA Briefs"
admin.site.index_title = _("Curate the briefs and their facts")

# A link typed without its scheme ("www.hiia.hu") is taken as https, as
# Django 6 will do.
URL_FIELDS = {db_models.URLField: {"assume_scheme": "https"}}

DISCUSSED_IN = (_("Briefs that discuss it"), {"fields": ["publications"]})


def side_by_side(name):
    """A translated field's languages on one line of the form, each labelled
    with its language ("Title (English)", "Title (Hungarian)")."""
    return tuple(in_every_language(name))


def in_every_language_searched(*names):
    """Search fields for translated ``names``: a row is found by any language's."""
    return [field for name in names for field in in_every_language(name)]


RECORD_FIELDSET = (
    _("Record"),
    {"fields": ["created_at", "updated_at"], "classes": ["collapse"]},
)


# What a multipart upload adds to its file: boundaries, headers, the other fields.
FORM_OVERHEAD = 64 * 1024


class UploadGone(Exception):
    """The file a preview stored is no longer there for the confirm step."""

    message = _(
        "The uploaded file is no longer available, so nothing was imported. "
        "Upload it again. (An upload is kept until its import is written or "
        "refused, and a day at most.)"
    )


class UploadStorage(BaseStorage):
    """Uploads wait in the database between preview and confirm (``models.Upload``).

    django-import-export's hook for where an upload waits (``tmp_storage_class``).
    Its cache storage kept them in Redis, which evicts what it likes when full
    and may not answer; its temporary files are on one server's disk only.
    An upload is read back only for the curator who sent it, and a missing
    one is ``UploadGone``, which the pages say in words (the library would
    import it as an empty file).
    """

    def __init__(self, *, user=None, file_name="", **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.file_name = file_name

    def save(self, data):
        if isinstance(data, str):
            data = data.encode()
        upload = models.Upload.objects.keep(data, name=self.file_name, user=self.user)
        self.name = str(upload.pk)

    def read(self):
        data = models.Upload.objects.data_of(self.name, user=self.user)
        if data is None:
            raise UploadGone
        return data

    def remove(self):
        models.Upload.objects.release(self.name)


class RuleBookWords:
    """Form fields that say what every door says of the same input: a NUL in
    a text gets the rule book's words, not Django's "Null characters are not
    allowed." (the table, bundle and text doors refuse it so)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        for validator in getattr(formfield, "validators", ()):
            if isinstance(validator, ProhibitNullCharactersValidator):
                validator.message = rules.NUL_IN_TEXT
        return formfield


class VersionedFieldsets(RuleBookWords):
    """Forms that save over stored rows carry the row's version (no lost updates)."""

    form = VersionedModelForm

    def get_fieldsets(self, request, obj=None):
        # The version travels with every form that can save over a stored row,
        # and nowhere else: a Reader would see it as an empty "Version" line.
        fieldsets = [
            (name, {**options, "fields": without_version(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is not None and self.has_change_permission(request, obj):
            name, options = fieldsets[0]
            fieldsets[0] = (
                name,
                {**options, "fields": [*options["fields"], VERSION_FIELD]},
            )
        return fieldsets


class ValuesListFilter(admin.AllValuesFieldListFilter):
    """A field's values, a blank one named as an empty value is (not an empty link)."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if not str(choice["display"]).strip():
                choice["display"] = self.empty_value_display
            yield choice


class CurationAdmin(VersionedFieldsets, ImportExportModelAdmin, SimpleHistoryAdmin):
    """What every briefs admin shares: import/export, history, no lost updates."""

    # An empty value, in a cell and in a filter ("By country"), said in words.
    empty_value_display = _("(none)")

    formfield_overrides = URL_FIELDS
    # The library's documented hook for where uploads wait: the database,
    # which every app server and task worker reaches.
    tmp_storage_class = UploadStorage
    # CSV and XLSX exports escape spreadsheet formulae (briefs.exchange.formats).
    formats = FORMATS
    import_template_name = "admin/briefs/import.html"
    import_form_class = FormatFromFileImportForm
    readonly_fields = ["created_at", "updated_at"]
    # Aggregate columns, computed in the changelist's own query (not per row).
    list_annotations = {}

    def get_queryset(self, request):
        queryset = super().get_queryset(request).annotate(**self.list_annotations)
        # An aggregate column groups the query, and Django leaves Meta.ordering
        # out of a grouped query: pages (the changelist's, autocomplete's) need
        # the order said (UnorderedObjectListWarning).
        if self.list_annotations and not queryset.query.order_by:
            queryset = queryset.order_by(*self.model._meta.ordering, "pk")
        return queryset

    # --- Every page that writes is one write ---------------------------------
    # Its rows, inlines included, are noted as they are saved, and what follows
    # from them is settled once, in the page's transaction
    # (briefs.domain.derived). Django runs an admin action outside any
    # transaction: here it is one write too, all or nothing.

    def changeform_view(self, request, *args, **kwargs):
        with derived.write():
            return super().changeform_view(request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        with derived.write():
            return super().delete_view(request, *args, **kwargs)

    def response_action(self, request, queryset):
        with derived.write():
            return super().response_action(request, queryset)

    # --- Import: the engine of import_table, behind the library's pages -------

    def import_action(self, request, **kwargs):
        """The preview: the file goes into the upload storage and through a dry run.

        django-import-export's forms, storage and page stay; its row-by-row
        import is replaced by ``import_table``'s, so the admin reads every
        cell, refuses every file and says every problem as the command line
        does.
        """
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return super().import_action(request, **kwargs)
        limits = Limits.from_settings()
        posted = int(request.META.get("CONTENT_LENGTH") or 0)
        if limits.size is not None and posted > limits.size + FORM_OVERHEAD:
            # Refused before Django reads the body, which it would otherwise
            # copy to a temporary file whatever its size.
            form = self.get_import_form_class(request)(
                self.get_import_formats(), self.get_import_resource_classes(request)
            )
            return self.import_page(
                request, form, problems=too_large(posted, limits.size).problems
            )
        form = self.create_import_form(request)
        if not form.is_valid():
            return super().import_action(request, **kwargs)
        import_file = form.cleaned_data["import_file"]
        input_format = self.get_import_formats()[int(form.cleaned_data["format"])]()
        try:
            if limits.size is not None and import_file.size > limits.size:
                raise too_large(import_file.size, limits.size)
            storage = self.write_to_tmp_storage(import_file, input_format, request)
            import_file.tmp_storage_name = storage.name
            upload = storage.read()
            # A workbook that would unzip past the limits is refused here, in
            # well under a second, before it is counted or sent to a worker.
            check_limits(
                upload, input_format.get_title().lower(), limits, import_file.name
            )
            if self.is_large(upload, input_format):
                return self.enqueue_import(
                    request,
                    storage,
                    input_format,
                    import_file.name,
                    confirm=self.get_confirm_form_initial(request, form),
                )
            summary = self.run_import(
                request, upload, input_format, import_file.name, dry_run=True
            )
        except TableError as error:
            return self.import_page(request, form, problems=error.problems)
        except UploadGone:
            messages.error(request, UploadGone.message)
            return self.import_page(request, form)
        return self.import_page(
            request,
            form,
            summary=summary,
            confirm_form=self.create_confirm_form(request, import_form=form),
        )

    def create_import_form(self, request):
        form = super().create_import_form(request)
        # An empty file is the engine's to refuse, in the words every door
        # uses, not Django's "The submitted file is empty.".
        form.fields["import_file"].allow_empty_file = True
        return form

    def process_import(self, request, **kwargs):
        """The confirm: the stored upload is written by the same engine, or nothing is."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        confirm_form = self.create_confirm_form(request)
        if not confirm_form.is_valid():
            return super().process_import(request, **kwargs)
        data = confirm_form.cleaned_data
        input_format = self.get_import_formats()[int(data["format"])]()
        storage = self.get_tmp_storage_class()(
            name=data["import_file_name"],
            read_mode=input_format.get_read_mode(),
            user=request.user,
            **self.get_tmp_storage_class_kwargs(),
        )
        try:
            upload = storage.read()
            if self.is_large(upload, input_format):
                return self.enqueue_import(
                    request, storage, input_format, data["original_file_name"]
                )
            result = self.run_import(
                request, upload, input_format, data["original_file_name"]
            )
        except UploadGone:
            messages.error(request, UploadGone.message)
            return HttpResponseRedirect(self.import_url)
        except TableError as error:
            # The database changed since the preview (a slug renamed meanwhile).
            storage.remove()
            form = self.get_import_form_class(request)(
                self.get_import_formats(), self.get_import_resource_classes(request)
            )
            return self.import_page(request, form, problems=error.problems)
        storage.remove()
        # The library's own end of an import: its log, message, post_import
        # signal and redirect, through the hooks below.
        return self.process_result(result, request)

    def generate_log_entries(self, result, request):
        self.log_import(result, request.user)

    def is_large(self, upload, input_format):
        """Whether the file's preview and import are background jobs rather than requests:
        by its rows, or by the bytes there are to read (a workbook's once unzipped)."""
        file_format = input_format.get_title().lower()
        size = xlsx_unpacked_size(upload) if file_format == "xlsx" else len(upload)
        return size > settings.IMPORT_BACKGROUND_SIZE or rows_above(
            upload, file_format, settings.IMPORT_BACKGROUND_ROWS
        )

    def enqueue_import(self, request, storage, input_format, file_name, confirm=None):
        """The import of a stored upload as a job (a dry run with ``confirm``), and its page."""
        job = jobs.import_upload.enqueue(
            self.opts.model_name,
            storage.name,
            input_format.get_title().lower(),
            file_name,
            request.user.pk,
            confirm=confirm,
            # The job reports in the curator's language, not the worker's.
            language=get_language(),
        )
        return HttpResponseRedirect(
            reverse(f"{self.admin_site.name}:{self.import_job_name}", args=[job.id])
        )

    def add_success_message(self, result, request):
        messages.success(request, self.finished(result))

    def imported(self, result, user):
        """What the confirm does once an import is written, for a background job."""
        self.log_import(result, user)
        post_import.send(sender=None, model=self.model)

    def log_import(self, result, user):
        """One entry in the admin's log for an import that wrote anything.

        The library logs each row, which would read every row of a large
        import back to name it; each row's history already names the user
        and the file, so the log sums up the import as a whole.
        """
        if self.get_skip_admin_log() or user is None or not result.rows_written:
            return
        LogEntry.objects.create(
            user_id=user.pk,
            content_type_id=ContentType.objects.get_for_model(self.model).pk,
            object_id=None,
            object_repr=(result.file_name or "Import")[:200],
            action_flag=ADDITION if not result.updated else CHANGE,
            change_message=self.finished(result),
        )

    def finished(self, result):
        return gettext(
            "Import finished: {created} new, {updated} updated, {deleted} deleted "
            "and {unchanged} skipped {rows}."
        ).format(
            created=result.created,
            updated=result.updated,
            deleted=result.deleted,
            unchanged=result.unchanged,
            rows=self.opts.verbose_name_plural,
        )

    @property
    def import_url(self):
        site, opts = self.admin_site.name, self.opts
        return reverse(f"{site}:{opts.app_label}_{opts.model_name}_import")

    @property
    def import_job_name(self):
        return f"{self.opts.app_label}_{self.opts.model_name}_import_job"

    def get_urls(self):
        return [
            path(
                "import/job/<str:job_id>/",
                self.admin_site.admin_view(self.import_job_view),
                name=self.import_job_name,
            ),
            *super().get_urls(),
        ]

    def import_job_view(self, request, job_id):
        """A background import's progress, then its result or every problem."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        try:
            job = jobs.import_upload.get_result(job_id)
        except (TaskResultDoesNotExist, ValueError, ValidationError):
            raise Http404("No such import.") from None
        if job.args[-1] != request.user.pk:
            raise PermissionDenied
        outcome = (
            job.return_value if job.status == TaskResultStatus.SUCCESSFUL else None
        )
        done = (
            ImportResult(self.model, **outcome)
            if outcome and "created" in outcome
            else None
        )
        confirm = job.kwargs.get("confirm")
        lost = jobs.worker_lost(job)
        context = {
            **self.admin_site.each_context(request),
            "title": "Import",
            "opts": self.opts,
            "file_name": job.args[3],
            "dry_run": confirm is not None,
            "finished": job.is_finished or lost,
            "lost": lost,
            "progress": jobs.progress_of(job.id),
            "gone": bool(outcome and outcome.get("gone")),
            "problems": [
                Problem(**problem) for problem in (outcome or {}).get("problems", [])
            ],
        }
        if done and confirm is not None:
            context["preview"] = done
            context["confirm_form"] = self.get_confirm_form_class(request)(
                initial=confirm
            )
        elif done:
            context["summary"] = self.finished(done)
        request.current_app = self.admin_site.name
        return TemplateResponse(request, ["admin/briefs/import_job.html"], context)

    def write_to_tmp_storage(self, import_file, input_format, request=None):
        # The library adds chunk to chunk, which copies a large file over and over.
        storage = self.get_tmp_storage_class()(
            file_name=import_file.name,
            read_mode=input_format.get_read_mode(),
            user=getattr(request, "user", None),
            **self.get_tmp_storage_class_kwargs(),
        )
        storage.save(b"".join(import_file.chunks()))
        return storage

    def run_import(self, request, data, input_format, file_name, *, dry_run=False):
        if isinstance(data, str):
            data = data.encode()  # a text format's storage may hand back text
        return import_table(
            self.opts.model_name,
            data,
            input_format.get_title().lower(),
            dry_run=dry_run,
            user=request.user,
            file_name=file_name,
            limits=Limits.from_settings(),
        )

    def get_import_context_data(self, **kwargs):
        # Each column of the table, from the declarations the engine parses with.
        return {
            **super().get_import_context_data(**kwargs),
            "columns": column_guide(self.model._meta.model_name),
        }

    def import_page(self, request, form, *, problems=(), **context):
        rows = {problem.row for problem in problems if problem.row is not None}
        context = {
            **self.get_import_context_data(),
            **self.admin_site.each_context(request),
            **context,
            "title": "Import",
            "opts": self.opts,
            "form": form,
            "media": self.media + form.media,
            "problems": problems,
            "problem_rows": len(rows),
            "fields_list": [
                (
                    resource.get_display_name(),
                    [field.column_name for field in resource.get_user_visible_fields()],
                )
                for resource in (
                    resource_class(**self.get_import_resource_kwargs(request))
                    for resource_class in self.get_import_resource_classes(request)
                )
            ],
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    # --- History: restoring a version is a change ----------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history only checks view permission on this page, even for
        # the POST that restores a version: a Reader could otherwise revert.
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            request.restoring_version = version_id
        # One write, as for the change view: the version check locks the row.
        with derived.write():
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )

    def save_model(self, request, obj, form, change):
        version_id = getattr(request, "restoring_version", None)
        if version_id is not None:
            obj._change_reason = f"Restored version {version_id}"
        super().save_model(request, obj, form, change)


def without_version(fields):
    return [field for field in fields if field != VERSION_FIELD]


# --- Partial dates -------------------------------------------------------------


class PartialDateAdmin(CurationAdmin):
    """A fact briefs discuss (meeting, sanction, release): its partial dates
    edited as date + precision, with a preview of how they read, and the
    briefs that discuss it, original editions only (``DiscussedForm``).

    The preview is rendered by ``briefs.dates`` on the server, first on the
    page and then, as the curator types, through ``date-preview/`` (see
    ``static/briefs/admin/partial-date-preview.js``), so it always reads
    exactly as the site will.
    """

    form = DiscussedForm

    class Media:
        js = ["briefs/admin/partial-date-preview.js"]

    @property
    def date_preview_name(self):
        return f"{self.opts.app_label}_{self.opts.model_name}_date_preview"

    def get_urls(self):
        return [
            path(
                "date-preview/",
                self.admin_site.admin_view(self.date_preview_view),
                name=self.date_preview_name,
            ),
            *super().get_urls(),
        ]

    def date_preview_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return JsonResponse(
            read_typed_date(
                request.GET.get("date", ""),
                request.GET.get("precision", ""),
                request.GET.get("approximate") == "1",
            )
        )

    def preview_url(self):
        return reverse(f"{self.admin_site.name}:{self.date_preview_name}")


def read_typed_date(text, precision, approximate):
    """How a date typed into the admin will read on the site, or why it cannot."""
    if not text.strip():
        return {"text": "", "error": ""}
    try:
        date = forms.DateField().clean(text)
        dates.validate(date, precision)
    except ValidationError as error:
        return {"text": "", "error": " ".join(error.messages)}
    normalized = dates.normalize(date, precision)
    return {"text": dates.render(normalized, precision, approximate), "error": ""}


def reads_as(prefix):
    """A read-only "reads as" line for the partial date stored under ``prefix``."""

    @admin.display(description=_("reads as"))
    def preview(model_admin, obj):
        text = dates.render(
            getattr(obj, prefix),
            getattr(obj, f"{prefix}_precision"),
            getattr(obj, f"{prefix}_approximate"),
        )
        return format_html(
            '<span class="partial-date-preview" data-prefix="{}" data-url="{}">'
            "{}</span>",
            prefix,
            model_admin.preview_url(),
            text,
        )

    return preview


def partial_date_fields(prefix):
    return [
        (prefix, f"{prefix}_precision", f"{prefix}_approximate"),
        f"{prefix}_reads_as",
    ]


@admin.display(description=_("date"), ordering="date")
def when(obj):
    return obj.when


# --- Inlines ---------------------------------------------------------------------


class CurationInline(VersionedFieldsets):
    """Each inline row carries its own version: a stale parent form cannot
    save over a row someone changed meanwhile (the parent's version does not
    move when only a part is edited elsewhere)."""

    extra = 0


class SectionInline(CurationInline, admin.StackedInline):
    model = models.Section
    fields = ["position", "heading", "body"]


class ContributionInline(CurationInline, admin.TabularInline):
    model = models.Contribution
    autocomplete_fields = ["author"]
    fields = ["position", "author", "role"]


class SourceReferenceInline(CurationInline, admin.TabularInline):
    model = models.SourceReference
    formfield_overrides = URL_FIELDS
    fields = ["number", "anchor_text", "url"]


class ActorAliasInline(CurationInline, admin.TabularInline):
    model = models.ActorAlias
    extra = 1
    fields = ["name"]


class MeetingParticipantInline(CurationInline, admin.TabularInline):
    model = models.MeetingParticipant
    autocomplete_fields = ["actor"]
    fields = ["position", "actor", "role"]


class NationalityCountInline(CurationInline, admin.TabularInline):
    model = models.NationalityCount
    formset = NationalityBreakdownFormSet
    autocomplete_fields = ["country"]

    def get_extra(self, request, obj=None, **kwargs):
        # A row for each count a brief's proposal fills in (ProposedBreakdownAdmin).
        proposed = len(request.GET.getlist("nationality")) if obj is None else 0
        return max(super().get_extra(request, obj, **kwargs), proposed)


class EvidenceInline(CurationInline, admin.StackedInline):
    """The evidence of a record's facts: which brief states which value, in which words."""

    model = models.Evidence
    # The record's own foreign key is the inline's; the other two stay empty.
    autocomplete_fields = ["publication", "actor", "meeting", "sanction", "release"]
    # Each piece one line (its heading names fact, value and brief) until
    # opened: eight of them open made a meeting's page 8,660 px long.
    fieldsets = [
        (
            "Details",
            {
                "classes": ["collapse"],
                "fields": [
                    ("publication", "number"),
                    ("fact", "actor"),
                    ("value", "rank"),
                    ("section", "sources"),
                    "quote",
                    "note",
                    "quote_found",
                ],
            },
        )
    ]
    readonly_fields = ["quote_found"]


class MeetingEvidenceInline(EvidenceInline):
    fk_name = "meeting"


class SanctionEvidenceInline(EvidenceInline):
    fk_name = "sanction"


class ReleaseEvidenceInline(EvidenceInline):
    fk_name = "release"


class EvidenceFilter(admin.SimpleListFilter):
    """Records whose evidence a later edit of its text broke, or that have none."""

    title = _("evidence")
    parameter_name = "evidence"

    def lookups(self, request, model_admin):
        return [
            ("not_found", _("Evidence no longer found")),
            ("none", _("No evidence")),
        ]

    def queryset(self, request, queryset):
        subject = next(
            name
            for name in models.SUBJECTS
            if models.Evidence._meta.get_field(name).related_model is queryset.model
        )
        evidence = models.Evidence.objects.filter(**{subject: OuterRef("pk")})
        if self.value() == "not_found":
            return queryset.filter(Exists(evidence.not_found()))
        if self.value() == "none":
            return queryset.exclude(Exists(evidence))
        return queryset


# --- The six core models -------------------------------------------------------


class PreviewLinkInline(admin.TabularInline):
    """Links for reviewers without an account; whoever may edit the brief manages them."""

    model = models.PreviewLink
    extra = 0
    fields = ["sent_to", "expires_at", "revoked", "link", "created_by"]
    readonly_fields = ["link", "created_by"]
    verbose_name = _("preview link for a reviewer")
    verbose_name_plural = _("preview links for reviewers")

    @admin.display(description=_("link"))
    def link(self, obj):
        if obj.pk is None:
            return gettext("Save to make the link.")
        state = "" if obj.is_usable else " " + gettext("(no longer works)")
        return format_html(
            '<a href="{}">{}</a>{}',
            obj.get_absolute_url(),
            obj.get_absolute_url(),
            state,
        )

    def has_view_permission(self, request, obj=None):
        # A link opens the draft to anyone: only those who may see drafts see it.
        return rules.sees_drafts(request.user)

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("briefs.change_publication")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("briefs.change_publication")

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("briefs.change_publication")


@admin.register(models.Publication)
class PublicationAdmin(BriefFromTextAdmin, CurationAdmin):
    resource_classes = [resources.PublicationResource]
    form = PublicationAdminForm
    list_display = [
        "title",
        "language",
        "series",
        "publication_date",
        "status",
        "publish_at",
        "published_at",
    ]
    list_filter = ["status", "language", "series"]
    search_fields = ["title", "slug", "summary", "contributions__author__name"]
    date_hierarchy = "publication_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["actors", "translation_of"]
    readonly_fields = [
        "published_at",
        "number_in_series",
        "pdf_edition_state",
        "editions",
        *CurationAdmin.readonly_fields,
    ]
    inlines = [
        ContributionInline,
        SectionInline,
        SourceReferenceInline,
        PreviewLinkInline,
    ]
    actions = ["submit_for_review", "publish", "unpublish"]
    change_form_template = "admin/briefs/publication_change_form.html"
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "series", "publication_date", "language"]},
        ),
        (
            _("Status"),
            {
                "fields": [
                    "status",
                    "publish_at",
                    "published_at",
                    "number_in_series",
                    "pdf_edition_state",
                ],
                "description": _(
                    "A draft is submitted for review; an editor who may publish "
                    "publishes it, now or at a time set in “publish at”."
                ),
            },
        ),
        (
            _("Publisher"),
            {
                "fields": [
                    "publisher",
                    "publisher_url",
                    "copyright_line",
                    "cover_photo_credit",
                ]
            },
        ),
        (
            _("Editions"),
            {
                "fields": [
                    "editions",
                    "translation_of",
                    "unofficial_translation",
                    "translation_note",
                ],
                "description": _(
                    "An edition per language: a translation names the original "
                    "edition, whose facts it states; its text and evidence are "
                    "its own."
                ),
            },
        ),
        (_("Abstract"), {"fields": ["summary"]}),
        (_("Actors the brief mentions"), {"fields": ["actors"]}),
        RECORD_FIELDSET,
    ]

    def has_publish_permission(self, request):
        return rules.may_publish(request.user)

    def get_search_results(self, request, queryset, search_term):
        # A fact is linked to an original edition (its translations state its
        # facts), and an edition translates an original: their autocompletes
        # offer no translation.
        if request.GET.get("field_name") in ("publications", "translation_of"):
            queryset = queryset.originals()
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("Number in the series"))
    def number_in_series(self, obj):
        if obj.series_number is None:
            return gettext("Given when the brief is first published.")
        return f"{obj.series_label} (DOI {obj.doi})" if obj.doi else obj.series_label

    @admin.display(description=_("Editions"))
    def editions(self, obj):
        """The brief's other editions, each linked to its page here (the page's
        tools add one in each language it lacks: ``change_view``)."""
        if obj is None or obj.pk is None:
            return _("Once the brief is saved, its editions are listed here.")
        links = [
            format_html(
                '<a href="{}" hreflang="{}">{}: {}</a> ({})',
                reverse("admin:briefs_publication_change", args=[edition.pk]),
                edition.language,
                edition.language_name.capitalize(),
                edition,
                edition.get_status_display().lower(),
            )
            for edition in obj.edition_list
            if edition.pk != obj.pk
        ]
        return format_html_join(
            mark_safe("<br>"), "{}", ((link,) for link in links)
        ) or _("No other edition.")

    @admin.display(description=_("PDF edition"))
    def pdf_edition_state(self, obj):
        """The edition's state; why the last job failed, if it did."""
        edition = models.PdfEdition.objects.filter(pk=obj.pk).defer("pdf").first()
        if edition is None:
            return gettext("Made by a background job once the brief is published.")
        parts = []
        if edition.is_made:
            parts.append(
                format_html(
                    gettext('<a href="{}">{} pages</a>, made {} in {} s.'),
                    reverse("briefs:publication_pdf", kwargs={"slug": obj.slug}),
                    edition.pages,
                    date_format(localtime(edition.made_at), "DATETIME_FORMAT"),
                    edition.seconds,
                )
            )
        if edition.failure:
            failed = format_html(
                gettext("The last job failed ({}): {}."),
                date_format(localtime(edition.failed_at), "DATETIME_FORMAT"),
                edition.failure,
            )
            if edition.is_made:
                failed = format_html(
                    "{} {}", failed, gettext("The site keeps the PDF before it.")
                )
            parts.append(format_html('<strong class="errornote">{}</strong>', failed))
        return format_html_join(" ", "{}", ((part,) for part in parts))

    def has_delete_permission(self, request, obj=None):
        # Deleting a published brief takes it down: a publisher's, as unpublishing is.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or publishing.may_delete(request.user, obj))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # "Add a translation", one a language the brief lacks, for whoever may add.
        publication = self.get_object(request, unquote(object_id))
        translations = []
        if publication is not None and self.has_add_permission(request):
            translations = [
                (
                    _("Add a translation: %(language)s") % {"language": name},
                    reverse(
                        "admin:briefs_publication_add_translation",
                        args=[publication.pk, code],
                    ),
                )
                for code, name in editions.missing_languages(publication)
            ]
        extra_context = {**(extra_context or {}), "translations_to_add": translations}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            # Publishing, unpublishing and scheduling are a publisher's.
            readonly.append("publish_at")
            if obj is not None and obj.is_published:
                readonly.append("status")
        return readonly

    def save_model(self, request, obj, form, change):
        version_id = getattr(request, "restoring_version", None)
        reason = f"Restored version {version_id}" if version_id is not None else ""
        try:
            publishing.publication_save(
                publication=obj, user=request.user, reason=reason
            )
        except ValidationError as error:
            # The form said so already; a change made meanwhile may say it here.
            raise PermissionDenied(" ".join(error.messages)) from None

    def delete_model(self, request, obj):
        publishing.publication_delete(publication=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for publication in queryset:
            self.delete_model(request, publication)

    def save_formset(self, request, form, formset, change):
        if formset.model is models.PreviewLink:
            for link_form in formset.forms:
                if link_form.instance.pk is None:
                    link_form.instance.created_by = request.user
        super().save_formset(request, form, formset, change)

    @admin.action(
        description=_("Submit the selected drafts for review"), permissions=["change"]
    )
    def submit_for_review(self, request, queryset):
        submitted = 0
        for publication in queryset.filter(status=models.Publication.Status.DRAFT):
            publishing.publication_submit(publication=publication, user=request.user)
            self.log_change(request, publication, "Submitted for review.")
            submitted += 1
        self.message_user(
            request,
            ngettext(
                "Submitted {count} brief for review.",
                "Submitted {count} briefs for review.",
                submitted,
            ).format(count=submitted),
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/facts-without-evidence/",
                self.admin_site.admin_view(self.facts_without_evidence_view),
                name="briefs_publication_facts_without_evidence",
            ),
            path(
                "<path:object_id>/add-translation/<str:language>/",
                self.admin_site.admin_view(self.add_translation_view),
                name="briefs_publication_add_translation",
            ),
            *super().get_urls(),
        ]

    def add_translation_view(self, request, object_id, language):
        """Asks, then adds the brief's edition in ``language``, a draft started
        from its original (``briefs.domain.editions.edition_add``)."""
        publication = self.get_object(request, unquote(object_id))
        if publication is None or not self.has_view_permission(request, publication):
            raise Http404("No such brief.")
        if not self.has_add_permission(request):
            raise PermissionDenied
        names = dict(settings.LANGUAGES)
        if language not in names:
            raise Http404("No such language.")
        if request.method == "POST":
            try:
                with derived.write():
                    edition = editions.edition_add(
                        publication=publication, language=language, user=request.user
                    )
                    self.log_addition(request, edition, str(edition._change_reason))
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return HttpResponseRedirect(
                    reverse("admin:briefs_publication_change", args=[publication.pk])
                )
            self.message_user(
                request,
                _(
                    "The %(language)s edition is a draft started from the "
                    "original: translate its title, abstract and sections, then "
                    "find each quote of its evidence again in its own words."
                )
                % {"language": names[language]},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:briefs_publication_change", args=[edition.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Add a translation: %(language)s")
            % {"language": names[language]},
            "publication": publication,
            "original": publication.facts_edition,
            "language_name": names[language],
        }
        return TemplateResponse(
            request, "admin/briefs/publication_add_translation.html", context
        )

    def facts_without_evidence_view(self, request, object_id):
        """The facts this brief discusses that none of its evidence states yet."""
        publication = self.get_object(request, unquote(object_id))
        if publication is None or not self.has_view_permission(request, publication):
            raise Http404("No such brief.")
        missing = selectors.facts_without_evidence(publication)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Facts without evidence: {brief}").format(
                brief=publication
            ),
            "publication": publication,
            "missing": missing,
        }
        return TemplateResponse(
            request, "admin/briefs/facts_without_evidence.html", context
        )

    @admin.action(description=_("Publish the selected briefs"), permissions=["publish"])
    def publish(self, request, queryset):
        published = 0
        for publication in queryset.exclude(status=models.Publication.Status.PUBLISHED):
            publishing.publication_publish(publication=publication, user=request.user)
            self.log_change(request, publication, "Published.")
            published += 1
        self.message_user(
            request,
            ngettext(
                "Published {count} brief.", "Published {count} briefs.", published
            ).format(count=published),
        )

    @admin.action(
        description=_("Unpublish the selected briefs (back to draft)"),
        permissions=["publish"],
    )
    def unpublish(self, request, queryset):
        unpublished = 0
        for publication in queryset.filter(status=models.Publication.Status.PUBLISHED):
            publishing.publication_unpublish(publication=publication, user=request.user)
            self.log_change(request, publication, "Unpublished.")
            unpublished += 1
        self.message_user(
            request,
            ngettext(
                "Unpublished {count} brief.", "Unpublished {count} briefs.", unpublished
            ).format(count=unpublished),
        )


@admin.register(models.Author)
class AuthorAdmin(CurationAdmin):
    resource_classes = [resources.AuthorResource]
    list_display = ["name", "position", "affiliation", "orcid"]
    list_filter = [("affiliation", ValuesListFilter)]
    search_fields = ["name", "slug", "position", "affiliation", "orcid"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Actor)
class ActorAdmin(ProposedActorAdmin, CurationAdmin):
    resource_classes = [resources.ActorResource]
    list_display = [original("name"), "kind", "country", "position", "wikidata_id"]
    list_select_related = ["country"]
    list_filter = ["kind", ("country", admin.RelatedOnlyFieldListFilter)]
    # An actor is found by any spelling the briefs use ("Lukashenka"), in
    # any language ("Lukasenko").
    search_fields = [
        *in_every_language_searched("name"),
        "aliases__name",
        "slug",
        *in_every_language_searched("position"),
        "wikidata_id",
    ]
    prepopulated_fields = {"slug": [original("name")]}
    autocomplete_fields = ["country"]
    inlines = [ActorAliasInline]
    fields = [
        side_by_side("name"),
        "slug",
        "kind",
        side_by_side("position"),
        "country",
        "wikidata_id",
        side_by_side("description"),
    ]


@admin.register(models.Meeting)
class MeetingAdmin(PartialDateAdmin):
    resource_classes = [resources.MeetingResource]
    list_display = [original("title"), when, "place", "country", "participant_count"]
    list_select_related = ["country"]
    list_filter = [
        "date_precision",
        ("country", admin.RelatedOnlyFieldListFilter),
        EvidenceFilter,
    ]
    search_fields = [
        *in_every_language_searched("title"),
        "slug",
        *in_every_language_searched("place"),
        "topics",
        *(f"participants__{name}" for name in in_every_language("name")),
    ]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": [original("title")]}
    autocomplete_fields = ["country", "publications"]
    readonly_fields = ["date_reads_as", *CurationAdmin.readonly_fields]
    inlines = [MeetingParticipantInline, MeetingEvidenceInline]
    fieldsets = [
        (None, {"fields": [side_by_side("title"), "slug"]}),
        (
            _("When and where"),
            {
                "fields": [
                    *partial_date_fields("date"),
                    side_by_side("place"),
                    "country",
                    ("duration_hours", "duration_approximate"),
                ]
            },
        ),
        (_("What"), {"fields": ["topics", "outcome", "significance"]}),
        DISCUSSED_IN,
        RECORD_FIELDSET,
    ]

    date_reads_as = reads_as("date")
    list_annotations = {"participant_count": Count("participations")}

    @admin.display(description=_("participants"), ordering="participant_count")
    def participant_count(self, obj):
        return obj.participant_count


@admin.register(models.Sanction)
class SanctionAdmin(PartialDateAdmin):
    resource_classes = [resources.SanctionResource]
    list_display = [
        original("title"),
        "imposed_by",
        "target",
        "sector",
        "status",
        "started",
    ]
    list_select_related = ["imposed_by", "target"]
    list_filter = [
        "status",
        ("imposed_by", admin.RelatedOnlyFieldListFilter),
        ("target", admin.RelatedOnlyFieldListFilter),
        EvidenceFilter,
    ]
    inlines = [SanctionEvidenceInline]
    search_fields = [
        *in_every_language_searched("title"),
        "slug",
        "sector",
        *(f"imposed_by__{name}" for name in in_every_language("name")),
        *(f"target__{name}" for name in in_every_language("name")),
    ]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": [original("title")]}
    autocomplete_fields = ["imposed_by", "target", "publications"]
    readonly_fields = [
        "start_date_reads_as",
        "end_date_reads_as",
        *CurationAdmin.readonly_fields,
    ]
    fieldsets = [
        (None, {"fields": [side_by_side("title"), "slug"]}),
        (
            _("Who and what"),
            {"fields": ["imposed_by", "target", "sector", "description"]},
        ),
        (_("Where it stands"), {"fields": ["status", "status_note"]}),
        (
            _("Dates"),
            {
                "fields": [
                    *partial_date_fields("start_date"),
                    *partial_date_fields("end_date"),
                ]
            },
        ),
        DISCUSSED_IN,
        RECORD_FIELDSET,
    ]

    start_date_reads_as = reads_as("start_date")
    end_date_reads_as = reads_as("end_date")

    @admin.display(description=_("since"), ordering="start_date")
    def started(self, obj):
        return obj.started


@admin.register(models.PrisonerRelease)
class PrisonerReleaseAdmin(ProposedBreakdownAdmin, PartialDateAdmin):
    resource_classes = [resources.PrisonerReleaseResource]
    list_display = [
        original("title"),
        when,
        "released_by",
        "released_to",
        "total",
        "broken_down",
        "meeting",
    ]
    list_select_related = ["released_by", "released_to", "meeting"]
    list_filter = [
        ("released_by", admin.RelatedOnlyFieldListFilter),
        ("released_to", admin.RelatedOnlyFieldListFilter),
        EvidenceFilter,
    ]
    search_fields = [
        *in_every_language_searched("title"),
        "slug",
        "description",
        *(f"released_by__{name}" for name in in_every_language("name")),
    ]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": [original("title")]}
    autocomplete_fields = [
        "released_by",
        "released_to",
        "meeting",
        "sanctions_relief",
        "publications",
    ]
    readonly_fields = ["date_reads_as", *CurationAdmin.readonly_fields]
    inlines = [NationalityCountInline, ReleaseEvidenceInline]
    fieldsets = [
        (None, {"fields": [side_by_side("title"), "slug"]}),
        (
            _("What happened"),
            {
                "fields": [
                    *partial_date_fields("date"),
                    "released_by",
                    "released_to",
                    "meeting",
                    "total",
                    "description",
                ]
            },
        ),
        (_("Traded for"), {"fields": ["sanctions_relief"]}),
        DISCUSSED_IN,
        RECORD_FIELDSET,
    ]

    date_reads_as = reads_as("date")
    list_annotations = {"counted": Sum("nationality_counts__count")}

    @admin.display(description=_("by nationality"), ordering="counted")
    def broken_down(self, obj):
        return obj.counted or 0


# --- Parts of a record: edited inline, registered for import and export -------


class SourceReferenceUrlFilter(admin.SimpleListFilter):
    """The references whose link a curator still has to find."""

    title = "URL"
    parameter_name = "url"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing")), ("known", _("Known"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(url="")
        if self.value() == "known":
            return queryset.exclude(url="")
        return queryset


@admin.register(models.Section)
class SectionAdmin(CurationAdmin):
    resource_classes = [resources.SectionResource]
    list_display = ["__str__", "publication", "position"]
    list_select_related = ["publication"]
    list_filter = [("publication", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["heading", "body", "publication__title"]
    autocomplete_fields = ["publication"]


@admin.register(models.Contribution)
class ContributionAdmin(CurationAdmin):
    resource_classes = [resources.ContributionResource]
    list_display = ["author", "role", "publication", "position"]
    list_select_related = ["author", "publication"]
    list_filter = ["role"]
    search_fields = ["author__name", "publication__title"]
    autocomplete_fields = ["publication", "author"]


@admin.register(models.SourceReference)
class SourceReferenceAdmin(CurationAdmin):
    resource_classes = [resources.SourceReferenceResource]
    list_display = ["anchor_text", "number", "publication", "url"]
    list_select_related = ["publication"]
    list_filter = [SourceReferenceUrlFilter]
    search_fields = ["anchor_text", "url", "publication__title"]
    autocomplete_fields = ["publication"]


@admin.register(models.ActorAlias)
class ActorAliasAdmin(CurationAdmin):
    resource_classes = [resources.ActorAliasResource]
    list_display = ["name", "actor"]
    list_select_related = ["actor"]
    list_filter = ["actor__kind"]
    search_fields = ["name", *(f"actor__{name}" for name in in_every_language("name"))]
    autocomplete_fields = ["actor"]


@admin.register(models.MeetingParticipant)
class MeetingParticipantAdmin(CurationAdmin):
    resource_classes = [resources.MeetingParticipantResource]
    list_display = ["actor", "role", "meeting", "position"]
    list_select_related = ["actor", "meeting"]
    list_filter = ["role"]
    search_fields = [
        *(f"actor__{name}" for name in in_every_language("name")),
        "actor__aliases__name",
        *(f"meeting__{title}" for title in in_every_language("title")),
    ]
    autocomplete_fields = ["meeting", "actor"]


@admin.register(models.NationalityCount)
class NationalityCountAdmin(CurationAdmin):
    resource_classes = [resources.NationalityCountResource]
    list_display = ["country", "count", "release"]
    list_select_related = ["country", "release"]
    list_filter = [("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = [
        *(f"country__{name}" for name in in_every_language("name")),
        *(f"release__{title}" for title in in_every_language("title")),
    ]
    autocomplete_fields = ["release", "country"]


class QuoteFoundFilter(admin.SimpleListFilter):
    title = _("quote")
    parameter_name = "quote"

    def lookups(self, request, model_admin):
        return [("not_found", _("Evidence no longer found")), ("found", _("Found"))]

    def queryset(self, request, queryset):
        if self.value() == "not_found":
            return queryset.not_found()
        if self.value() == "found":
            return queryset.filter(quote_found=True)
        return queryset


@admin.register(models.Evidence)
class EvidenceAdmin(CurationAdmin):
    resource_classes = [resources.EvidenceResource]
    list_display = ["__str__", "publication", "number", "rank", "quote_found"]
    list_select_related = ["publication", "meeting", "sanction", "release"]
    list_filter = [QuoteFoundFilter, "fact", "rank"]
    search_fields = ["quote", "value", "note", "publication__title"]
    autocomplete_fields = ["publication", "meeting", "sanction", "release", "actor"]
    readonly_fields = ["quote_found", *CurationAdmin.readonly_fields]
