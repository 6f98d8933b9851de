"""
Fixtures through ``loaddata`` and ``dumpdata``: checked by the rules every
door applies, and a whole database moved exactly.

A fixture file loads in one of two ways, by what it holds:

- **The app's rows by natural key, without ids** (the shipped briefs, a
  bundle from ``export_brief``): it is a bundle, and loads as
  ``import_brief`` loads one (``briefs.exchange.bundles``): every object
  checked by the same rules and refused in the same words, rows created or
  updated by natural key, each row written with a history record ("Loaded
  from a fixture"), nothing at all written if anything is wrong. Such a file
  holds nothing else: a user, a group or a history record in it is refused.
- **Anything else** (a database dumped by ``dumpdata``, with ids, history and
  users): loaded as Django loads it, exactly; then every row of the app it
  wrote is checked by the same rules, and the whole load refused, in the
  same words, if one breaks them. A row whose history the file carries gets
  no record of its own, so a database dumped with its history loads back
  with exactly that history.

Either way the load is one write (``briefs.domain.derived``), which settles
what follows from its rows once, and the rows the site derives for itself
(the page generation, stored articles) and queued jobs are never dumped and
never loaded: they belong to the database they were made in.
"""

from collections import defaultdict

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from briefs.domain import publishing
from briefs.domain.rules import check_breakdown, check_row
from briefs.exchange.bundles import BundleError, Entry, bundle_import
from briefs.exchange.formats import NotText, decode_text, parse_json
from briefs.models import (
    NationalityCount,
    PrisonerRelease,
    Publication,
    counted_by_release,
)
from briefs.models.base import has_history

FIXTURE_LOAD = "Loaded from a fixture"
# Rows that are the database's own, never data: queued jobs and the leases
# of the workers that run them.
NOT_DATA = ["django_tasks_database", "briefs.WorkerLease", "briefs.Upload"]


def briefs_app():
    return apps.get_app_config("briefs")


def not_dumped():
    """Labels ``dumpdata`` leaves out, and ``loaddata`` skips if an older dump holds them."""
    return [model._meta.label for model in briefs_app().derived_models()] + NOT_DATA


def skipped(model):
    return (
        model in briefs_app().derived_models()
        or model._meta.app_label in NOT_DATA
        or model._meta.label in NOT_DATA
    )


def as_bundle(data):
    """The file's bytes, if they are the app's rows by natural key; else None.

    A file with any of the app's content rows without an id is taken for a
    bundle, whatever else it holds: the bundle's reader then refuses the rest.
    """
    try:
        objects = parse_json(decode_text(data, "JSON"))
    except NotText:
        # Empty, not UTF-8, not JSON: loaded neither way, and refused by the
        # bundle's reader in the words of every door that reads a file.
        return data
    if not isinstance(objects, list):
        return None
    content = {model._meta.label_lower for model in briefs_app().domain_models()}
    by_natural_key = any(
        isinstance(obj, dict)
        and str(obj.get("model", "")).lower() in content
        and "pk" not in obj
        for obj in objects
    )
    return data if by_natural_key else None


def load_bundle(data):
    """Load a bundle-shaped fixture as ``import_brief`` does; raises BundleError."""
    return bundle_import(data, reason=FIXTURE_LOAD)


class ExactLoad:
    """What a fixture loaded as Django loads it wrote, to check it and give
    it history once the whole load is in."""

    def __init__(self):
        self.rows = []  # (Entry, row) of the app's content rows, in file order
        self.with_history = set()  # (model, id) of rows the file carries history of
        self.unchanged = set()  # (model, id) of rows loaded exactly as stored

    def saving(self, index, obj):
        """Note a deserialized object before it is saved; False to skip it."""
        row = obj.object
        model = type(row)
        if skipped(model):
            return False
        if model is Group:
            # Every database has the roles' groups (briefs.domain.roles), made
            # under ids of its own: one no one belongs to yet gives way to the
            # dump's group of its name, which comes with its id.
            Group.objects.filter(name=row.name, user__isnull=True).exclude(
                pk=row.pk
            ).delete()
        base = getattr(model, "instance_type", None)  # a history record's model
        if base is not None and base._meta.app_config is briefs_app():
            self.with_history.add((base, row.id))
        elif model in briefs_app().domain_models():
            self.rows.append((Entry(index, model, {}, key=row.natural_key()), row))
            if row.pk is not None and self.stored_as_is(row):
                self.unchanged.add((model, row.pk))
        return True

    @staticmethod
    def stored_as_is(row):
        model = type(row)
        names = [
            field.attname for field in model._meta.concrete_fields if field.serialize
        ]
        stored = model._default_manager.filter(pk=row.pk).values(*names).first()
        return stored == {name: getattr(row, name) for name in names}

    def problems(self):
        """Every row of the app the load wrote, checked by the bundle's rules,
        in its words; and each release's breakdown against its total."""
        problems = []
        releases = {}
        for entry, row in self.rows:
            try:
                check_row(row)
            except ValidationError as error:
                problems.extend(worded(entry, error))
            if isinstance(row, PrisonerRelease):
                releases[row.pk] = entry
            elif isinstance(row, NationalityCount):
                releases.setdefault(row.release_id, entry)
        problems.extend(breakdown_problems(releases))
        return problems

    def finish(self, user=None):
        """History for the rows the file carries none of, and what follows a
        brief's row, as every door does."""
        fresh = defaultdict(list)
        for _entry, row in self.rows:
            key = (type(row), row.pk)
            if key in self.with_history or key in self.unchanged:
                continue
            if has_history(type(row)):
                fresh[type(row)].append(row)
            if isinstance(row, Publication):
                publishing.written(row, None, user)
        for model, rows in fresh.items():
            model.history.bulk_history_create(
                rows, default_change_reason=FIXTURE_LOAD, default_user=user
            )


def worded(entry, error):
    by_field = (
        error.message_dict
        if hasattr(error, "error_dict")
        else {NON_FIELD_ERRORS: error.messages}
    )
    return [
        f"{entry}: {message}"
        if field == NON_FIELD_ERRORS
        else f"{entry}, {field}: {message}"
        for field, messages in by_field.items()
        for message in messages
    ]


def breakdown_problems(releases):
    """{release id: the entry to name} -> a problem for each breakdown above its total."""
    problems = []
    totals = dict(
        PrisonerRelease.objects.filter(pk__in=releases).values_list("pk", "total")
    )
    counted = counted_by_release(list(releases))
    for release_id, entry in releases.items():
        try:
            check_breakdown(counted.get(release_id, 0), totals.get(release_id))
        except ValidationError as error:
            problems.extend(worded(entry, ValidationError({"total": error})))
    return problems


__all__ = ["BundleError", "ExactLoad", "as_bundle", "load_bundle", "not_dumped"]
