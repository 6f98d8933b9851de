"""
The same page in each language of the site: the language switch and the
``hreflang`` alternates (base.html; the sitemap has its own, sitemaps.py).

Every page of the reading site is in every language, under its prefix
(hiia/urls.py): the other language's address of a page is the same view
with the same arguments under the other prefix (``translate_url``). A page
that shows one object passes it as ``translatable``: if it has
``url_in_language(code)`` (a brief, whose other edition has its own slug),
that gives the address instead.
"""

from typing import NamedTuple
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import Resolver404, resolve, translate_url

from briefs.domain.languages import codes
from briefs.reading.links import at_origin


class Alternate(NamedTuple):
    code: str
    name: str
    url: str  # absolute, at the site's origin (hreflang links, the sitemap)

    @property
    def path(self):
        """The address on this site, for a link a reader follows (the switch):
        whatever host the reader reached the site at."""
        parts = urlsplit(self.url)
        return urlunsplit(("", "", parts.path, parts.query, ""))


def alternates(request, obj=None):
    """(code, name, url) of this page in each language, the default one first;
    none for a page that is no view's (a 404 of an unknown address)."""
    path = request.get_full_path()
    try:
        resolve(request.path_info)
    except Resolver404:
        return []
    names = dict(settings.LANGUAGES)
    in_language = getattr(obj, "url_in_language", None)
    return [
        Alternate(
            code,
            names[code],
            at_origin(in_language(code) if in_language else translate_url(path, code)),
        )
        for code in codes()
    ]
