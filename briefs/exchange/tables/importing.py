"""
Importing a whole table: every row checked against everything, all or nothing.

First the file (format, encoding, header), then each column (types, lengths,
choices, slugs of related rows), then the rows together (a key given twice,
unique constraints, a breakdown above its total), then each row (the model's
own rules and check constraints). Rows are handed to the database batch by
batch as they pass, so it loads one batch while the next is checked; all of
it happens in one transaction, which any problem rolls back. Every problem
found is reported, by row, column, value and reason.
"""

import dataclasses
import gc
from collections import defaultdict
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Sum
from django.utils import timezone

from briefs.exchange.tables import writing
from briefs.exchange.tables.columns import SlugColumn, SlugListColumn, columns_of
from briefs.exchange.tables.files import NO_LIMITS, check_limits, read_table
from briefs.exchange.tables.problems import Problem, TableError
from briefs.exchange.tables.rules import check_constraints
from briefs.models import (
    NationalityCount,
    PrisonerRelease,
    Publication,
    Section,
    check_breakdown,
    counted_by_release,
    recheck_quotes,
)
from briefs.reading import caching

# Above this many keys, reading the whole table beats asking for each key.
LARGE = 5000
# Rows checked, then handed to the database, at a time.
BATCH = 5000
# Changed rows whose cells a result keeps, for a preview to show.
SHOWN_CHANGES = 20


