"""Root URLs: the admin, and the reading site of the briefs app."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("briefs.urls")),
]
