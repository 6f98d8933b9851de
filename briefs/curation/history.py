"""
A history record for every row loaded from a fixture.

django-simple-history records nothing for raw saves, which is how loaddata
saves. Without this record a seeded row's first change in the admin would
have no earlier version to compare with: it could not say which fields it
changed, and the state the fixture loaded could not be restored.
"""

from django.db.models.signals import post_save
from simple_history.utils import get_history_manager_for_model

FIXTURE_LOAD = "Loaded from a fixture"


def record_fixture_load(sender, instance, created, raw, **kwargs):
    if raw:
        get_history_manager_for_model(sender).bulk_history_create(
            [instance], update=not created, default_change_reason=FIXTURE_LOAD
        )


def record_fixture_loads(models):
    for model in models:
        post_save.connect(
            record_fixture_load,
            sender=model,
            dispatch_uid=f"fixture-history-{model._meta.label_lower}",
        )
