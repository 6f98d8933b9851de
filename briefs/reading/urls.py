from django.urls import path, re_path

from briefs.reading import views
from briefs.reading.caching import revalidated
from briefs.reading.feeds import LatestBriefsFeed

app_name = "briefs"

# Every page here is public: an ETag and Cache-Control (caching.revalidated),
# but a preview, which is never cached. Each is in every language of the
# site, under its prefix (hiia/urls.py: /briefs/…, /hu/briefs/…); what is the
# same in every language is in data_urls.py.

urlpatterns = [
    path("", revalidated(views.PublicationListView.as_view()), name="publication_list"),
    path(
        "briefs/<slug:slug>/",
        revalidated(views.PublicationDetailView.as_view()),
        name="publication_detail",
    ),
    re_path(
        r"^briefs/(?P<slug>[-a-zA-Z0-9_]+)/cite\.(?P<format>bib|ris|json)$",
        revalidated(views.PublicationCitationView.as_view()),
        name="publication_cite",
    ),
    # The PDF edition carries its own ETag, the PDF's hash (views.publication_pdf).
    path(
        "briefs/<slug:slug>/edition.pdf",
        views.publication_pdf,
        name="publication_pdf",
    ),
    path(
        "preview/<str:token>/",
        views.PublicationPreviewView.as_view(),
        name="publication_preview",
    ),
    path(
        "authors/<slug:slug>/",
        revalidated(views.AuthorDetailView.as_view()),
        name="author_detail",
    ),
    path("actors/", revalidated(views.ActorListView.as_view()), name="actor_list"),
    path(
        "actors/<slug:slug>/",
        revalidated(views.ActorDetailView.as_view()),
        name="actor_detail",
    ),
    path(
        "meetings/<slug:slug>/",
        revalidated(views.MeetingDetailView.as_view()),
        name="meeting_detail",
    ),
    path(
        "sanctions/<slug:slug>/",
        revalidated(views.SanctionDetailView.as_view()),
        name="sanction_detail",
    ),
    path(
        "releases/<slug:slug>/",
        revalidated(views.ReleaseDetailView.as_view()),
        name="release_detail",
    ),
    path("timeline/", revalidated(views.TimelineView.as_view()), name="timeline"),
    path("search/", revalidated(views.SearchView.as_view()), name="search"),
    path("feed/", revalidated(LatestBriefsFeed()), name="feed"),
    path("data/", revalidated(views.DatasetListView.as_view()), name="dataset_list"),
]
