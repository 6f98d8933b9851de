"""Middleware of the project as a whole, in front of every app."""

import time

from django.core.exceptions import BadRequest


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
