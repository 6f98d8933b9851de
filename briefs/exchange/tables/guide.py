"""
What each column of a table holds, for the admin's import page: read from the
same declarations the engine parses with (``columns_of``: the resource's
columns, the model's fields, the rules of briefs/exchange/tables/cells.py), so
the page cannot say one thing while the import checks another.
"""

import csv
import io
from dataclasses import dataclass

from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from briefs.exchange.tables.cells import FALSE, TRUE
from briefs.exchange.tables.columns import SlugColumn, SlugListColumn, columns_of
from briefs.exchange.tables.exporting import export_table
from briefs.models.base import languages


@dataclass
class ColumnGuide:
    """One column as the import page documents it."""

    name: str
    kind: str
    rule: str
    required: bool
    example: str
    identifies: bool = False


def kind_of(column):
    field = column.field
    if isinstance(column, SlugListColumn):
        return (
            gettext("slugs of {rows}").format(
                rows=field.related_model._meta.verbose_name_plural
            ),
            gettext("separated by commas; may be empty"),
            "a-slug, another-slug",
        )
    if isinstance(column, SlugColumn):
        return (
            gettext("slug: {row}").format(row=field.related_model._meta.verbose_name),
            gettext(
                "the slug of a row stored, or of one this file or an earlier one adds"
            ),
            "a-slug",
        )
    if field.flatchoices:
        values = [str(value) for value, _label in field.flatchoices]
        allowed = ", ".join(
            f"{value} ({label})" if str(label).lower() != value else value
            for value, label in field.flatchoices
        )
        return (
            gettext("one of a list"),
            gettext("one of: {allowed}").format(allowed=allowed),
            values[0],
        )
    if isinstance(field, models.BooleanField):
        return (
            gettext("true or false"),
            gettext("true: {true}; false: {false}").format(
                true=", ".join(sorted(TRUE)), false=", ".join(sorted(FALSE))
            ),
            "0",
        )
    if isinstance(field, models.DateTimeField):
        return (
            gettext("date and time"),
            gettext(
                "YYYY-MM-DDTHH:MM:SS with an offset; without one, the site's time zone"
            ),
            "2025-07-15T10:00:00+02:00",
        )
    if isinstance(field, models.DateField):
        return gettext("date"), "YYYY-MM-DD", "2025-06-21"
    if isinstance(field, models.IntegerField):
        return (
            gettext("whole number"),
            bounds(field) or gettext("a whole number"),
            "1",
        )
    if isinstance(field, models.DecimalField):
        return gettext("number"), gettext("with a decimal point"), "2.5"
    limit = getattr(field, "max_length", None)
    if isinstance(field, models.URLField):
        return (
            gettext("web address"),
            gettext("http(s)://…, at most {limit} characters").format(limit=limit),
            "",
        )
    if isinstance(field, models.SlugField):
        return (
            gettext("slug"),
            gettext("lower-case letters, digits and hyphens, at most {limit}").format(
                limit=limit
            ),
            "a-slug",
        )
    if limit:
        return (
            gettext("text"),
            gettext("at most {limit} characters").format(limit=limit),
            "…",
        )
    return gettext("text"), gettext("any length"), "…"


def bounds(field):
    found = []
    for validator in field.validators:
        code = getattr(validator, "code", "")
        if code == "min_value":
            found.append(
                gettext("at least {limit}").format(limit=validator.limit_value)
            )
        if code == "max_value":
            found.append(gettext("at most {limit}").format(limit=validator.limit_value))
    return ", ".join(found)


PARTIAL_DATE = _(
    "YYYY-MM-DD: any day of the period its precision column gives, kept as the "
    "period's first day (2023-02-01 for February 2023 at month; 2023-09-01 for "
    "autumn 2023 at season, winter from 1 December; 2023-01-01 for 2023 at year)"
)


def column_guide(model_name):
    """Each column of ``model_name``'s table: what it holds, what it allows, an
    example (the first stored row as the export writes it, else a made-up one)."""
    _resource, model, columns, key = columns_of(model_name)
    names = {column.name for column in columns}
    stored = example_row(model_name, model)
    guide = []
    for position, column in enumerate(columns):
        kind, rule, example = kind_of(column)
        field = column.field
        if f"{column.name}_precision" in names:
            rule = PARTIAL_DATE
        elif field.help_text:
            rule = f"{rule}. {field.help_text}"
        if language := in_language(field):
            rule = f"{rule}. {language}"
        required = column.name in key or not (field.blank or field.has_default())
        if stored is not None:
            example = stored[position]
        guide.append(
            ColumnGuide(column.name, kind, rule, required, example, column.name in key)
        )
    return guide


def in_language(field):
    """What the guide says of a column that is one language's value of a
    translated field (briefs.models.base.Translated), or ""."""
    code = getattr(field, "_translated_field_language_code", "")
    if not code:
        return ""
    name = translation.get_language_info(code)["name_translated"]
    if code == languages()[0]:
        return gettext(
            "In %(language)s: what readers of a language without its own value see"
        ) % {"language": name}
    return gettext("In %(language)s; left empty, its readers see the %(original)s") % {
        "language": name,
        "original": translation.get_language_info(languages()[0])["name_translated"],
    }


def example_row(model_name, model):
    """The first stored row of the table as its CSV export writes it, or None."""
    first = model._default_manager.order_by("pk").first()
    if first is None:
        return None
    stream = io.BytesIO()
    export_table(
        model_name,
        stream,
        "csv",
        scope={model: model._default_manager.filter(pk=first.pk)},
    )
    rows = list(csv.reader(io.StringIO(stream.getvalue().decode("utf-8-sig"))))
    return rows[1] if len(rows) > 1 else None
