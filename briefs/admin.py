"""Curation of every model in the Django admin."""

from django.contrib import admin

from briefs import models

for model in (
    models.Publication,
    models.Author,
    models.Actor,
    models.Meeting,
    models.Sanction,
    models.PrisonerRelease,
):
    admin.site.register(model)
