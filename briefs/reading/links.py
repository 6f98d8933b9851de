"""
Absolute links, always at the site's public origin (``SITE_ORIGIN``).

A page's canonical link and JSON-LD, the feed, the sitemap, API answers,
citations and stored articles name full addresses. Made from the request
(``build_absolute_uri``), they would name whatever Host a client sent
(``Host: 127.0.0.1:6666``), and whatever keeps an answer for the next reader
(nginx's micro-cache, a stored article, the API's cache) would hand that
address on. Made from the setting, an answer is the same bytes whoever asked
for it and however.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils import translation


def absolute(path=""):
    """``path`` (from ``reverse`` or ``get_absolute_url``) at the site's origin."""
    return f"{settings.SITE_ORIGIN}{path}"


def absolute_url_of(obj):
    return absolute(obj.get_absolute_url())


def absolute_url_of_edition(publication):
    """A brief's edition at its address in its own language, whatever the
    language active: where another edition, a PDF or a harvester points to it."""
    with translation.override(publication.language):
        return absolute_url_of(publication)


def at_origin(url):
    """An address made from a request (a library's), moved to the site's origin."""
    parts = urlsplit(url)
    return absolute(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


def origin_parts():
    """(scheme, host[:port]) of the origin, for what wants them apart (the sitemap)."""
    parts = urlsplit(settings.SITE_ORIGIN)
    return parts.scheme, parts.netloc
