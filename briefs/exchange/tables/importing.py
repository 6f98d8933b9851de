"""
Importing a whole table: every row checked against everything, all or nothing.

First the file (format, encoding, header), then each column (types, lengths,
choices, slugs of related rows), then the rows together (a key given twice,
unique constraints, a breakdown above its total, a brief published by someone
who may not publish), then each row (the model's
own rules and check constraints). New rows, their links and their history
are handed to the database part by part as they pass (``writing.Writes``), so
it loads one part while the next is checked; all of it happens in one
transaction, which any problem rolls back. Every problem found is reported,
by row, column, value and reason.

The file is read a part at a time, twice: once to check its cells, once to
build, check and write its rows. Between parts only what the checks across
the whole file need is kept (its keys, the slugs it names, the ids of its
rows, what unique constraints and breakdowns have seen, the changed rows and
their links, written last), so memory holds the file's bytes and that, not
every cell and row of the file at once. A table whose rows name each other
(an actor and its country) is the exception: its rows are built whole.
"""

import dataclasses
import datetime
import gc
from collections import defaultdict
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
from django.utils import timezone
from django.utils.translation import gettext

from briefs.domain import derived, publishing
from briefs.domain.constraints import check_constraints, violation
from briefs.domain.rules import (
    check_breakdown,
    check_publishing,
    linked_to_a_translation,
    may_publish,
)
from briefs.exchange.tables import writing
from briefs.exchange.tables.columns import SlugColumn, SlugListColumn, columns_of
from briefs.exchange.tables.files import NO_LIMITS, check_limits, read_table
from briefs.exchange.tables.problems import Problem, TableError
from briefs.models import (
    DiscussedModel,
    NationalityCount,
    PrisonerRelease,
    Publication,
    counted_by_release,
)

# Above this many keys, reading the whole table beats asking for each key.
LARGE = 5000
# Rows of the file read, checked and written at a time.
PART = 5000
# Rows of the first part written (see import_rows).
FIRST_PART = 500
# Rows checked, then handed to the database, at a time.
BATCH = 5000
# Changed rows whose cells a result keeps, for a preview to show.
SHOWN_CHANGES = 20


def instances_of(model, rows):
    """``[model(*row) for row in rows]``, a row holding a value per concrete field.

    Django's ``Model.__init__`` sets each value through the field's
    descriptor, the dearest part of building a new row here; a new instance
    has no cached related row for a descriptor to clear, so the values go
    straight into its ``__dict__``, as ``__init__`` would leave them. Not
    where a pre_init or post_init receiver listens: only ``__init__`` sends
    those.
    """
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        return [model(*row) for row in rows]
    names = [field.attname for field in model._meta.concrete_fields]
    new = model.__new__
    instances = []
    for row in rows:
        instance = new(model)
        instance._state = ModelState()
        instance.__dict__.update(zip(names, row, strict=True))
        instances.append(instance)
    return instances


def deferred_rows(model, pairs):
    """(slug, row) for each (id, slug): the rows ``only("pk", "slug")`` loads,
    as ``Model.from_db`` builds them (stored, every other field deferred),
    without a call of ``__init__`` for each: the 50,000 meetings that a file of
    participants names load in about half the time. Not where an init signal
    listens."""
    attname = model._meta.pk.attname
    new = model.__new__
    db = connection.alias
    for pk, slug in pairs:
        row = new(model)
        row._state = state = ModelState()
        state.adding = False
        state.db = db
        row.__dict__[attname] = pk
        row.slug = slug
        yield slug, row


NEW = object()  # the id of a row the file adds: no stored id equals it


def stored_id(instance):
    """What a foreign key to ``instance`` stores; ``NEW`` for a new row of the file."""
    if instance is None:
        return None
    return NEW if instance.pk is None else instance.pk


@dataclass
class ImportResult:
    """What an import does (or, dry, would do) to the table.

    ``changes`` holds the changed cells of the first changed rows: (row
    number, [(column, stored value, value of the file)]). An import never
    deletes a row: ``deleted`` is there for a preview's sake.
    """

    model: type
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    changes: list = dataclasses.field(default_factory=list)
    file_name: str = ""

    @property
    def rows(self):
        return self.created + self.updated + self.unchanged

    @property
    def rows_written(self):
        return self.created + self.updated

    def changes_as_text(self):
        """``changes`` with each value as the preview shows it (and a job's JSON result keeps it)."""
        return [
            [
                row,
                [
                    [
                        column,
                        *(None if value is None else str(value) for value in values),
                    ]
                    for column, *values in cells
                ],
            ]
            for row, cells in self.changes
        ]


