"""
Brief bundles: one brief and every row it needs, as one self-contained fixture.

A bundle is a Django JSON fixture with natural keys, so ``loaddata`` reads it
too. It holds the brief, every edition of it (an original and its
translations: each edition's sections, contributions, source references and
evidence), its authors, the actors, meetings, sanctions and releases it discusses, and then
whatever those refer to, until nothing in the bundle refers outside it: it
loads into an empty database. Links to rows outside the bundle (another
brief discussing the same meeting) are left out of it, and an import keeps
such links where it finds them.

The same database always gives the same bytes: models in dependency order,
rows by natural key, many-to-many lists sorted. That makes a bundle fit to
keep under version control and to compare with ``diff``.
"""

import datetime
import json
from collections import Counter
from dataclasses import dataclass

from django.apps import apps
from django.core import serializers
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    ObjectDoesNotExist,
    ValidationError,
)
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, transaction
from django.utils.translation import gettext

from briefs.domain import derived, publishing
from briefs.domain.rules import check_breakdown, check_row
from briefs.exchange.formats import NotText, decode_text, parse_json
from briefs.exchange.tables.cells import read_cell
from briefs.exchange.tables.problems import EMPTY_FILE, Problem
from briefs.models import (
    Actor,
    DiscussedModel,
    Evidence,
    Meeting,
    NationalityCount,
    PrisonerRelease,
    Publication,
    SluggedModel,
    check_discussed_in,
    counted_by_release,
)
from briefs.models.base import has_history, translated_fields

# Bookkeeping rather than content: a row that differs from the bundle only in
# these is left alone, so importing a bundle twice writes nothing.
TIMESTAMPS = {"created_at", "updated_at"}
IMPORT_REASON = "Imported from a brief bundle"


def bundle_models():
    """The models a bundle may hold: every model of the app but the history tables."""
    return apps.get_app_config("briefs").domain_models()


# --- Export -------------------------------------------------------------------


