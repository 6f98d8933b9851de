from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = "Briefs"

    def domain_models(self):
        """The corpus's models: every one of the app but the history tables of
        django-simple-history and the record of dataset releases."""
        from simple_history.models import HistoricalChanges

        from briefs.models import DatasetRelease

        return [
            model
            for model in self.get_models()
            if not issubclass(model, HistoricalChanges) and model is not DatasetRelease
        ]

    def ready(self):
        from briefs import checks  # noqa: F401  (registers the deployment checks)
        from briefs.curation import admin  # noqa: F401  (registers the ModelAdmins)
        from briefs.curation.history import record_fixture_loads
        from briefs.models import DatasetRelease
        from briefs.reading import caching

        # Edits through the admin, fixtures or the shell invalidate the cached
        # reading pages; rows loaded from fixtures get a first history record.
        # A new dataset release changes every brief page's link to the data.
        caching.connect([*self.domain_models(), DatasetRelease])
        record_fixture_loads(self.domain_models())