def import_table(
    model_name,
    data,
    file_format,
    *,
    dry_run=False,
    user=None,
    file_name="",
    progress=None,
    history=True,
    limits=NO_LIMITS,
):
    """Import the bytes of a CSV, XLSX or JSON file into a table, or raise TableError.

    ``history=False`` skips the history records (one per row written), which
    cost the database about as much as the rows themselves: for loading a
    corpus whose file is its own record. A file above ``limits``
    (``files.Limits``) is refused before any of it is read.
    """
    check_limits(data, file_format, limits, file_name)
    importer = TableImport(
        model_name, user=user, file_name=file_name, progress=progress, history=history
    )
    return importer.run(data, file_format, dry_run=dry_run, limits=limits)


def no_progress(stage, done, total):
    pass


class TableImport:
    def __init__(
        self, model_name, *, user=None, file_name="", progress=None, history=True
    ):
        self.history = history
        self.resource, self.model, self.columns, self.key = columns_of(model_name)
        self.constraints = check_constraints(self.model)
        self.user = user
        self.file_name = file_name
        self.progress = progress or no_progress
        self.problems = []
        self.column_by_attname = {column.field.name: column for column in self.columns}
        self.clean = getattr(self.model, "clean_row", self.model.clean)
        # Whether a rule reads the rows a row points to (a meeting's country
        # is a state, a count stays within its release's total): the model's
        # own rules, its rules against stored rows, the breakdown.
        self.reads_related = (
            self.clean is not models.Model.clean
            or hasattr(self.model, "clean_against_stored")
            or self.model is NationalityCount
        )

    def problem(self, index, column, value, reason):
        self.problems.append(
            Problem(None if index is None else index + 1, column, str(value), reason)
        )

    def stop_if_problems(self):
        if self.problems:
            raise TableError(sorted(self.problems, key=problem_order(self.columns)))

    def run(self, data, file_format, *, dry_run=False, limits=NO_LIMITS):
        # A large file makes hundreds of thousands of objects that live until
        # the end (its keys, or every row of a table built whole); the cyclic
        # collector would walk them all again and again.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self.run_all(data, file_format, dry_run=dry_run, limits=limits)
        finally:
            if collecting:
                gc.enable()

    def run_all(self, data, file_format, *, dry_run=False, limits=NO_LIMITS):
        table = read_table(data, file_format, limits, self.file_name)
        self.count = table.count
        given = self.check_header(table.header)
        self.stop_if_problems()
        with derived.write() as self.changes:
            keys = self.check_columns(given, table)
            self.look_up_related(table, own=False)
            if not self.problems:
                writing.lock(self.model, self.referenced_rows())
            # Rows of this table are looked up once it is locked, so that none
            # a row names can change or go before the import commits (a file
            # refused already takes no lock: nothing of it will be written).
            self.look_up_related(table, own=True)
            self.stop_if_problems()
            self.check_keys()
            self.stop_if_problems()
            # The write settles what follows from the rows (texts, quotes,
            # public actors, the generation) as it ends: rows written in bulk
            # send no signals, so each part notes its rows as it writes them.
            self.briefs_written = []
            result = self.import_rows(given, table, keys, dry_run=dry_run)
            self.stop_if_problems()
            if not dry_run:
                # A brief scheduled anew gets its job; a change of whether it
                # is public is announced (the publishing service's own step).
                for publication, stored in self.briefs_written:
                    publishing.written(publication, stored, self.user)
        return result

    # --- The file --------------------------------------------------------------

    def check_header(self, header):
        known = [column.name for column in self.columns]
        seen = set()
        for name in header:
            if name in seen:
                self.problem(
                    None, name, "", gettext("the header names this column twice.")
                )
            seen.add(name)
            if name not in known:
                self.problem(
                    None,
                    name,
                    "",
                    gettext(
                        "{table} have no such column; the columns are: {columns}."
                    ).format(
                        table=self.model._meta.verbose_name_plural,
                        columns=", ".join(known),
                    ),
                )
        for name in self.key:
            if name not in header:
                self.problem(
                    None,
                    name,
                    "",
                    gettext("the file has no such column, which names each row."),
                )
        return [column for column in self.columns if column.name in header]

    # --- Each column -----------------------------------------------------------

    def check_columns(self, given, table):
        """Every cell of every column, a part of the file at a time.

        Of the values, only what the checks across the whole file need is
        kept: each key with its first row (``keys``), and the slugs of the
        related rows the file names, to look up at once.
        """
        key_columns = [self.column_named(name) for name in self.key]
        self.slugs = {
            column: set()
            for column in given
            if isinstance(column, SlugColumn | SlugListColumn)
        }
        keys = {}  # key: index of the first row with it
        self.repeated = []  # (index, key, index of the first row with the key)
        for start, rows in table.parts(PART):
            values = self.parse_part(given, table.header, rows, start)
            for column, slugs in self.slugs.items():
                slugs.update(slugs_of(column, values[column]))
            key_values = [values[column] for column in key_columns]
            for index, key in enumerate(zip(*key_values, strict=True), start=start):
                first = keys.setdefault(key, index)
                if first != index:
                    self.repeated.append((index, key, first))
            self.progress("checking", start + len(rows), table.count)
        self.slugs_in_file = {key[0] for key in keys} if self.key == ["slug"] else set()
        self.related = {}
        return keys

    def parse_part(self, given, header, rows, start=None):
        """The values of each column in a part of the file; with ``start``,
        its problems are kept too, numbered from the part's first row."""
        values = {}
        # The part's columns (every row is as wide as the header).
        cells = list(zip(*rows, strict=True))
        for column in given:
            parsed, problems = column.parse_checked(cells[header.index(column.name)])
            if start is not None:
                for index, cell, reason in problems:
                    self.problem(start + index, column.name, cell, reason)
            values[column] = parsed
        return values

    def look_up_related(self, table, *, own):
        """The related rows the file names, by slug, in the other tables or,
        ``own``, in this one; an unknown slug is a problem, and so is a fact
        linked to a translation (it states its original's facts)."""
        for column, slugs in self.slugs.items():
            if (column.related_model is self.model) == own:
                found = self.related[column] = self.look_up(column, slugs)
                if not slugs <= found.keys():
                    self.report_unknown(column, table, found)
                if issubclass(self.model, DiscussedModel) and (
                    column.field.name == "publications"
                ):
                    self.report_translations(column, table, found)

    def report_translations(self, column, table, found):
        """A problem for each row linking a fact to a translation (the rule of
        ``check_discussed_in``, in its words), with one query for the file."""
        translated = dict(
            Publication.objects.filter(
                pk__in=[row.pk for row in found.values()],
                translation_of__isnull=False,
            ).values_list("slug", "translation_of__slug")
        )
        if not translated:
            return
        for start, rows in table.parts(PART):
            values = self.parse_part([column], table.header, rows)[column]
            for index, value in enumerate(values, start=start):
                for slug in value:
                    if slug in translated:
                        self.problem(
                            index,
                            column.name,
                            ",".join(value),
                            linked_to_a_translation(slug, translated[slug]),
                        )

    def look_up(self, column, slugs):
        many = isinstance(column, SlugListColumn)
        found = {}
        related = column.related_model
        if related is self.model:
            # Rows of the file may name each other (a person and their state);
            # build_rows links them to the file's own rows.
            found.update(dict.fromkeys(self.slugs_in_file, None))
        wanted = sorted(slugs - found.keys())
        queryset = related.objects.order_by()
        if many or not self.reads_related:
            # Rows no rule reads are wanted for their ids (and slugs, to name them).
            queryset = queryset.only("pk", "slug")
        else:
            # Whole, for the rules that read them, but for what the database
            # keeps for itself (timestamps, derived HTML and flags): no rule
            # reads those, and timestamps are the dearest values to load. A
            # rule that did would load its own.
            queryset = queryset.defer(
                *(
                    field.name
                    for field in related._meta.concrete_fields
                    if not field.editable and not field.primary_key
                )
            )
        slim = (many or not self.reads_related) and not (
            pre_init.has_listeners(related) or post_init.has_listeners(related)
        )
        if len(wanted) > LARGE:
            # Many slugs: one pass over the related table beats thousands of IN lists.
            wanted = set(wanted)
            if slim:
                pairs = queryset.values_list("pk", "slug").iterator(chunk_size=5000)
                found.update(
                    (slug, row)
                    for slug, row in deferred_rows(related, pairs)
                    if slug in wanted
                )
            else:
                found.update(
                    (row.slug, row)
                    for row in queryset.iterator(chunk_size=5000)
                    if row.slug in wanted
                )
        else:
            for chunk in writing.chunks(wanted):
                if slim:
                    pairs = queryset.filter(slug__in=chunk).values_list("pk", "slug")
                    found.update(deferred_rows(related, pairs))
                else:
                    found.update(queryset.in_bulk(chunk, field_name="slug"))
        return found

    def report_unknown(self, column, table, found):
        """A problem for each row naming a slug ``found`` lacks."""
        many = isinstance(column, SlugListColumn)
        related = column.related_model
        name = related._meta.verbose_name_plural if many else related._meta.verbose_name
        for start, rows in table.parts(PART):
            values = self.parse_part([column], table.header, rows)[column]
            for index, value in enumerate(values, start=start):
                missing = [
                    slug
                    for slug in (value if many else [value])
                    if slug and slug not in found
                ]
                if missing and many:
                    listed = ", ".join(map(repr, missing))
                    self.problem(
                        index,
                        column.name,
                        ",".join(value),
                        gettext("No {name} with slug {listed}.").format(
                            name=name, listed=listed
                        ),
                    )
                elif missing:
                    self.problem(
                        index,
                        column.name,
                        value,
                        gettext("No {name} with slug “{value}”.").format(
                            name=name, value=value
                        ),
                    )

    def referenced_rows(self):
        """(model, ids) of the rows of other tables the file's rows point to."""
        referenced = defaultdict(set)
        for column, found in self.related.items():
            if column.related_model is not self.model:
                referenced[column.related_model].update(
                    row.pk for row in found.values() if row is not None
                )
        return referenced.items()

    def check_keys(self):
        for index, key, first in self.repeated:
            named = ", ".join(
                f"{name} “{value}”" for name, value in zip(self.key, key, strict=True)
            )
            self.problem(
                index,
                self.key[-1],
                key[-1],
                gettext(
                    "Row {row} already has {named}: a file may give each row once."
                ).format(row=first + 1, named=named),
            )

    # --- Each row --------------------------------------------------------------

    def import_rows(self, given, table, keys, *, dry_run):
        """Build, check and (unless dry) write the rows, a part of the file at a time.

        What the checks across parts need is kept: the ids of the stored rows
        the file names and of its new rows, and what the unique constraints
        and the breakdowns have seen so far. A table whose rows may name each
        other (an actor and its country) is taken whole, since a row's rules
        read the row it names as the file leaves it.
        """
        result = ImportResult(self.model, file_name=self.file_name)
        self.stored_ids = self.stored_ids_of(keys)
        self.in_file = set(self.stored_ids.values())
        new = 0 if dry_run else len(keys) - len(self.stored_ids)
        first_id = writing.allocate_ids(self.model, new) if new else 0
        self.new_ids = range(first_id, first_id + new)
        self.taken = defaultdict(dict)
        self.scoped = defaultdict(set)
        self.totals = defaultdict(int)
        self.last_count = {}
        self.written = Written(next_id=first_id)
        names_own_rows = any(
            isinstance(column, SlugColumn) and column.related_model is self.model
            for column in given
        )
        with nullcontext() if dry_run else writing.Writes() as self.writes:
            parts = (
                table.parts(table.count)
                if names_own_rows
                # The database waits idle until the first part is checked:
                # a small one sets it loading sooner.
                else table.parts(PART, first=FIRST_PART)
            )
            for start, rows in parts:
                values = self.parse_part(given, table.header, rows)
                instances, links = self.build_rows(given, values, start, result)
                self.check_unique(instances)
                self.check_breakdowns(instances)
                self.check_publishing(instances)
                self.check_against_stored(instances)
                if dry_run:
                    self.check_rows(given, instances)
                else:
                    self.write(given, instances, links)
                    self.changes.rows_written(
                        self.model, [instance for _index, instance, _state in instances]
                    )
                    self.progress("importing", start + len(rows), table.count)
            self.check_counted()
            if not dry_run and not self.problems:
                self.write_rest()
        return result

    def column_named(self, name):
        return next(column for column in self.columns if column.name == name)

    def stored_ids_of(self, keys):
        """The ids of the stored rows the file's keys name, by key."""
        key_columns = [self.column_named(name) for name in self.key]
        slug_of = {
            column: {row.pk: slug for slug, row in self.related[column].items() if row}
            for column in key_columns
            if isinstance(column, SlugColumn)
        }
        first = key_columns[0]
        if isinstance(first, SlugColumn):
            # A part (section, participant, …): its parent's slug comes first.
            wanted = set(slug_of[first])
        else:
            wanted = {key[0] for key in keys}
        queryset = self.model.objects.order_by().values_list(
            "pk", *(column.attname for column in key_columns)
        )
        if len(wanted) > LARGE:
            # Many keys: one pass over the table beats thousands of IN lists.
            candidates = queryset.iterator(chunk_size=5000)
        else:
            candidates = (
                row
                for chunk in writing.chunks(sorted(wanted))
                for row in queryset.filter(**{f"{first.attname}__in": chunk})
            )
        ids = {}
        for pk, *values in candidates:
            key = tuple(
                slug_of[column].get(value) if column in slug_of else value
                for column, value in zip(key_columns, values, strict=True)
            )
            if key in keys:
                ids[key] = pk
        return ids

    def stored_rows(self, key_of):
        """The stored rows of ``key_of`` (id: key), by key, with the rows they point to."""
        foreign_keys = [
            field.name
            for field in self.model._meta.concrete_fields
            if isinstance(field, models.ForeignKey)
        ]
        queryset = self.model.objects.order_by().select_related(*foreign_keys)
        return {
            key_of[instance.pk]: instance
            for chunk in writing.chunks(sorted(key_of))
            for instance in queryset.filter(pk__in=chunk)
        }

    def differing(self, given, values, stored_ids, stored_links):
        """The indexes of the part's stored rows whose file values may differ
        from the stored ones, compared as plain values.

        Most rows of a file imported again are unchanged: comparing tuples
        of values spares building a model instance (and the rows it points
        to) for each. Only the rows found here are built and compared again,
        cell by cell, as instances (``build_rows``), so a row counted
        unchanged here is one the instances would find unchanged too.
        """
        if not stored_ids:
            return set()
        plain = [column for column in given if not isinstance(column, SlugListColumn)]
        in_file = []  # each column's values, as the stored row holds them
        for column in plain:
            cells = values[column]
            if isinstance(column, SlugColumn):
                found = self.related[column]
                cells = [stored_id(found.get(slug)) for slug in cells]
            in_file.append(cells)
        rows = list(zip(*in_file, strict=True))
        queryset = self.model.objects.order_by().values_list(
            "pk", *(column.attname for column in plain)
        )
        stored = {}
        for chunk in writing.chunks(sorted(stored_ids.values())):
            stored.update((row[0], row[1:]) for row in queryset.filter(pk__in=chunk))
        differing = {
            index for index, pk in stored_ids.items() if stored[pk] != rows[index]
        }
        for column, links in stored_links.items():
            found = self.related[column]
            cells = values[column]
            differing.update(
                index
                for index, pk in stored_ids.items()
                if {found[slug].pk for slug in cells[index]} != links.get(pk, set())
            )
        return differing

    def build_rows(self, given, values, start, result):
        """The instances of a part of the file, new or stored with the file's
        values, and the links to write; counted in ``result``."""
        key_values = [values[self.column_named(name)] for name in self.key]
        keys = list(zip(*key_values, strict=True))
        stored_ids = {
            index: pk
            for index, key in enumerate(keys)
            if (pk := self.stored_ids.get(key)) is not None
        }
        new_rows = [index for index in range(len(keys)) if index not in stored_ids]
        many = [column for column in given if isinstance(column, SlugListColumn)]
        stored_links = self.stored_links(many, stored_ids.values())
        self_references = [
            column
            for column in given
            if isinstance(column, SlugColumn) and column.related_model is self.model
        ]
        # Rows of a file that name each other are built whole: the rows they
        # name are those the file leaves, whether it changes them or not.
        candidates = (
            stored_ids.keys()
            if self_references
            else self.differing(given, values, stored_ids, stored_links)
        )
        stored = self.stored_rows(
            {stored_ids[index]: keys[index] for index in candidates}
        )
        created = self.new_instances(given, values, new_rows)
        for column in self_references:
            # A row may name a row of the same file, new or stored, as the file leaves it.
            self.related[column].update((key[0], stored[key]) for key in stored)
            self.related[column].update(
                (keys[index][0], instance)
                for index, instance in zip(new_rows, created, strict=True)
            )
        instances = []  # (row index, instance, "created" | "updated")
        for column in given:
            # The rows a new row points to, for its rules to read (and, for a
            # row of this same file, for its id once it has one).
            if isinstance(column, SlugColumn) and (
                self.reads_related or column in self_references
            ):
                found = self.related[column]
                cells = values[column]
                cache = column.field.set_cached_value
                for index, instance in zip(new_rows, created, strict=True):
                    cache(instance, found.get(cells[index]))
        instances.extend(
            (start + index, instance, "created")
            for index, instance in zip(new_rows, created, strict=True)
        )
        links = []  # (instance, column, related ids, whether stored) to write
        for column in many:
            found = self.related[column]
            cells = values[column]
            links.extend(
                (instance, column, {found[slug].pk for slug in cells[index]}, False)
                for index, instance in zip(new_rows, created, strict=True)
            )
        plain = [column for column in given if not isinstance(column, SlugListColumn)]
        for index in stored_ids:
            instance = stored.get(keys[index])
            if instance is None:
                result.unchanged += 1
                continue
            changed = []  # (column, stored value, value of the file)
            for column in plain:
                value = values[column][index]
                if isinstance(column, SlugColumn):
                    before = getattr(getattr(instance, column.field.name), "slug", "")
                    if self.set_related(instance, column, value):
                        changed.append((column.name, before, value))
                elif (before := getattr(instance, column.attname)) != value:
                    setattr(instance, column.attname, value)
                    changed.append((column.name, before, value))
            for column in many:
                found = self.related[column]
                ids = {found[slug].pk for slug in values[column][index]}
                if ids != stored_links[column].get(instance.pk, set()):
                    links.append((instance, column, ids, True))
                    changed.append((column.name, "", ",".join(values[column][index])))
            if changed:
                instances.append((start + index, instance, "updated"))
                if len(result.changes) < SHOWN_CHANGES:
                    result.changes.append((start + index + 1, changed))
            else:
                result.unchanged += 1
        result.created += len(created)
        result.updated += len(instances) - len(created)
        return instances, links

    def new_instances(self, given, values, rows):
        """Instances for the file's new rows, built a column at a time.

        Positional arguments are Django's fast path for building instances
        (the one it uses for rows from the database); a column the file
        leaves out takes the field's default.
        """
        by_field = {column.field.name: column for column in given}
        every_row = len(rows) == len(next(iter(values.values()), ()))
        sources = []
        for field in self.model._meta.concrete_fields:
            column = by_field.get(field.name)
            if column is None:
                default = None if field.primary_key else field.get_default()
                sources.append(repeat(default, len(rows)))
                continue
            cells = values[column]
            if not every_row:
                cells = [cells[index] for index in rows]
            if isinstance(column, SlugColumn):
                get = self.related[column].get
                # The id attribute itself: ``pk`` is a property, dear per row.
                pk = attrgetter(column.related_model._meta.pk.attname)
                cells = [
                    None if (row := get(slug)) is None else pk(row) for slug in cells
                ]
            sources.append(cells)
        return instances_of(self.model, zip(*sources, strict=True))

    def set_related(self, instance, column, slug):
        """Point a foreign key at the row a slug names; True if that changed it."""
        related = self.related[column].get(slug) if slug else None
        before = getattr(instance, column.attname)
        setattr(instance, column.field.name, related)
        if related is not None and related.pk is None:
            return True  # a new row of this same file
        return before != getattr(instance, column.attname)

    def stored_links(self, many, ids):
        """{column: {id of a stored row: the ids it links}} for the many-to-many columns."""
        links = {}
        ids = list(ids)
        for column in many:
            through = column.field.remote_field.through
            source = column.field.m2m_field_name()
            target = column.field.m2m_reverse_field_name()
            found = defaultdict(set)
            for chunk in writing.chunks(ids):
                pairs = through.objects.filter(**{f"{source}__in": chunk}).values_list(
                    f"{source}_id", f"{target}_id"
                )
                for owner, related in pairs:
                    found[owner].add(related)
            links[column] = found
        return links

    def check_rows(self, given, instances):
        """The model's own rules and check constraints, row by row."""
        given_names = {column.field.name for column in given}
        defaults = [
            field.name
            for field in self.model._meta.concrete_fields
            if field.name not in given_names
            and not field.primary_key
            and field.editable
        ]
        others = [
            field.name
            for field in self.model._meta.fields
            if field.name not in defaults
        ]
        clean = self.clean
        has_rules = clean is not models.Model.clean
        for index, instance, state in instances:
            errors = {}
            if state == "created" and defaults:
                # Columns the file leaves out take the model's defaults: still checked.
                try:
                    instance.clean_fields(exclude=others)
                except ValidationError as error:
                    errors = error.update_error_dict(errors)
            if has_rules:
                try:
                    clean(instance)
                except ValidationError as error:
                    errors = error.update_error_dict(errors)
            # The constraints are the last guard: a row the model's own rules
            # refused already has a better message than a constraint's name.
            for constraint, test in () if errors else self.constraints:
                if test(instance) is False:
                    errors = violation(constraint).update_error_dict(errors)
            if errors:
                self.report(index, instance, errors)

    def report(self, index, instance, errors):
        """A row's errors ({field: messages}) as problems, named by column."""
        for name, messages in errors.items():
            column = self.column_by_attname.get(name)
            for text in messages:
                text = " ".join(getattr(text, "messages", [str(text)]))
                value = getattr(instance, column.attname, "") if column else ""
                if isinstance(column, SlugColumn):
                    value = getattr(getattr(instance, column.field.name), "slug", "")
                self.problem(
                    index,
                    column.name if column else name_of(name),
                    value or "",
                    text,
                )

    def check_against_stored(self, instances):
        """The rules of a model that read other stored rows (evidence against its
        brief's text), before writing: while the rows are copied in, the
        connection can run nothing else."""
        check = getattr(self.model, "clean_against_stored", None)
        if check is None:
            return
        for index, instance, _state in instances:
            try:
                check(instance)
            except ValidationError as error:
                self.report(index, instance, error.update_error_dict({}))

    def check_unique(self, instances):
        """Unique constraints besides the key, on the table as the file leaves it
        (a contribution's position, say).

        The stored rows a part's values may clash with are read once, as the
        part comes; rows the file itself writes or rewrites are left out.
        """
        key_fields = {self.column_named(name).field.name for name in self.key}
        for constraint in self.model._meta.total_unique_constraints:
            fields = [self.model._meta.get_field(name) for name in constraint.fields]
            if {field.name for field in fields} == key_fields:
                continue  # rows are matched on the key: it cannot repeat
            attnames = [field.attname for field in fields]
            values_of = attrgetter(*attnames)
            seen = self.scoped[constraint.name]
            scope = {
                getattr(instance, fields[0].attname) for _i, instance, _s in instances
            } - seen
            seen.update(scope)
            taken = self.taken[constraint.name]
            for chunk in writing.chunks(sorted(scope, key=str)):
                stored = self.model.objects.order_by().filter(
                    **{f"{fields[0].attname}__in": chunk}
                )
                for pk, *values in stored.values_list("pk", *attnames):
                    if pk not in self.in_file and pk not in self.new_ids:
                        taken[tuple(values)] = None
            for index, instance, _state in instances:
                values = values_of(instance)
                values = values if isinstance(values, tuple) else (values,)
                if values in taken:
                    names = gettext(" and ").join(
                        str(field.verbose_name) for field in fields
                    )
                    column = self.column_by_attname.get(fields[-1].name)
                    self.problem(
                        index,
                        column.name if column else fields[-1].name,
                        getattr(instance, fields[-1].attname),
                        gettext("Another row already has this {names}.").format(
                            names=names
                        ),
                    )
                taken[values] = index

    def check_breakdowns(self, instances):
        """The nationality counts of a release may not add up to more than its total.

        A file can change several counts of one release, or its total, at
        once, so the rule is checked on what the tables will hold once the
        whole file is written, not row by row against the stored counts: the
        counts are added up part by part, and checked at the end
        (``check_counted``).
        """
        if self.model is NationalityCount:
            self.add_counts(instances)
        elif self.model is PrisonerRelease:
            self.check_totals(instances)

    def add_counts(self, instances):
        release_ids = {
            instance.release_id for _index, instance, _state in instances
        } - self.totals.keys()
        for release_id in release_ids:
            self.totals[release_id] = 0
        for chunk in writing.chunks(sorted(release_ids)):
            stored = NationalityCount.objects.order_by().filter(release_id__in=chunk)
            for pk, release_id, count in stored.values_list(
                "pk", "release_id", "count"
            ):
                if pk not in self.in_file and pk not in self.new_ids:
                    self.totals[release_id] += count
        for index, instance, _state in instances:
            self.totals[instance.release_id] += instance.count or 0
            self.last_count[instance.release_id] = (
                index,
                instance.count,
                instance.release.total,
            )

    def check_counted(self):
        for release_id, (index, count, total) in self.last_count.items():
            self.check_breakdown(index, "count", count, self.totals[release_id], total)

    def check_totals(self, instances):
        stored = [
            instance for _index, instance, state in instances if state == "updated"
        ]
        counted = {}
        for chunk in writing.chunks([instance.pk for instance in stored]):
            counted.update(counted_by_release(chunk))
        for index, instance, _state in instances:
            self.check_breakdown(
                index,
                "total",
                instance.total,
                counted.get(instance.pk, 0),
                instance.total,
            )

    def check_breakdown(self, index, column, value, counted, total):
        try:
            check_breakdown(counted, total)
        except ValidationError as error:
            self.problem(index, column, value, " ".join(error.messages))

    def check_publishing(self, instances):
        """Through a file too, only a publisher publishes, unpublishes or
        schedules; what each brief was is kept for ``publishing.written``."""
        if self.model is not Publication:
            return
        updated = [pk for _i, instance, _s in instances if (pk := instance.pk)]
        stored = {}
        for chunk in writing.chunks(updated):
            rows = Publication.objects.filter(pk__in=chunk).only("status", "publish_at")
            stored.update((row.pk, row) for row in rows)
        self.briefs_written.extend(
            (instance, stored.get(instance.pk)) for _i, instance, _s in instances
        )
        if may_publish(self.user):
            return
        for index, instance, _state in instances:
            try:
                check_publishing(self.user, instance, stored.get(instance.pk))
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    column = self.column_by_attname.get(name)
                    self.problem(
                        index,
                        column.name if column else name,
                        getattr(instance, name) or "",
                        " ".join(messages),
                    )

    # --- Writing ---------------------------------------------------------------

    def write(self, given, instances, links):
        """Check and write a part's new rows, with their links and history;
        keep what its changed rows and links are to be, to write once every
        row has passed.

        The writes go to the database (``writing.Writes``) batch by batch as
        they pass, so that it loads one part while the next is checked; a
        problem anywhere rolls the whole transaction back.
        """
        fields = list(self.model._meta.concrete_fields)
        written = self.written
        created = [
            instance for _index, instance, state in instances if state == "created"
        ]
        first_id = written.next_id
        # The id attribute itself: the ``pk`` property's setter, dear per row,
        # is for a model that inherits another's table (its parent's link).
        pk_name = "pk" if self.model._meta.parents else self.model._meta.pk.attname
        now = written.now
        for instance, pk in zip(
            created, range(first_id, first_id + len(created)), strict=True
        ):
            setattr(instance, pk_name, pk)
            instance.created_at = instance.updated_at = now
        written.next_id += len(created)
        self_references = [
            field
            for field in fields
            if field.is_relation and field.related_model is self.model
        ]
        values_of = attrgetter(*(field.attname for field in fields))
        for start in range(0, len(instances), BATCH):
            batch = instances[start : start + BATCH]
            self.check_rows(given, batch)
            if self.problems:
                continue  # keep checking, to report every problem
            rows = []
            for _index, instance, state in batch:
                # Foreign keys to new rows of this file were set before those had ids.
                for reference in self_references:
                    related = reference.get_cached_value(instance, None)
                    if related is not None:
                        setattr(instance, reference.attname, related.pk)
                if state == "created":
                    rows.append(values_of(instance))
            self.writes.insert(self.model._meta.db_table, fields, rows)
        if self.problems:
            return
        new_links = defaultdict(list)
        for instance, column, ids, stored in links:
            if not stored:
                new_links[column].extend((instance.pk, related) for related in ids)
        for column, pairs in new_links.items():
            self.write_links(column, [], pairs)
        if self.history:
            self.writes.history(
                self.model,
                range(first_id, written.next_id),
                "+",
                self.user,
                self.reason,
            )
        changing = [
            field
            for field in fields
            if not field.primary_key and field.name != "created_at"
        ]
        for _index, instance, state in instances:
            if state == "updated":
                instance.updated_at = written.now
                written.updates.append(
                    (
                        *(getattr(instance, field.attname) for field in changing),
                        instance.pk,
                    )
                )
        for instance, column, ids, stored in links:
            if stored:
                replaced, pairs = written.links[column]
                replaced.append(instance.pk)
                pairs.extend((instance.pk, related) for related in ids)

    def write_rest(self):
        """The changed rows, their links and their history, once every row has passed."""
        fields = list(self.model._meta.concrete_fields)
        changing = [
            field
            for field in fields
            if not field.primary_key and field.name != "created_at"
        ]
        written = self.written
        self.writes.update(self.model._meta.db_table, changing, written.updates)
        for column, (replaced, pairs) in written.links.items():
            self.write_links(column, replaced, pairs)
        if self.history:
            updated = [row[-1] for row in written.updates]
            self.writes.history(self.model, updated, "~", self.user, self.reason)

    def write_links(self, column, replaced, pairs):
        """Many-to-many links: a stored row's are replaced; a new row has none yet."""
        through = column.field.remote_field.through
        source = through._meta.get_field(column.field.m2m_field_name())
        target = through._meta.get_field(column.field.m2m_reverse_field_name())
        self.writes.delete(through._meta.db_table, source.column, replaced)
        self.writes.insert(through._meta.db_table, [source, target], sorted(pairs))

    @property
    def reason(self):
        """Why the history records say the rows changed."""
        if self.file_name:
            return f"Imported from {self.file_name}"[:100]
        return "Imported"


@dataclass
class Written:
    """What a written import keeps from part to part: the id of its next new
    row, and its changed rows and their links, written once every row has
    passed (new rows go as their part passes)."""

    next_id: int
    now: datetime.datetime = dataclasses.field(default_factory=timezone.now)
    updates: list = dataclasses.field(default_factory=list)  # (values…, id)
    links: defaultdict = dataclasses.field(
        default_factory=lambda: defaultdict(lambda: ([], []))
    )  # column: (ids of stored rows whose links go, their (id, related id) pairs)


def slugs_of(column, values):
    if isinstance(column, SlugListColumn):
        return {slug for value in values for slug in value}
    return {value for value in values if value}


def name_of(field_name):
    return "" if field_name == "__all__" else field_name


def problem_order(columns):
    order = {column.name: number for number, column in enumerate(columns)}

    def key(problem):
        return (problem.row or 0, order.get(problem.column, len(order)), problem.reason)

    return key
