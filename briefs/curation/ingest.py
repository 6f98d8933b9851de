"""
The admin's way in for a new brief: "Add a brief from its text", and its proposals.

A curator uploads the text of a brief (``.txt`` or ``.md``) or its PDF, or
pastes the text; the preview is a dry run of ``ingest_brief`` showing what
would be created, and confirming writes the draft. A PDF's text is extracted
for the preview (``briefs.exchange.pdfs``), and the confirm carries that text:
where it is out of layout, the page offers it, in the paste box, to correct. The draft's change form then lists what the
text proposes (``briefs.domain.proposals``): one click accepts a stored
actor (linked to the brief), a new actor (the actor form opens prefilled,
and the actor saved there is linked; or "Link to an existing actor" lists
the stored actors it may be), a nationality count (a release form opens
with the counts stated together filled in) or a date (a meeting form opens
with it filled in), or dismisses it. The proposals' rules are the domain's;
this module only carries the clicks to them.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html, format_html_join, mark_safe
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from briefs import models
from briefs.domain import proposals
from briefs.domain.languages import default_language, language_choices
from briefs.exchange.formats import NotText
from briefs.exchange.pdfs import PdfRefused, check_size, is_pdf, read_pdf
from briefs.exchange.texts import (
    IngestRefused,
    TextLayoutError,
    ingest_brief_text,
    read_text_file,
)
from briefs.models.base import original

# A brief's text is a few dozen kilobytes; a megabyte is surely not one.
MAX_TEXT_BYTES = 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md")


class BriefTextForm(forms.Form):
    """A brief's text, uploaded or pasted, and whether it may replace a draft's."""

    text_file = forms.FileField(
        required=False,
        label=gettext_lazy("A text file"),
        help_text=gettext_lazy(
            "The brief's PDF, or its text as .txt or .md (UTF-8) in the "
            "layout of fixtures/source/."
        ),
    )
    text = forms.CharField(
        required=False,
        label=gettext_lazy("or its text"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
    )
    update = forms.BooleanField(
        required=False,
        label=gettext_lazy("If the brief is already here as a draft, replace its text"),
    )
    # A choice offered, and the rule book's to refuse (one of the site's
    # languages), in the words every door says.
    language = forms.CharField(
        required=False,
        label=_("Its language"),
        help_text=_("The language the text is written in."),
        widget=forms.Select(choices=language_choices),
    )
    edition_of = forms.CharField(
        required=False,
        label=_("A translation of"),
        help_text=_(
            "The slug of the brief (any edition of it) this text translates: "
            "the draft is that brief's edition in this language, stating its "
            "facts. Empty for a brief of its own."
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", default_language())
        super().__init__(*args, **kwargs)
        # A NUL is the reader's to refuse, naming its line, as for an upload.
        self.fields["text"].validators = []

    def clean(self):
        cleaned_data = super().clean()
        upload, pasted = cleaned_data.get("text_file"), cleaned_data.get("text", "")
        if upload and pasted.strip():
            raise forms.ValidationError(
                gettext("Upload a file or paste a text, not both.")
            )
        cleaned_data["from_pdf"] = False
        if upload and is_pdf(upload.name, upload.read(1024)):
            cleaned_data["text"] = self.read_pdf_upload(upload)
            cleaned_data["from_pdf"] = True
        elif upload:
            cleaned_data["text"] = self.read_upload(upload)
        elif not pasted.strip():
            raise forms.ValidationError(gettext("Upload the brief's text or paste it."))
        return cleaned_data

    @staticmethod
    def read_pdf_upload(upload):
        """The text of an uploaded PDF, or the reason it has none, as the command says it."""
        try:
            check_size(upload.size, upload.name)
            upload.seek(0)
            return read_pdf(upload.read(), upload.name)
        except PdfRefused as error:
            raise forms.ValidationError({"text_file": str(error)}) from None

    @staticmethod
    def read_upload(upload):
        upload.seek(0)
        if not upload.name.lower().endswith(TEXT_SUFFIXES):
            raise forms.ValidationError(
                {
                    "text_file": gettext(
                        "“{name}” is not a .txt, .md or .pdf file."
                    ).format(name=upload.name)
                }
            )
        if upload.size > MAX_TEXT_BYTES:
            raise forms.ValidationError(
                {
                    "text_file": gettext(
                        "A brief's text is under a megabyte; this file is not."
                    )
                }
            )
        try:
            return read_text_file(upload.read())
        except NotText as error:
            raise forms.ValidationError(
                {"text_file": f"{upload.name}: {error}"}
            ) from None


class ConfirmForm(forms.Form):
    """The text the preview read, carried to the confirm unchanged."""

    text = forms.CharField(strip=False, widget=forms.HiddenInput)
    update = forms.BooleanField(required=False, widget=forms.HiddenInput)
    language = forms.CharField(required=False, widget=forms.HiddenInput)
    edition_of = forms.CharField(required=False, widget=forms.HiddenInput)


# What the preview carries to the confirm besides the text.
CARRIED = ("update", "language", "edition_of")


# --- Proposals on the draft ------------------------------------------------------


class ProposalInline(admin.TabularInline):
    """What the text proposes, for a curator who may only read the brief."""

    model = models.IngestProposal
    verbose_name = gettext_lazy("proposal from its text")
    verbose_name_plural = gettext_lazy("Proposed from its text: confirm or dismiss")
    fields = ["kind", "proposed", "said_in", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "publication")

    def has_view_permission(self, request, obj=None):
        # Proposals have no permissions of their own: they are part of the brief.
        return request.user.has_perm("briefs.view_publication")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("proposal"))
    def proposed(self, proposal):
        kinds = models.IngestProposal.Kind
        if proposal.kind == kinds.NEW_ACTOR and not proposal.actor_id:
            return format_html(
                '{} <span class="quiet">({})</span>',
                proposal.name,
                gettext("new {kind}").format(
                    kind=proposal.get_actor_kind_display().lower() or gettext("actor")
                ),
            )
        if proposal.kind == kinds.NATIONALITY:
            return format_html(
                '{} × {} <span class="quiet">({})</span>',
                proposal.count,
                proposal.name,
                gettext("stored")
                if proposal.actor_id
                else gettext("state not stored yet"),
            )
        if proposal.actor_id:
            return format_html(
                '<a href="{}">{}</a> <span class="quiet">({})</span>',
                reverse("admin:briefs_actor_change", args=[proposal.actor_id]),
                proposal.actor,
                proposal.actor.get_kind_display().lower(),
            )
        return format_html(
            '{} <span class="quiet">({})</span>',
            proposal.when,
            proposal.get_date_precision_display().lower(),
        )

    @admin.display(description=gettext_lazy("in the text"))
    def said_in(self, proposal):
        mention = escape(proposal.mention)
        return format_html_join(
            "",
            "<p>{}</p>",
            (
                # Both sides escaped first, so marking the words keeps it safe.
                (mark_safe(escape(s).replace(mention, f"<mark>{mention}</mark>")),)
                for s in proposal.sentence_list
            ),
        )


class ProposalDecisionInline(ProposalInline):
    """What the text proposes, with a button to accept or dismiss each open one."""

    fields = [*ProposalInline.fields, "decide"]
    readonly_fields = fields

    @admin.display(description="")
    def decide(self, proposal):
        if proposal.status != models.IngestProposal.Status.PROPOSED:
            return ""
        # The change form is one <form>: each button posts it to its own URL.
        url = reverse(
            "admin:briefs_publication_proposal",
            args=[proposal.publication_id, proposal.pk],
        )
        kinds = models.IngestProposal.Kind
        accept = {
            kinds.ACTOR: gettext("Accept"),
            kinds.NEW_ACTOR: gettext("Accept: add the actor"),
            kinds.NATIONALITY: gettext("Accept: add the release"),
            kinds.EVENT: gettext("Accept: add the meeting"),
        }[proposal.kind]
        link = ""
        if proposal.kind == kinds.NEW_ACTOR:
            link = format_html(
                ' <a class="button" href="{}">{}</a>',
                reverse(
                    "admin:briefs_publication_proposal_link",
                    args=[proposal.publication_id, proposal.pk],
                ),
                gettext("Link to an existing actor"),
            )
        return format_html(
            '<button type="submit" class="button" formaction="{}" formnovalidate '
            'name="decision" value="accept">{}</button>{} '
            '<button type="submit" class="button" formaction="{}" formnovalidate '
            'name="decision" value="dismiss">{}</button>',
            url,
            accept,
            link,
            url,
            gettext("Dismiss"),
        )


class BriefFromTextAdmin:
    """The publication admin's "Add a brief from its text" page and proposal decisions."""

    change_list_template = "admin/briefs/publication/change_list.html"
    from_text_template = "admin/briefs/publication_from_text.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "add-from-text/",
                view(self.add_from_text_view),
                name="briefs_publication_from_text",
            ),
            path(
                "<path:object_id>/proposals/<int:proposal_id>/",
                view(self.proposal_view),
                name="briefs_publication_proposal",
            ),
            path(
                "<path:object_id>/proposals/<int:proposal_id>/link/",
                view(self.proposal_link_view),
                name="briefs_publication_proposal_link",
            ),
            *super().get_urls(),
        ]

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        if obj is not None and obj.proposals.exists():
            decides = self.has_change_permission(request, obj)
            inlines.append(ProposalDecisionInline if decides else ProposalInline)
        return inlines

    def add_from_text_view(self, request):
        """Upload or paste → preview (a dry run) → confirm (the same text, written)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {"form": BriefTextForm(), "result": None, "problem": ""}
        if request.method == "POST" and "_confirm" in request.POST:
            confirm = ConfirmForm(request.POST)
            if confirm.is_valid():
                return self.ingest(request, **confirm.cleaned_data)
            context["problem"] = gettext(
                "The text to confirm was lost; upload it again."
            )
        elif request.method == "POST":
            form = BriefTextForm(request.POST, request.FILES)
            context["form"] = form
            if form.is_valid():
                context.update(self.preview(request, form.cleaned_data))
        return self.from_text_page(request, context)

    def preview(self, request, data):
        self.check_update_permission(request, data["update"])
        carried = {name: data[name] for name in CARRIED}
        try:
            result = ingest_brief_text(
                data["text"],
                dry_run=True,
                user=request.user,
                **carried,
            )
        except TextLayoutError as error:
            if not data["from_pdf"]:
                return {"problem": str(error)}
            # The lines are those of the text read from the PDF: offer it to correct.
            return {
                "problem": gettext(
                    "{problem} (in the text read from the PDF, below: "
                    "correct it and preview again)"
                ).format(problem=error),
                "form": BriefTextForm(initial={"text": data["text"], **carried}),
            }
        except IngestRefused as error:
            return {"problem": str(error)}
        return {
            "result": result,
            "confirm_form": ConfirmForm(initial={"text": data["text"], **carried}),
        }

    def ingest(self, request, *, text, update, language, edition_of):
        self.check_update_permission(request, update)
        try:
            result = ingest_brief_text(
                text,
                update=update,
                user=request.user,
                language=language,
                edition_of=edition_of,
            )
        except (TextLayoutError, IngestRefused) as error:
            # The database changed since the preview (or the text did).
            return self.from_text_page(
                request,
                {"form": BriefTextForm(), "result": None, "problem": str(error)},
            )
        publication = models.Publication.objects.get(slug=result.publication_slug)
        message = (
            "Added from its text." if result.created else "Text replaced from a file."
        )
        if result.created:
            self.log_addition(request, publication, message)
        else:
            self.log_change(request, publication, message)
        open_proposals = publication.proposals.filter(
            status=models.IngestProposal.Status.PROPOSED
        ).count()
        if result.created:
            done = gettext(
                "The draft “{brief}” was created from its text, with {count} "
                "proposals to confirm below."
            )
        else:
            done = gettext(
                "The draft “{brief}” was updated from its text, with {count} "
                "proposals to confirm below."
            )
        self.message_user(
            request,
            done.format(brief=publication, count=open_proposals),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:briefs_publication_change", args=[publication.pk])
        )

    def check_update_permission(self, request, update):
        if update and not self.has_change_permission(request):
            raise PermissionDenied

    def from_text_page(self, request, context):
        context = {
            **self.admin_site.each_context(request),
            **context,
            "title": gettext("Add a brief from its text"),
            "opts": self.opts,
            "media": self.media + context["form"].media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.from_text_template], context)

    def decided_proposal(self, request, object_id, proposal_id):
        """The open proposal of a draft the user may change, or a response saying why not."""
        publication = self.get_object(request, unquote(object_id))
        if publication is None:
            raise Http404("No such publication.")
        if not self.has_change_permission(request, publication):
            raise PermissionDenied
        proposal = get_object_or_404(
            publication.proposals.select_related("actor", "publication"),
            pk=proposal_id,
        )
        back = reverse("admin:briefs_publication_change", args=[publication.pk])
        if proposal.status != models.IngestProposal.Status.PROPOSED:
            self.message_user(
                request,
                gettext("“{mention}” was {status} already.").format(
                    mention=proposal.mention,
                    status=proposal.get_status_display().lower(),
                ),
                messages.INFO,
            )
            return None, HttpResponseRedirect(back)
        return proposal, back

    def proposal_link_view(self, request, object_id, proposal_id):
        """The stored actors a new-actor proposal may be, each a button linking it."""
        proposal, back = self.decided_proposal(request, object_id, proposal_id)
        if proposal is None:
            return back
        query = request.GET.get("q", "").strip()
        candidates = (
            models.Actor.objects.matching(query).order_by(original("name"))
            if query
            else proposals.actors_like(proposal)
        )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Link “{name}” to an existing actor").format(
                name=proposal.name
            ),
            "opts": self.opts,
            "proposal": proposal,
            "query": query,
            "candidates": candidates[:50],
            "decide_url": reverse(
                "admin:briefs_publication_proposal",
                args=[proposal.publication_id, proposal.pk],
            ),
            "back": back,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, ["admin/briefs/publication_proposal_link.html"], context
        )

    def proposal_view(self, request, object_id, proposal_id):
        """Accept, link or dismiss one proposal: a POST from the draft's change form."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        proposal, back = self.decided_proposal(request, object_id, proposal_id)
        if proposal is None:
            return back
        publication = proposal.publication
        kinds = models.IngestProposal.Kind
        decision = request.POST.get("decision")
        if decision == "dismiss":
            proposals.proposal_dismiss(proposal=proposal)
            self.message_user(
                request,
                gettext("Dismissed “{mention}”.").format(mention=proposal.mention),
            )
            return HttpResponseRedirect(back)
        if proposal.kind == kinds.NEW_ACTOR and decision == "link":
            actor = get_object_or_404(models.Actor, pk=request.POST.get("actor"))
            proposals.proposal_accept(proposal=proposal, actor=actor)
            self.log_change(request, publication, f"Linked the actor “{actor}”.")
            self.message_user(
                request,
                gettext("“{name}” is “{actor}”, now an actor of this brief.").format(
                    name=proposal.name, actor=actor
                ),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(back)
        if proposal.kind == kinds.NEW_ACTOR:
            # The actor form opens prefilled; the actor saved there is linked
            # (ProposedActorAdmin.response_add).
            initial = {
                **proposals.new_actor_initial(proposal),
                "_proposal": proposal.pk,
            }
            return HttpResponseRedirect(
                f"{reverse('admin:briefs_actor_add')}?{urlencode(initial)}"
            )
        if proposal.kind == kinds.NATIONALITY:
            return self.accept_breakdown(request, proposal, back)
        proposals.proposal_accept(proposal=proposal)
        if proposal.actor_id:
            self.log_change(
                request, publication, f"Linked the actor “{proposal.actor}”."
            )
            self.message_user(
                request,
                gettext("“{actor}” is now an actor of this brief.").format(
                    actor=proposal.actor
                ),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(back)
        self.message_user(
            request,
            gettext(
                "From the brief, {when}: “{sentence}” "
                "Give the meeting its title, place and participants."
            ).format(when=proposal.when, sentence=proposal.sentence_list[0]),
            messages.INFO,
        )
        meeting_add = reverse("admin:briefs_meeting_add")
        return HttpResponseRedirect(
            f"{meeting_add}?{urlencode(proposals.meeting_initial(proposal))}"
        )

    def accept_breakdown(self, request, proposal, back):
        """A nationality count with those stated beside it: a release form with them filled in."""
        accepted, waiting = [], []
        for count in proposals.nationality_breakdown(proposal):
            try:
                proposals.proposal_accept(proposal=count)
            except proposals.ProposalWaits as reason:
                waiting.append(str(reason))
            else:
                accepted.append(count)
        for reason in waiting:
            self.message_user(request, reason, messages.WARNING)
        if not accepted:
            return HttpResponseRedirect(back)
        self.message_user(
            request,
            gettext(
                "From the brief: “{sentence}” Give the release its title, date, "
                "total and who released whom; the counts are filled in."
            ).format(sentence=proposal.sentence_list[0]),
            messages.INFO,
        )
        release_add = reverse("admin:briefs_prisonerrelease_add")
        initial = proposals.release_initial(accepted)
        return HttpResponseRedirect(f"{release_add}?{urlencode(initial, doseq=True)}")


class ProposedActorAdmin:
    """The actor admin's part in a new-actor proposal: the actor added from
    its prefilled form (``?_proposal=<id>``) is linked to the proposing brief."""

    def response_add(self, request, obj, post_url_continue=None):
        proposal_id = request.GET.get("_proposal", "")
        proposal = (
            models.IngestProposal.objects.filter(
                pk=proposal_id,
                kind=models.IngestProposal.Kind.NEW_ACTOR,
                status=models.IngestProposal.Status.PROPOSED,
            )
            .select_related("publication")
            .first()
            if proposal_id.isdigit()
            else None
        )
        publications = self.admin_site.get_model_admin(models.Publication)
        if proposal is None or not publications.has_change_permission(
            request, proposal.publication
        ):
            return super().response_add(request, obj, post_url_continue)
        proposals.proposal_accept(proposal=proposal, actor=obj)
        self.message_user(
            request,
            gettext("“{actor}” was added and is now an actor of “{brief}”.").format(
                actor=obj, brief=proposal.publication
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse("admin:briefs_publication_change", args=[proposal.publication_id])
        )


class ProposedBreakdownAdmin:
    """The release admin's part in a nationality proposal: ``?nationality=<state id>:<count>``
    fills in the nationality counts of the release form."""

    def proposed_counts(self, request):
        counts = []
        for value in request.GET.getlist("nationality"):
            state, _, count = value.partition(":")
            if state.isdigit() and count.isdigit():
                counts.append({"country": int(state), "count": int(count)})
        return counts

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if (
            request.method == "GET"
            and (obj is None or obj.pk is None)  # the add form's new release
            and inline.model is models.NationalityCount
        ):
            kwargs["initial"] = self.proposed_counts(request)
        return kwargs

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.pop("nationality", None)
        return initial
