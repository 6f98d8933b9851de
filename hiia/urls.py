"""Root URLs: the admin, the sitemap, the health probe, the API, and the reading site."""

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
    path("", include("briefs.reading.urls")),
]
