"""
A history record for every row loaded from a fixture.

django-simple-history records nothing for raw saves, which is how loaddata
saves. Without this record a seeded row's first change in the admin would
have no earlier version to compare with: it could not say which fields it
changed, and the state the fixture loaded could not be restored.

A row a fixture loads exactly as the database already holds it gets no new
record, so loading the same fixture twice leaves the history as it was.
"""

from django.db.models.signals import post_save, pre_save
from simple_history.utils import get_history_manager_for_model

FIXTURE_LOAD = "Loaded from a fixture"


def note_unchanged_row(sender, instance, raw, **kwargs):
    if raw and instance.pk is not None:
        # Not what a fixture cannot hold (stored HTML), nor the primary key.
        names = [
            field.attname for field in sender._meta.concrete_fields if field.serialize
        ]
        stored = sender._default_manager.filter(pk=instance.pk).values(*names).first()
        instance._loaded_unchanged = stored == {
            name: getattr(instance, name) for name in names
        }


def record_fixture_load(sender, instance, created, raw, **kwargs):
    if raw and not getattr(instance, "_loaded_unchanged", False):
        get_history_manager_for_model(sender).bulk_history_create(
            [instance], update=not created, default_change_reason=FIXTURE_LOAD
        )


def record_fixture_loads(models):
    for model in models:
        uid = f"fixture-history-{model._meta.label_lower}"
        pre_save.connect(note_unchanged_row, sender=model, dispatch_uid=uid)
        post_save.connect(record_fixture_load, sender=model, dispatch_uid=uid)
