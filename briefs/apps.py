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
        from django.db.models.signals import post_delete, post_migrate, post_save

        from briefs import (
            checks,  # noqa: F401  (registers the deployment checks)
            publicity,
        )
        from briefs.curation import admin  # noqa: F401  (registers the ModelAdmins)
        from briefs.curation.history import record_fixture_loads
        from briefs.models import DatasetRelease
        from briefs.reading import caching, rendering

        # Edits through the admin, fixtures or the shell invalidate the cached
        # reading pages, render the briefs' texts they touch again and store
        # which actors the public may read; rows
        # loaded from fixtures get a first history record. A new dataset
        # release changes every brief page's link to the data.
        caching.connect([*self.domain_models(), DatasetRelease])
        # A deployment runs migrate: no article the code before it rendered is served.
        post_migrate.connect(caching.deployed, sender=self)
        rendering.connect()
        publicity.connect()
        record_fixture_loads(self.domain_models())
        # A later edit of a text flags the evidence whose quote it breaks.
        from briefs.models import Publication, Section, text_changed

        for signal in (post_save, post_delete):
            for model in (Publication, Section):
                signal.connect(
                    text_changed, sender=model, dispatch_uid=f"quotes-{model.__name__}"
                )
