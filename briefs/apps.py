from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = "Briefs"

    def domain_models(self):
        """The app's own models: every one but the history tables of django-simple-history."""
        from simple_history.models import HistoricalChanges

        return [
            model
            for model in self.get_models()
            if not issubclass(model, HistoricalChanges)
        ]

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from briefs import checks  # noqa: F401  (registers the deployment checks)
        from briefs.curation import admin  # noqa: F401  (registers the ModelAdmins)
        from briefs.curation.history import record_fixture_loads
        from briefs.reading import caching

        # Edits through the admin, fixtures or the shell invalidate the cached
        # reading pages; rows loaded from fixtures get a first history record.
        caching.connect(self.domain_models())
        record_fixture_loads(self.domain_models())
        # A later edit of a text flags the evidence whose quote it breaks.
        from briefs.models import Publication, Section, text_changed

        for signal in (post_save, post_delete):
            for model in (Publication, Section):
                signal.connect(
                    text_changed, sender=model, dispatch_uid=f"quotes-{model.__name__}"
                )