def _parts(row):
    """Rows that go with ``row`` although it does not refer to them."""
    if isinstance(row, Publication):
        # A brief is every edition of it: the original (a foreign key of a
        # translation's) and its translations.
        return [
            *row.translations.all(),
            *row.sections.all(),
            *row.contributions.all(),
            *row.source_references.all(),
            *row.actors.all(),
            *row.meetings.all(),
            *row.sanctions.all(),
            *row.releases.all(),
            *row.evidence.all(),
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


class BundleEncoder(DjangoJSONEncoder):
    """Django's encoder, with times cut to the milliseconds it writes before it
    writes them: it writes 12:00:00.000500 as ".000", which loads back as a
    whole second and is then written without a fraction, so a bundle would
    not round-trip byte for byte."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            o = o.replace(microsecond=o.microsecond - o.microsecond % 1000)
        return super().default(o)


def bundle_dumps(objects):
    """Fixture objects as JSON text, formatted like the shipped fixtures."""
    text = json.dumps(objects, cls=BundleEncoder, indent=2, ensure_ascii=False)
    return text + "\n"


# --- Import -------------------------------------------------------------------


class BundleError(Exception):
    """A bundle that cannot be imported; ``problems`` holds one line per reason,
    ``located`` the same as (entry, field or None, message) where an entry
    is to blame: a door that built the objects itself (a brief's text) names
    its own places instead."""

    def __init__(self, problems, located=()):
        self.problems = list(problems)
        self.located = list(located)
        super().__init__("\n".join(self.problems))


def not_valid(index):
    """How a bundle says an object was refused, which a brief's text, which
    names its own places, looks for."""
    return gettext("(object {index}) is not valid.").format(index=index)


def same_row(twin):
    return gettext("the same row as object {index}.").format(index=twin.index)


def show_key(key):
    return ", ".join(str(part) for part in key)


@dataclass(eq=False)
class Entry:
    """One object of the bundle file, as the importer works through it."""

    index: int
    model: type
    fields: dict
    key: tuple | None = None

    def __str__(self):
        label = self.model._meta.label_lower
        key = self.key
        if key is None and issubclass(self.model, SluggedModel):
            key = (self.fields.get("slug"),)
        if key is None:
            return gettext("Object {index} ({label})").format(
                index=self.index, label=label
            )
        return gettext("Object {index} ({label} “{key}”)").format(
            index=self.index, label=label, key=show_key(key)
        )


def read_bundle(data):
    """The entries of a bundle file's bytes; raises BundleError if it is not one."""
    # The words of a table's file (briefs.exchange.tables.files) for a file
    # that is not JSON text at all.
    if not data.strip():
        raise BundleError([str(Problem(None, "", "", EMPTY_FILE))])
    try:
        data = parse_json(decode_text(data, "JSON"))
    except NotText as error:
        raise BundleError([str(Problem(None, "", "", str(error)))]) from None
    if not isinstance(data, list):
        raise BundleError(
            [
                gettext("A bundle is a JSON list of objects, not a {type}.").format(
                    type=type(data).__name__
                )
            ]
        )
    return entries_of(data)


def entries_of(objects):
    """The entries of a bundle's objects (fixture dicts); raises BundleError."""
    if not objects:
        raise BundleError([gettext("The bundle holds no objects.")])
    models = {model._meta.label_lower: model for model in bundle_models()}
    entries, problems = [], []
    for index, obj in enumerate(objects, 1):
        if not (
            isinstance(obj, dict)
            and isinstance(obj.get("model"), str)
            and isinstance(obj.get("fields"), dict)
        ):
            problems.append(
                gettext(
                    "Object {index} is not a fixture object with “model” and “fields”."
                ).format(index=index)
            )
        elif obj["model"].lower() not in models:
            problems.append(
                gettext("Object {index}: unknown model “{model}”.").format(
                    index=index, model=obj["model"]
                )
            )
        else:
            model = models[obj["model"].lower()]
            entries.append(
                Entry(index, model, in_original_language(model, obj["fields"]))
            )
    if problems:
        raise BundleError(problems)
    return entries


def in_original_language(model, fields):
    """An object's fields with a translated field's bare name (``name``, as
    bundles and fixtures wrote it before names had languages) read as the
    original language's (``name_en``)."""
    renamed = dict(fields)
    for name, translations in translated_fields(model).items():
        if name in renamed and translations[0] not in renamed:
            renamed[translations[0]] = renamed.pop(name)
    return renamed


def natural_key_of(value):
    """A reference as a hashable natural key, or None if it is not one."""
    if isinstance(value, list) and value:
        if all(isinstance(part, str | int) for part in value):
            return tuple(value)
    return None


def bundle_import(data, *, dry_run=False, reason=IMPORT_REASON, user=None):
    """Create or update, by natural key, every row of a bundle, in one transaction.

    Returns ``{model label: Counter(created=…, updated=…, unchanged=…)}``.
    Raises BundleError, having written nothing, if any object is invalid.
    A dry run does all the work, validation included, then rolls it back, so
    it reports exactly what a real import would do. Each written row's history
    record gives ``reason`` and, if known, the ``user``.
    """
    return import_entries(read_bundle(data), dry_run=dry_run, reason=reason, user=user)


def import_objects(objects, *, dry_run=False, reason=IMPORT_REASON, user=None):
    """``bundle_import`` of fixture objects a door built itself (a brief's text)."""
    return import_entries(
        entries_of(objects), dry_run=dry_run, reason=reason, user=user
    )


def import_entries(entries, *, dry_run, reason, user):
    with derived.write():
        summary = Importer(entries, reason=reason, user=user).run()
        if dry_run:
            transaction.set_rollback(True)
    return summary


class Importer:
    """Works through a bundle's entries, saving each row, collecting every problem."""

    def __init__(self, entries, *, reason=IMPORT_REASON, user=None):
        self.entries = entries
        self.reason = reason
        self.user = user
        self.problems = []
        self.located = []
        self.summary = {}
        self.failed = set()
        # (model, natural key) -> (entry, row) of the rows imported so far.
        self.imported = {}
        # Release id -> (entry, field) of the last row changing its breakdown.
        self.breakdowns = {}
        # (model, "created" | "updated") -> rows, for their history records.
        self.written = {}
        # (model, id) of the rows this import created.
        self.created = set()
        # Only slugged rows are referred to (parts are reached through their
        # parent), so their slugs tell whether the bundle holds a reference.
        self.bundled = {}
        for entry in entries:
            slug = entry.fields.get("slug")
            if issubclass(entry.model, SluggedModel) and isinstance(slug, str):
                key = (entry.model, (slug,))
                if key in self.bundled:
                    twin = self.bundled[key]
                    self.problem(entry, None, same_row(twin))
                else:
                    self.bundled[key] = entry

    def run(self):
        # Evidence is checked against the brief's texts, notes and parts
        # (participants, counts) as the bundle leaves them: it comes last.
        entries = [entry for entry in self.entries if entry not in self.failed]
        self.import_in_passes([e for e in entries if e.model is not Evidence])
        self.import_in_passes([e for e in entries if e.model is Evidence])
        self.check_breakdowns()
        if self.problems:
            raise BundleError(self.problems, self.located)
        self.record_history()
        return self.summary

    def record_history(self):
        """One history record per row written, in bulk: rows are saved raw,
        which django-simple-history's own receiver leaves alone."""
        for (model, result), rows in self.written.items():
            model.history.bulk_history_create(
                rows,
                update=result == "updated",
                default_user=self.user,
                default_change_reason=self.reason,
            )

    def import_in_passes(self, pending):
        # File order first; a row that refers to one further down the bundle
        # (a person before the state they belong to) waits for the next pass.
        while pending:
            waiting = []
            for entry in pending:
                if self.waits(entry):
                    waiting.append(entry)
                else:
                    self.import_entry(entry)
            if len(waiting) == len(pending):
                for entry in waiting:
                    self.problem(
                        entry, None, gettext("its references go round in a circle.")
                    )
                break
            pending = waiting

    def note_breakdown(self, entry, row):
        """Remember the last entry that changes a release's breakdown or total."""
        if isinstance(row, NationalityCount):
            self.breakdowns[row.release_id or row.release.pk] = (entry, "count")
        elif isinstance(row, PrisonerRelease) and row.pk:
            self.breakdowns.setdefault(row.pk, (entry, "total"))

    def check_breakdowns(self):
        """The breakdown rule on the bundle's final state, as every door checks it.

        Its rows are written one by one, so a row-by-row check would count a
        release's new counts against its old ones (7 + 7 becoming 10 + 2 is
        not 17); by now the transaction holds what the bundle leaves.
        """
        counted = counted_by_release(list(self.breakdowns))
        totals = dict(
            PrisonerRelease.objects.filter(pk__in=list(self.breakdowns)).values_list(
                "pk", "total"
            )
        )
        for release_id, (entry, field) in self.breakdowns.items():
            try:
                check_breakdown(counted.get(release_id, 0), totals.get(release_id))
            except ValidationError as error:
                for message in error.messages:
                    self.problem(entry, field, message)

    def problem(self, entry, field, message):
        self.failed.add(entry)
        field = None if field == NON_FIELD_ERRORS else field
        self.located.append((entry, field, message))
        if field:
            self.problems.append(f"{entry}, {field}: {message}")
        else:
            self.problems.append(f"{entry}: {message}")

    def references(self, entry):
        for name, value in entry.fields.items():
            try:
                field = entry.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.many_to_one:
                values = [value]
            elif field.many_to_many and isinstance(value, list):
                values = value
            else:
                continue
            for key in map(natural_key_of, values):
                if key:
                    yield field.related_model, key

    def waits(self, entry):
        for reference in self.references(entry):
            target = self.bundled.get(reference)
            if target and target not in self.failed and reference not in self.imported:
                return True
        return False

    def resolve(self, field, value):
        """The row a reference names; ValidationError if there is none."""
        model = field.related_model
        name = model._meta.verbose_name
        key = natural_key_of(value)
        if key is None:
            raise ValidationError(
                gettext(
                    "{value} is not a natural key (a list such as [“slug”])."
                ).format(value=json.dumps(value))
            )
        if (model, key) in self.imported:
            return self.imported[model, key][1]
        target = self.bundled.get((model, key))
        if target in self.failed:
            raise ValidationError(
                gettext("{name} “{key}” {not_valid}").format(
                    name=name, key=show_key(key), not_valid=not_valid(target.index)
                )
            )
        try:
            return model._default_manager.get_by_natural_key(*key)
        except TypeError:
            raise ValidationError(
                gettext("“{key}” is not the natural key of a {name}.").format(
                    key=show_key(key), name=name
                )
            ) from None
        except ObjectDoesNotExist:
            raise ValidationError(
                gettext(
                    "{name} “{key}” is neither in the bundle nor in the database."
                ).format(name=name, key=show_key(key))
            ) from None

    def read_fields(self, entry):
        """The entry's values (Python, references resolved) and its many-to-many targets."""
        values, links, errors = {}, {}, {}
        for name, value in entry.fields.items():
            try:
                field = entry.model._meta.get_field(name)
            except FieldDoesNotExist:
                errors[name] = [gettext("no such field.")]
                continue
            try:
                if field.many_to_many:
                    through = field.remote_field.through._meta
                    if not through.auto_created:
                        raise ValidationError(
                            gettext("set by {model} objects of their own.").format(
                                model=through.label_lower
                            )
                        )
                    if not isinstance(value, list):
                        raise ValidationError(
                            gettext("a list of natural keys is expected.")
                        )
                    links[field] = [self.resolve(field, key) for key in value]
                elif field.many_to_one:
                    values[field.name] = (
                        None if value is None else self.resolve(field, value)
                    )
                elif field.concrete and not field.primary_key:
                    values[field.attname] = read_cell(field, value)
                else:
                    # Ids differ from database to database: rows are found by
                    # natural key.
                    raise ValidationError(gettext("not a field a bundle sets."))
            except ValidationError as error:
                errors[name] = error.messages
        if errors:
            raise ValidationError(errors)
        return values, links

    def import_entry(self, entry):
        # No savepoint an entry: every rule is checked before a row is saved,
        # so the database refusing one is rare enough to end the import there
        # (on PostgreSQL the transaction could not go on after it anyway).
        try:
            result, row = self.save(entry)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                by_field = error.message_dict
            else:
                by_field = {NON_FIELD_ERRORS: error.messages}
            for field, messages in by_field.items():
                for message in messages:
                    self.problem(entry, field, message)
            return
        except DatabaseError as error:
            self.problem(
                entry,
                None,
                gettext("the database refused it: {error}").format(error=error),
            )
            raise BundleError(self.problems, self.located) from None
        self.imported[entry.model, entry.key] = (entry, row)
        counts = self.summary.setdefault(entry.model._meta.label_lower, Counter())
        counts[result] += 1

    def save(self, entry):
        """Create or update the entry's row; ``("created" | "updated" | "unchanged", row)``."""
        model = entry.model
        values, links = self.read_fields(entry)
        try:
            entry.key = model(**values).natural_key()
        except ObjectDoesNotExist as error:  # a part without its parent
            raise ValidationError(str(error)) from None
        if (model, entry.key) in self.imported:
            twin = self.imported[model, entry.key][0]
            raise ValidationError(same_row(twin))
        try:
            if self.parent_is_new(model, values):
                raise model.DoesNotExist  # nor can its parts be there
            row = model._default_manager.get_by_natural_key(*entry.key)
        except model.DoesNotExist:
            row, stored = model(), None
        else:
            stored = self.content(row)
        was = stored and model is Publication and Publication(**stored)
        # Fields the bundle leaves out keep what the database holds.
        for name, value in values.items():
            setattr(row, name, value)
        check_row(
            row, looked_up=[f for f in values if model._meta.get_field(f).many_to_one]
        )
        if model is Publication:
            publishing.check(self.user, row, was or None)
        self.note_breakdown(entry, row)
        if isinstance(row, DiscussedModel) and (
            briefs := links.get(model._meta.get_field("publications"))
        ):
            check_discussed_in(briefs)
        new_links = {
            field: wanted
            for field, targets in links.items()
            if (wanted := self.links(row, field, targets, stored is None)) is not None
        }
        changed = stored != self.content(row)
        if not changed and not new_links:
            return "unchanged", row
        if changed:
            for field in model._meta.concrete_fields:
                if field.name not in entry.fields:
                    # What a save would set: created_at / updated_at to now.
                    field.pre_save(row, add=stored is None)
            # Raw, like loaddata: created_at and updated_at are the bundle's,
            # so the rows export to the same bundle again.
            row.save_base(raw=True)
            result = "created" if stored is None else "updated"
            if stored is None:
                self.created.add((model, row.pk))
            if has_history(model):
                self.written.setdefault((model, result), []).append(row)
            if model is Publication:
                publishing.written(row, was or None, self.user)
        for field, wanted in new_links.items():
            getattr(row, field.name).set(wanted)
        return ("created" if stored is None else "updated"), row

    def parent_is_new(self, model, values):
        """Whether the row a part's natural key starts with was created here."""
        parent = model.natural_key_fields[0]
        if not model._meta.get_field(parent).many_to_one:
            return False
        row = values.get(parent)
        return row is not None and (type(row), row.pk) in self.created

    @staticmethod
    def content(row):
        return {
            field.attname: field.value_from_object(row)
            for field in row._meta.concrete_fields
            if not field.primary_key and field.name not in TIMESTAMPS
        }

    def links(self, row, field, targets, created):
        """The many-to-many targets ``row`` should have, or None if it has them."""
        current = set() if created else set(getattr(row, field.name).all())
        # The bundle speaks for links among its own rows only: a link to a
        # row outside it (another brief discussing this meeting) is kept.
        kept = {
            target
            for target in current
            if (field.related_model, target.natural_key()) not in self.bundled
        }
        wanted = set(targets) | kept
        return None if wanted == current else wanted
