"""/sitemap.xml: every page the public may read, at the site's origin
(``briefs.reading.links``), never at the Host a request named; in each
language of the site, each entry naming its other languages (``hreflang``
alternates, and the default language's as ``x-default``)."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from briefs.models import Actor, Author, Meeting, PrisonerRelease, Publication, Sanction
from briefs.reading import selectors
from briefs.reading.links import origin_parts


class OriginSitemap(Sitemap):
    """Locations at the site's origin, whatever the view's site and protocol,
    in every language (Django's i18n sitemap: each location is reversed with
    its language active)."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return origin_parts()[0]

    def get_domain(self, site=None):
        return origin_parts()[1]


class VisibleSitemap(OriginSitemap):
    """The rows of ``model`` a reader who is not signed in may open."""

    model = None

    def items(self):
        return self.model.objects.visible_to(AnonymousUser()).order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class PublicationSitemap(VisibleSitemap):
    """Each edition at its own address, in its own language; the original
    also in each language the brief has no published edition in, as its
    readers are given it (``Publication.url_in_language``)."""

    model = Publication
    priority = 1.0

    def items(self):
        return selectors.briefs_last_changed(super().items()).annotate(
            **selectors.published_edition_slugs()
        )

    def get_languages_for_item(self, item):
        if item.translation_of_id:
            return [item.language]
        return [
            code
            for code in self._languages()
            if code == item.language or not getattr(item, f"edition_slug_{code}")
        ]

    def lastmod(self, item):
        # A brief's page shows its facts: an edit of one is a change of it.
        return item.last_changed


class PageSitemap(OriginSitemap):
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
