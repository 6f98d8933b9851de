"""Any saved, deleted or re-linked row of the app makes cached pages stale."""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from simple_history.models import HistoricalChanges

from briefs import caching


def reading_models():
    """Every model whose rows a reading page may show (history rows are not shown)."""
    return [
        model
        for model in apps.get_app_config("briefs").get_models()
        if not issubclass(model, HistoricalChanges)
    ]


def rows_changed(sender, **kwargs):
    # Now, so no request serves the old page while the write is under way;
    # and again on commit, in case a request rendered the page from the
    # old rows in between and cached it under the new generation.
    caching.invalidate()
    transaction.on_commit(caching.invalidate)


def relations_changed(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        rows_changed(sender)


def connect():
    for model in reading_models():
        post_save.connect(
            rows_changed, sender=model, dispatch_uid=f"reading-save-{model._meta.label}"
        )
        post_delete.connect(
            rows_changed,
            sender=model,
            dispatch_uid=f"reading-delete-{model._meta.label}",
        )
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            m2m_changed.connect(
                relations_changed,
                sender=through,
                dispatch_uid=f"reading-m2m-{through._meta.label}",
            )
