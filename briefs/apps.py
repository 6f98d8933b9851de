from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = "Briefs"

    def ready(self):
        # Edits through the admin, fixtures or the shell invalidate the
        # cached reading pages.
        from briefs import signals

        signals.connect()
