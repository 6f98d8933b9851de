"""Deployment checks: what the admin needs from the servers it runs on."""

from django.conf import settings
from django.core.checks import Tags, register
from django.core.checks import Warning as CheckWarning

PROCESS_LOCAL_CACHES = ("LocMemCache", "DummyCache")


@register(Tags.caches, deploy=True)
def import_uploads_need_a_shared_cache(app_configs, **kwargs):
    """An import's confirm step must find the file its preview stored."""
    storage = str(getattr(settings, "IMPORT_EXPORT_TMP_STORAGE_CLASS", ""))
    backend = settings.CACHES["default"]["BACKEND"]
    if "CacheStorage" in storage and backend.endswith(PROCESS_LOCAL_CACHES):
        return [
            CheckWarning(
                "Admin imports keep the uploaded file in the cache between the "
                f"preview and the confirm step, and the cache ({backend}) lives "
                "in one process: with several app servers or workers the "
                "confirm may reach one that never saw the file.",
                hint="Set REDIS_URL so every app server shares one cache.",
                id="briefs.W001",
            )
        ]
    return []
