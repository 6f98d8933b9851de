"""Reading pages: published briefs and the facts they hold."""

from django.views.generic import DetailView, ListView

from briefs.models import Actor, Author, Meeting, PrisonerRelease, Publication, Sanction


class PublicationListView(ListView):
    template_name = "briefs/publication_list.html"
    context_object_name = "publications"

    def get_queryset(self):
        return Publication.objects.published().prefetch_related("contributions__author")


class PublicationDetailView(DetailView):
    template_name = "briefs/publication_detail.html"
    context_object_name = "publication"

    def get_queryset(self):
        return Publication.objects.visible_to(self.request.user).prefetch_related(
            "sections", "contributions__author", "source_references"
        )


class AuthorDetailView(DetailView):
    model = Author
    template_name = "briefs/author_detail.html"


class ActorListView(ListView):
    model = Actor
    template_name = "briefs/actor_list.html"


class ActorDetailView(DetailView):
    model = Actor
    template_name = "briefs/actor_detail.html"


class MeetingDetailView(DetailView):
    model = Meeting
    template_name = "briefs/meeting_detail.html"


class SanctionDetailView(DetailView):
    model = Sanction
    template_name = "briefs/sanction_detail.html"


class ReleaseDetailView(DetailView):
    model = PrisonerRelease
    template_name = "briefs/release_detail.html"