def primary_key(instance):
    return None if instance is None else instance.pk


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

    @property
    def rows(self):
        return self.created + self.updated + self.unchanged


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
    check_limits(data, file_format, limits)
    importer = TableImport(
        model_name, user=user, file_name=file_name, progress=progress, history=history
    )
    return importer.run(data, file_format, dry_run=dry_run)


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

    def problem(self, index, column, value, reason):
        self.problems.append(
            Problem(None if index is None else index + 1, column, str(value), reason)
        )

    def stop_if_problems(self):
        if self.problems:
            raise TableError(sorted(self.problems, key=problem_order(self.columns)))

    def run(self, data, file_format, *, dry_run=False):
        # A large file makes hundreds of thousands of objects that live until
        # the end; the cyclic collector would walk them all again and again.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self.run_all(data, file_format, dry_run=dry_run)
        finally:
            if collecting:
                gc.enable()

    def run_all(self, data, file_format, *, dry_run=False):
        header, rows = read_table(data, file_format)
        self.count = len(rows)
        given = self.check_header(header)
        self.stop_if_problems()
        with transaction.atomic():
            values = self.parse_columns(given, header, rows)
            self.stop_if_problems()
            writing.lock(self.model, self.referenced_rows())
            instances, links, result = self.build_rows(given, values)
            self.stop_if_problems()
            self.check_unique(instances)
            self.check_breakdowns(instances)
            self.check_against_stored(instances)
            if dry_run:
                self.check_rows(given, instances)
                self.stop_if_problems()
                return result
            # Rows are written while the next are still being checked; a
            # problem anywhere rolls the whole transaction back.
            self.write(given, instances, links)
            self.stop_if_problems()
            # Bulk writes send no signals: a changed text rechecks the quotes
            # of its evidence (flagging, never dropping, what it breaks) …
            self.recheck_quotes(instances)
            # … and the cached pages are made stale now and,
            # in case a page was rendered from the old rows meanwhile, at commit.
            caching.invalidate()
            transaction.on_commit(caching.invalidate)
        return result

    def recheck_quotes(self, instances):
        if self.model is Publication:
            recheck_quotes([instance.pk for _index, instance, _state in instances])
        elif self.model is Section:
            recheck_quotes(
                {instance.publication_id for _index, instance, _state in instances}
            )

    # --- The file --------------------------------------------------------------

    def check_header(self, header):
        known = [column.name for column in self.columns]
        seen = set()
        for name in header:
            if name in seen:
                self.problem(None, name, "", "the header names this column twice.")
            seen.add(name)
            if name not in known:
                self.problem(
                    None,
                    name,
                    "",
                    f"{self.model._meta.verbose_name_plural} have no such column; "
                    f"the columns are: {', '.join(known)}.",
                )
        for name in self.key:
            if name not in header:
                self.problem(
                    None, name, "", "the file has no such column, which names each row."
                )
        return [column for column in self.columns if column.name in header]

    # --- Each column -----------------------------------------------------------

    def parse_columns(self, given, header, rows):
        values = {}
        for number, column in enumerate(given):
            position = header.index(column.name)
            cells = [row[position] for row in rows]
            parsed, problems = column.parse(cells)
            for index, cell, reason in problems:
                self.problem(index, column.name, cell, reason)
            values[column] = parsed
            self.progress("checking columns", number + 1, len(given))
        self.slugs_in_file = set()
        if self.key == ["slug"]:
            slug_column = next(column for column in given if column.name == "slug")
            self.slugs_in_file = set(values[slug_column])
        self.related = {}
        for column in given:
            if isinstance(column, SlugColumn | SlugListColumn):
                self.related[column] = self.look_up(column, values[column])
        return values

    def look_up(self, column, values):
        """The related rows a column names, by slug; an unknown slug is a problem."""
        many = isinstance(column, SlugListColumn)
        slugs = {
            slug for value in values for slug in (value if many else [value]) if slug
        }
        found = {}
        related = column.related_model
        if related is self.model:
            # Rows of the file may name each other (a person and their state);
            # build_rows links them to the file's own rows.
            found.update(dict.fromkeys(self.slugs_in_file, None))
        wanted = sorted(slugs - found.keys())
        queryset = related.objects.all()
        if many:
            queryset = queryset.only("pk", "slug")
        if len(wanted) > LARGE:
            # Many slugs: one pass over the related table beats thousands of IN lists.
            wanted = set(wanted)
            found.update(
                (row.slug, row)
                for row in queryset.iterator(chunk_size=5000)
                if row.slug in wanted
            )
        else:
            for chunk in writing.chunks(wanted):
                found.update(queryset.in_bulk(chunk, field_name="slug"))
        name = related._meta.verbose_name_plural if many else related._meta.verbose_name
        for index, value in enumerate(values):
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
                    f"No {name} with slug {listed}.",
                )
            elif missing:
                self.problem(
                    index, column.name, value, f"No {name} with slug “{value}”."
                )
        return found

    def referenced_rows(self):
        """(model, ids) of the rows of other tables the file's rows point to."""
        referenced = defaultdict(set)
        for column, found in self.related.items():
            if column.related_model is not self.model:
                referenced[column.related_model].update(
                    row.pk for row in found.values() if row is not None
                )
        return referenced.items()

    # --- Each row --------------------------------------------------------------

    def stored_rows(self, keys):
        """The rows of the table the file's keys name, with what their rules read."""
        foreign_keys = [
            field.name
            for field in self.model._meta.concrete_fields
            if isinstance(field, models.ForeignKey)
        ]
        queryset = self.model.objects.select_related(*foreign_keys)
        key_columns = [self.column_named(name) for name in self.key]
        first = key_columns[0]
        if isinstance(first, SlugColumn):
            # A part (section, participant, …): its parent's slug comes first.
            parents = self.related[first]
            wanted = {parents[key[0]].pk for key in keys if key[0] in parents}
        else:
            wanted = {key[0] for key in keys}
        if len(wanted) > LARGE:
            # Many keys: one pass over the table beats thousands of IN lists.
            candidates = queryset.iterator(chunk_size=5000)
        else:
            candidates = (
                instance
                for chunk in writing.chunks(sorted(wanted))
                for instance in queryset.filter(**{f"{first.attname}__in": chunk})
            )
        stored = {}
        for instance in candidates:
            key = self.stored_key(instance, key_columns)
            if key[0] in wanted or isinstance(first, SlugColumn):
                stored[key] = instance
        return stored

    def column_named(self, name):
        return next(column for column in self.columns if column.name == name)

    def stored_key(self, instance, key_columns):
        key = []
        for column in key_columns:
            if isinstance(column, SlugColumn):
                related = getattr(instance, column.field.name)
                key.append(related.slug if related else None)
            else:
                key.append(getattr(instance, column.attname))
        return tuple(key)

    def build_rows(self, given, values):
        result = ImportResult(self.model)
        key_values = [values[self.column_named(name)] for name in self.key]
        keys = list(zip(*key_values, strict=True))
        first_row = {}
        for index, key in enumerate(keys):
            first = first_row.setdefault(key, index)
            if first != index:
                named = ", ".join(
                    f"{name} “{value}”"
                    for name, value in zip(self.key, key, strict=True)
                )
                self.problem(
                    index,
                    self.key[-1],
                    key[-1],
                    f"Row {first + 1} already has {named}: a file may give each row once.",
                )
        if self.problems:
            return [], [], result
        stored = self.stored_rows(keys)
        new_rows = [index for index, key in enumerate(keys) if key not in stored]
        created = self.new_instances(given, values, new_rows)
        self_references = [
            column
            for column in given
            if isinstance(column, SlugColumn) and column.related_model is self.model
        ]
        for column in self_references:
            # A row may name a row of the same file, new or stored, as the file leaves it.
            self.related[column].update((key[0], stored[key]) for key in stored)
            self.related[column].update(
                (keys[index][0], instance)
                for index, instance in zip(new_rows, created, strict=True)
            )
        instances = []  # (row index, instance, "created" | "updated")
        for column in given:
            if isinstance(column, SlugColumn):
                found = self.related[column]
                cells = values[column]
                cache = column.field.set_cached_value
                for index, instance in zip(new_rows, created, strict=True):
                    cache(instance, found.get(cells[index]))
        instances.extend(
            (index, instance, "created")
            for index, instance in zip(new_rows, created, strict=True)
        )
        many = [column for column in given if isinstance(column, SlugListColumn)]
        stored_links = self.stored_links(many, stored.values())
        links = []  # (instance, column, related ids, whether stored) to write
        for column in many:
            found = self.related[column]
            cells = values[column]
            links.extend(
                (instance, column, {found[slug].pk for slug in cells[index]}, False)
                for index, instance in zip(new_rows, created, strict=True)
            )
        plain = [column for column in given if not isinstance(column, SlugListColumn)]
        for index, key in enumerate(keys):
            instance = stored.get(key)
            if instance is None:
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
                instances.append((index, instance, "updated"))
                if len(result.changes) < SHOWN_CHANGES:
                    result.changes.append((index + 1, changed))
            else:
                result.unchanged += 1
        result.created = len(created)
        result.updated = len(instances) - len(created)
        return instances, links, result

    def new_instances(self, given, values, rows):
        """Instances for the file's new rows, built a column at a time.

        Positional arguments are Django's fast path for building instances
        (the one it uses for rows from the database); a column the file
        leaves out takes the field's default.
        """
        by_field = {column.field.name: column for column in given}
        sources = []
        for field in self.model._meta.concrete_fields:
            column = by_field.get(field.name)
            if column is None:
                default = None if field.primary_key else field.get_default()
                sources.append(repeat(default, len(rows)))
            elif isinstance(column, SlugColumn):
                found = self.related[column]
                cells = values[column]
                sources.append([primary_key(found.get(cells[index])) for index in rows])
            else:
                cells = values[column]
                sources.append([cells[index] for index in rows])
        return [self.model(*row) for row in zip(*sources, strict=True)]

    def set_related(self, instance, column, slug):
        """Point a foreign key at the row a slug names; True if that changed it."""
        related = self.related[column].get(slug) if slug else None
        before = getattr(instance, column.attname)
        setattr(instance, column.field.name, related)
        if related is not None and related.pk is None:
            return True  # a new row of this same file
        return before != getattr(instance, column.attname)

    def stored_links(self, many, stored):
        links = {}
        ids = [instance.pk for instance in stored]
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
        clean = getattr(self.model, "clean_row", self.model.clean)
        has_rules = clean is not models.Model.clean
        for index, instance, state in instances:
            errors = {}
            if state == "created" and defaults:
                # Columns the file leaves out take the model's defaults: still checked.
                try:
                    instance.clean_fields(
                        exclude=[
                            name
                            for name in (f.name for f in self.model._meta.fields)
                            if name not in defaults
                        ]
                    )
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
                    errors.setdefault("__all__", []).append(
                        constraint.get_violation_error_message()
                    )
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
        (a contribution's position, say)."""
        key_fields = {self.column_named(name).field.name for name in self.key}
        for constraint in self.model._meta.total_unique_constraints:
            fields = [self.model._meta.get_field(name) for name in constraint.fields]
            if {field.name for field in fields} == key_fields:
                continue  # rows are matched on the key: it cannot repeat
            values_of = attrgetter(*(field.attname for field in fields))
            scope = {
                getattr(instance, fields[0].attname) for _i, instance, _s in instances
            }
            in_file = {instance.pk for _i, instance, _s in instances if instance.pk}
            taken = {}
            for chunk in writing.chunks(sorted(scope, key=str)):
                stored = self.model.objects.filter(
                    **{f"{fields[0].attname}__in": chunk}
                ).exclude(pk__in=in_file)
                for values in stored.values_list(*(field.attname for field in fields)):
                    taken[tuple(values)] = None
            for index, instance, _state in instances:
                values = values_of(instance)
                values = values if isinstance(values, tuple) else (values,)
                if values in taken:
                    names = " and ".join(field.verbose_name for field in fields)
                    column = self.column_by_attname.get(fields[-1].name)
                    self.problem(
                        index,
                        column.name if column else fields[-1].name,
                        getattr(instance, fields[-1].attname),
                        f"Another row already has this {names}.",
                    )
                taken[values] = index

    def check_breakdowns(self, instances):
        """The nationality counts of a release may not add up to more than its total.

        A file can change several counts of one release, or its total, at
        once, so the rule is checked on what the tables will hold once the
        whole file is written, not row by row against the stored counts.
        """
        if self.model is NationalityCount:
            self.check_counts(instances)
        elif self.model is PrisonerRelease:
            self.check_totals(instances)

    def check_counts(self, instances):
        release_ids = {instance.release_id for _index, instance, _state in instances}
        in_file = {instance.pk for _index, instance, _state in instances if instance.pk}
        totals = defaultdict(int)
        for chunk in writing.chunks(sorted(release_ids)):
            stored = NationalityCount.objects.filter(release_id__in=chunk).exclude(
                pk__in=in_file
            )
            for release_id, counted in stored.values_list("release_id").annotate(
                counted=Sum("count")
            ):
                totals[release_id] += counted
        last_row = {}
        for index, instance, _state in instances:
            totals[instance.release_id] += instance.count or 0
            last_row[instance.release_id] = (index, instance)
        for release_id, (index, instance) in last_row.items():
            self.check_breakdown(
                index,
                "count",
                instance.count,
                totals[release_id],
                instance.release.total,
            )

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

    # --- Writing ---------------------------------------------------------------

    def write(self, given, instances, links):
        now = timezone.now()
        fields = list(self.model._meta.concrete_fields)
        created = [
            instance for _index, instance, state in instances if state == "created"
        ]
        updated = [
            instance for _index, instance, state in instances if state == "updated"
        ]
        first_id = writing.allocate_ids(self.model, len(created)) if created else 0
        for pk, instance in enumerate(created, start=first_id):
            instance.pk = pk
            instance.created_at = instance.updated_at = now
        self_references = [
            field
            for field in fields
            if field.is_relation and field.related_model is self.model
        ]
        values_of = attrgetter(*(field.attname for field in fields))
        table = self.model._meta.db_table
        with writing.RowInserter(table, fields) as inserter:
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
                inserter.write(rows)
                self.progress("importing", start + len(batch), len(instances))
        if self.problems:
            return
        changing = [
            field
            for field in fields
            if not field.primary_key and field.name != "created_at"
        ]
        for instance in updated:
            instance.updated_at = now
        writing.update_rows(
            table,
            changing,
            [
                (*(getattr(instance, field.attname) for field in changing), instance.pk)
                for instance in updated
            ],
        )
        self.write_links(links)
        if self.history:
            reason = (
                f"Imported from {self.file_name}"[:100]
                if self.file_name
                else "Imported"
            )
            new_ids = range(first_id, first_id + len(created))
            writing.record_history(self.model, new_ids, "+", self.user, reason)
            writing.record_history(
                self.model, [i.pk for i in updated], "~", self.user, reason
            )

    def write_links(self, links):
        by_column = defaultdict(list)
        for instance, column, ids, stored in links:
            by_column[column].append((instance, ids, stored))
        for column, rows in by_column.items():
            through = column.field.remote_field.through
            source = through._meta.get_field(column.field.m2m_field_name())
            target = through._meta.get_field(column.field.m2m_reverse_field_name())
            # A stored row's links are replaced; a new row has none yet.
            replaced = [instance.pk for instance, _ids, stored in rows if stored]
            writing.delete_rows(through._meta.db_table, source.column, replaced)
            writing.insert_rows(
                through._meta.db_table,
                [source, target],
                sorted(
                    (instance.pk, related)
                    for instance, ids, _stored in rows
                    for related in ids
                ),
            )


def name_of(field_name):
    return "" if field_name == "__all__" else field_name


def problem_order(columns):
    order = {column.name: number for number, column in enumerate(columns)}

    def key(problem):
        return (problem.row or 0, order.get(problem.column, len(order)), problem.reason)

    return key
