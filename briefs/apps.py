from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = "Briefs"

    def ready(self):
        # Edits through the admin, fixtures or the shell invalidate the
        # cached reading pages.
        from briefs import signals

        signals.connect()
        from briefs import checks  # noqa: F401  (registers the deployment checks)
        from briefs.history import record_fixture_loads

        record_fixture_loads(self)
