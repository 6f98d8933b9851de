from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = "Briefs"

    def ready(self):
        from briefs import (
            checks,  # noqa: F401  (registers the deployment checks)
            signals,
        )
        from briefs.history import record_fixture_loads

        # Edits through the admin, fixtures or the shell invalidate the cached
        # reading pages; rows loaded from fixtures get a first history record.
        signals.connect()
        record_fixture_loads(self)
