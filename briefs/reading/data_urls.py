"""What the reading site answers in no language: OAI-PMH and dataset releases'
files, at one address each (hiia/urls.py puts them outside the language prefixes)."""

from django.urls import path

from briefs.reading import views
from briefs.reading.caching import revalidated

app_name = "data"

urlpatterns = [
    # OAI-PMH answers name the time they were made: not revalidated.
    path("oai/", views.oai_pmh, name="oai_pmh"),
    # A release's zip never changes: it is cached as it is, not revalidated.
    path("data/<slug:version>.zip", views.dataset_download, name="dataset_download"),
    path(
        "data/<slug:version>.datacite.xml",
        revalidated(views.dataset_datacite),
        name="dataset_datacite",
    ),
]
