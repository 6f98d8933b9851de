"""A middleware for bench/bench_reading.py only, never in the site's settings."""

from briefs.domain.derived import move_generation_on


class EditBeforeRequest:
    """A request carrying ``X-Bench-Edit`` comes after an edit: the page
    generation moves on before the view runs, so the brief's stored article
    is not current and the page is rendered and stored again (the cold
    render ``--no-cache`` measures). Every absolute link is at the site's
    origin, so a request can no longer miss the article by naming another Host.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "X-Bench-Edit" in request.headers:
            move_generation_on()
        return self.get_response(request)
