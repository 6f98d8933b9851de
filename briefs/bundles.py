"""
Brief bundles: one brief and every row it needs, as one self-contained fixture.

A bundle is a Django JSON fixture with natural keys, so ``loaddata`` reads it
too. It holds the brief (sections, contributions, source references), its
authors, the actors, meetings, sanctions and releases it discusses, and then
whatever those refer to, until nothing in the bundle refers outside it: it
loads into an empty database. Links to rows outside the bundle (another
brief discussing the same meeting) are left out of it, and an import keeps
such links where it finds them.

The same database always gives the same bytes: models in dependency order,
rows by natural key, many-to-many lists sorted. That makes a bundle fit to
keep under version control and to compare with ``diff``.
"""

import json

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from simple_history.models import HistoricalChanges

from briefs.models import Actor, Meeting, PrisonerRelease, Publication


def bundle_models():
    """The models a bundle may hold: every model of the app but the history tables."""
    return [
        model
        for model in apps.get_app_config("briefs").get_models()
        if not issubclass(model, HistoricalChanges)
    ]


# --- Export -------------------------------------------------------------------


def _parts(row):
    """Rows that go with ``row`` although it does not refer to them."""
    if isinstance(row, Publication):
        return [
            *row.sections.all(),
            *row.contributions.all(),
            *row.source_references.all(),
            *row.actors.all(),
            *row.meetings.all(),
            *row.sanctions.all(),
            *row.releases.all(),
        ]
    if isinstance(row, Actor):
        return row.aliases.all()
    if isinstance(row, Meeting):
        return row.participations.all()
    if isinstance(row, PrisonerRelease):
        return [*row.nationality_counts.all(), *row.sanctions_relief.all()]
    return []


def _referenced(row):
    """The rows ``row`` cannot be loaded without: the targets of its foreign keys."""
    for field in row._meta.concrete_fields:
        if field.many_to_one and (target := getattr(row, field.name)) is not None:
            yield target


def bundle_rows(publication):
    """The brief's rows and, transitively, every row they need to load."""
    rows = {}
    todo = [publication]
    while todo:
        row = todo.pop()
        if (type(row), row.pk) not in rows:
            rows[type(row), row.pk] = row
            todo.extend(_referenced(row))
            todo.extend(_parts(row))
    return list(rows.values())


def bundle_objects(publication):
    """The bundle of ``publication`` as fixture objects (dicts), in loading order."""
    rows = bundle_rows(publication)
    in_bundle = {(type(row), row.natural_key()) for row in rows}
    present = {type(row) for row in rows}
    # The app's own model order as input, so the dependency sort is stable.
    app = apps.get_app_config("briefs")
    models = serializers.sort_dependencies(
        [(app, [model for model in app.get_models() if model in present])]
    )
    objects = []
    for model in models:
        ordered = sorted(
            (row for row in rows if type(row) is model), key=lambda r: r.natural_key()
        )
        for obj in serializers.serialize(
            "python",
            ordered,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        ):
            for name, keys in obj["fields"].items():
                field = model._meta.get_field(name)
                if field.many_to_many:
                    # A link to a row outside the bundle would not load into an
                    # empty database; that row belongs to another brief's bundle.
                    obj["fields"][name] = sorted(
                        list(key)
                        for key in keys
                        if (field.related_model, tuple(key)) in in_bundle
                    )
            objects.append(obj)
    return objects


def bundle_dumps(objects):
    """Fixture objects as JSON text, formatted like the shipped fixtures."""
    text = json.dumps(objects, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    return text + "\n"
