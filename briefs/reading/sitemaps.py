"""/sitemap.xml: every page the public may read."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from briefs.models import Actor, Author, Meeting, PrisonerRelease, Publication, Sanction


class VisibleSitemap(Sitemap):
    """The rows of ``model`` a reader who is not signed in may open."""

    model = None

    def items(self):
        return self.model.objects.visible_to(AnonymousUser()).order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class PublicationSitemap(VisibleSitemap):
    model = Publication
    priority = 1.0


class PageSitemap(Sitemap):
    """The pages that list: the index, the actors, the timeline."""

    def items(self):
        return ["briefs:publication_list", "briefs:actor_list", "briefs:timeline"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "briefs": PublicationSitemap,
    **{
        name: type(f"{model.__name__}Sitemap", (VisibleSitemap,), {"model": model})
        for name, model in [
            ("authors", Author),
            ("actors", Actor),
            ("meetings", Meeting),
            ("sanctions", Sanction),
            ("releases", PrisonerRelease),
        ]
    },
}
