"""Middleware of the project as a whole, in front of every app."""

import time

from django.core.exceptions import BadRequest
from django.middleware import locale
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class RejectNulMiddleware:
    """Answers 400 to a URL carrying a NUL character, before any view runs.

    No page, admin list or filter has a use for one, and PostgreSQL refuses
    it in any text value: passed on, ``/search/?q=a%00b`` or an admin
    search would fail with a database error (a 500).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL characters are not allowed in a URL.")
        return self.get_response(request)


class KeptToTheEndOfTheSecond:
    """Tells nginx's micro-cache to keep an answer only until the second in which
    its request arrived is over: ``X-Accel-Expires: @<that second>``.

    Every row an answer shows is read after its request arrived, so an edit
    the answer misses committed after that: served until that second is
    over, it is never served a second or more after the edit. nginx counts a
    cache's time in whole seconds, and an answer it keeps for ``1s`` from
    when it is stored is served until the end of the following second, and
    later still when rendering took a while: up to two seconds after the
    edit. First in the list, so every answer carries it and the clock starts
    before anything is read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        arrived = int(time.time())
        response = self.get_response(request)
        response["X-Accel-Expires"] = f"@{arrived}"
        return response


class LocaleMiddleware(locale.LocaleMiddleware):
    """The language of an answer: its address's, and only the admin's follows the browser.

    The reading site is under ``i18n_patterns`` without a prefix for the
    default language (hiia/urls.py): ``/hu/…`` is Hungarian, an address
    without a prefix is English whatever the browser asks (Accept-Language)
    or a cookie says, and so are the API, OAI-PMH and the sitemap. Every
    cache in front (nginx's micro-cache, a browser's, a proxy's) may then key
    an answer by its address alone, and Django's ``Vary: Accept-Language``,
    which would split them by every browser's header, is left off. The
    admin, never cached, speaks the curator's language: the browser's
    Accept-Language, or Django's ``django_language`` cookie.
    """

    def process_request(self, request):
        if follows_browser(request):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
        else:
            super().process_request(request)

    def process_response(self, request, response):
        if follows_browser(request):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def follows_browser(request):
    """Whether the request is the admin's, whose language the browser chooses."""
    return request.path_info.startswith(reverse("admin:index"))
