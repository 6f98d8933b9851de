"""
The public API under ``/api/``: the published facts, read-only, as JSON.

``endpoints.py`` declares the API (django-ninja: OpenAPI and the docs page
come from the schemas), ``schemas.py`` what each row looks like,
``filters.py`` the query parameters, ``selectors.py`` what each endpoint
reads, and ``http.py`` what every answer carries besides (ETag, CORS, the
per-client rate limit).
"""
