from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = "Briefs"

    def ready(self):
        from briefs import checks  # noqa: F401  (registers the deployment checks)
        from briefs.history import record_fixture_loads

        record_fixture_loads(self)
