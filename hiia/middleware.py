"""Middleware of the project as a whole, in front of every app."""

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
