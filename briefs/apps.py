from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = "Briefs"

    def domain_models(self):
        """The app's content: every model known by a natural key.

        Not the history tables of django-simple-history, nor preview links, nor
        the proposals a brief's text makes to its curators, nor the record of
        dataset releases: none is exported, bundled or curated on its own.
        """
        from briefs.models import NaturalKeyModel

        return [
            model for model in self.get_models() if issubclass(model, NaturalKeyModel)
        ]

    def ready(self):
        from briefs import checks  # noqa: F401  (registers the deployment checks)
        from briefs.curation import admin  # noqa: F401  (registers the ModelAdmins)
        from briefs.curation.history import record_fixture_loads
        from briefs.models import DatasetRelease
        from briefs.reading import caching, rendering

        # Edits through the admin, fixtures or the shell invalidate the cached
        # reading pages and render the briefs' texts they touch again; rows
        # loaded from fixtures get a first history record. A new dataset
        # release changes every brief page's link to the data.
        caching.connect([*self.domain_models(), DatasetRelease])
        rendering.connect()
        record_fixture_loads(self.domain_models())
