"""Root URLs: the admin, the sitemap, the health probe, the API, OAI-PMH and the
dataset files at one address each; the reading site in every language.

The reading site is under ``i18n_patterns`` without a prefix for the default
language: English at ``/briefs/<slug>/``, Hungarian at ``/hu/briefs/<slug>/``
(settings.LANGUAGES). Nothing else is prefixed: the admin follows the
curator's browser, and the API, OAI-PMH and the sitemap are English
(hiia.middleware.LocaleMiddleware).
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from briefs.api.endpoints import api
from briefs.reading.caching import revalidated
from briefs.reading.health import health
from briefs.reading.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        revalidated(sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("health/", health, name="health"),
    path("api/", api.urls),
    path("", include("briefs.reading.data_urls")),
    *i18n_patterns(
        path("", include("briefs.reading.urls")), prefix_default_language=False
    ),
]
