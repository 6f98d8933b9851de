from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = _("Briefs")

    def domain_models(self):
        """The app's content: every model known by a natural key.

        Not the history tables of django-simple-history, nor preview links, nor
        the proposals a brief's text makes to its curators, nor the rows the
        site keeps about itself (page generation, stored articles, dataset
        releases): none is exported, bundled or curated on its own.
        """
        from briefs.models import NaturalKeyModel

        return [
            model for model in self.get_models() if issubclass(model, NaturalKeyModel)
        ]

    def derived_models(self):
        """Rows the site derives and keeps for itself, never data: no dump,
        fixture or bundle carries them, and every write keeps them current."""
        from briefs.models import PageGeneration, PdfEdition, StoredArticle

        return [PageGeneration, StoredArticle, PdfEdition]

    def ready(self):
        from django.db.models.signals import post_migrate
        from django_tasks.signals import task_finished

        from briefs import checks  # noqa: F401  (registers the deployment checks)
        from briefs.curation import admin, jobs  # noqa: F401  (admin: the ModelAdmins)
        from briefs.domain import derived, roles

        # Saves and deletes, raw ones from fixtures included, note what
        # changed; each write settles its derived data once (briefs.domain.derived).
        derived.connect()
        # A migration may change what derived data is made of (a deployment
        # runs migrate): it is settled again for every row.
        post_migrate.connect(derived.migrated, sender=self)
        # The Editor and Reader groups, made again where missing after a
        # migrate or a flush (briefs.domain.roles).
        post_migrate.connect(roles.ensure_roles, sender=self)
        # A committed write that touched a published brief's rows gives it a
        # job to make its PDF edition again (which makes nothing if nothing
        # the edition shows changed).
        from briefs.editions import pdf

        derived.briefs_rewritten.connect(pdf.enqueue_editions, dispatch_uid="pdf")
        # A background import that fails, or whose worker is lost, lets its
        # upload go at once rather than a day later.
        task_finished.connect(jobs.release_upload, dispatch_uid="release-upload")
