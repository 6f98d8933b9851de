from django.urls import path, re_path

from briefs.reading import views
from briefs.reading.feeds import LatestBriefsFeed

app_name = "briefs"

urlpatterns = [
    path("", views.PublicationListView.as_view(), name="publication_list"),
    path(
        "briefs/<slug:slug>/",
        views.PublicationDetailView.as_view(),
        name="publication_detail",
    ),
    re_path(
        r"^briefs/(?P<slug>[-a-zA-Z0-9_]+)/cite\.(?P<format>bib|ris|json)$",
        views.PublicationCitationView.as_view(),
        name="publication_cite",
    ),
    path(
        "authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author_detail"
    ),
    path("actors/", views.ActorListView.as_view(), name="actor_list"),
    path("actors/<slug:slug>/", views.ActorDetailView.as_view(), name="actor_detail"),
    path(
        "meetings/<slug:slug>/",
        views.MeetingDetailView.as_view(),
        name="meeting_detail",
    ),
    path(
        "sanctions/<slug:slug>/",
        views.SanctionDetailView.as_view(),
        name="sanction_detail",
    ),
    path(
        "releases/<slug:slug>/",
        views.ReleaseDetailView.as_view(),
        name="release_detail",
    ),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feed/", LatestBriefsFeed(), name="feed"),
]
