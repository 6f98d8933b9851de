"""
The columns of a table, taken from the admin's resource, parsed a column at a time.

The resource (briefs/exchange/resources.py) says which columns a table has and which
of them name related rows by slug. The model's fields say what each value
may be. Parsing a whole column in one comprehension is what makes a large
import fast; the checks are the model field's own (blank, max_length,
choices, validators) and the messages are Django's, so a curator reads the
same words here as in the admin.
"""

import datetime

from django.core import validators as django_validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from import_export import widgets

from briefs.exchange.resources import RESOURCES, SlugListWidget, SlugWidget


class Column:
    """A column of the file bound to a model field."""

    def __init__(self, name, field):
        self.name = name
        self.field = field

    @property
    def attname(self):
        return self.field.attname

    def parse(self, cells):
        """The values of the cells, and (index, cell, reason) for each bad one."""
        raise NotImplementedError

    def renderer(self):
        """A function from a value to its text, as the admin's exports write it;
        None where the value already is its own text (most text columns)."""
        raise NotImplementedError

    def render(self, value):
        function = self.renderer()
        return value if function is None else function(value)


def message(error):
    return " ".join(error.messages)


class ValueColumn(Column):
    """A column holding the value of a concrete field."""

    def __init__(self, name, field):
        super().__init__(name, field)
        self.to_value = converter(field)
        self.checks = [
            validator
            for validator in field.validators
            # Checked at once for the whole column, below.
            if not isinstance(validator, django_validators.MaxLengthValidator)
        ]
        self.choices = {str(value) for value, _label in field.flatchoices} or None
        self.max_length = getattr(field, "max_length", None)

    def empty_value(self):
        if self.field.null:
            return None
        if isinstance(self.field, models.BooleanField):
            return False
        return "" if self.field.empty_strings_allowed else None

    def parse(self, cells):
        values = self.parse_fast(cells)
        if values is not None:
            return values, []
        return self.parse_each(cells)

    def parse_fast(self, cells):
        """The whole column in a few comprehensions, or None if any cell is bad."""
        empty = self.empty_value()
        try:
            if self.to_value is str:
                values = cells
            else:
                values = [
                    empty if cell == "" else self.to_value(cell) for cell in cells
                ]
        except (ValueError, TypeError, ValidationError):
            return None
        filled = [
            value for value, cell in zip(values, cells, strict=True) if cell != ""
        ]
        if not self.field.blank and len(filled) < len(cells):
            return None
        if (
            self.max_length is not None
            and filled
            and max(map(len, filled)) > self.max_length
        ):
            return None
        if (
            self.choices is not None
            and not {str(value) for value in filled} <= self.choices
        ):
            return None
        for validator in self.checks:
            if type(validator) is django_validators.RegexValidator:
                # The validator's own pattern, without a call per value.
                search = validator.regex.search
                if any(
                    bool(search(str(value))) == validator.inverse_match
                    for value in filled
                ):
                    return None
                continue
            try:
                for value in filled:
                    validator(value)
            except ValidationError:
                return None
        return values

    def parse_each(self, cells):
        """Cell by cell, to say what is wrong with each bad one."""
        empty = self.empty_value()
        values = [empty] * len(cells)
        problems = []
        for index, cell in enumerate(cells):
            if cell == "":
                if not self.field.blank:
                    problems.append((index, cell, "This field cannot be blank."))
                continue
            try:
                value = self.to_value(cell)
                self.check(value)
            except ValidationError as error:
                problems.append((index, cell, message(error)))
                continue
            values[index] = value
        return values, problems

    def check(self, value):
        if self.max_length is not None and len(value) > self.max_length:
            raise ValidationError(
                f"Ensure this value has at most {self.max_length} characters "
                f"(it has {len(value)})."
            )
        if self.choices is not None and str(value) not in self.choices:
            raise ValidationError(
                f"“{value}” is not one of {', '.join(sorted(self.choices))}."
            )
        for validator in self.checks:
            validator(value)

    def renderer(self):
        field = self.field
        if isinstance(field, models.CharField | models.TextField) and not field.null:
            return None
        if isinstance(field, models.BooleanField):
            return render_boolean
        if isinstance(field, models.DateTimeField):
            return render_datetime
        if isinstance(field, models.DateField):
            return render_date
        return render_text


def render_boolean(value):
    return "" if value is None else "1" if value else "0"


def render_datetime(value):
    return "" if value is None else timezone.localtime(value).isoformat()


def render_date(value):
    return "" if value is None else value.isoformat()


def render_text(value):
    return "" if value is None else str(value)


def converter(field):
    """A function from a non-empty cell to the field's Python value."""
    if isinstance(field, models.BooleanField):
        return to_boolean
    if isinstance(field, models.DateTimeField):
        return to_datetime
    if isinstance(field, models.DateField):
        return to_date
    if isinstance(field, models.IntegerField):
        return to_integer
    if isinstance(field, (models.CharField, models.TextField)):
        return str
    return field.to_python


TRUE = {"1", "true", "yes", "y", "t"}
FALSE = {"0", "false", "no", "n", "f"}


def to_boolean(cell):
    text = cell.strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValidationError(f"“{cell}” is not true or false: write 1 or 0.")


def to_date(cell):
    try:
        return datetime.date.fromisoformat(cell.strip())
    except ValueError:
        raise ValidationError(
            f"“{cell}” is not a date: write it as YYYY-MM-DD, such as 2025-06-21."
        ) from None


def to_datetime(cell):
    try:
        value = datetime.datetime.fromisoformat(cell.strip())
    except ValueError:
        raise ValidationError(
            f"“{cell}” is not a date and time: write it as 2025-07-15T10:00:00+02:00."
        ) from None
    # A time without an offset is local time, as in the admin's import.
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def to_integer(cell):
    try:
        return int(cell.strip())
    except ValueError:
        raise ValidationError(f"“{cell}” is not a whole number.") from None


class SlugColumn(Column):
    """A foreign key, written as the related row's slug."""

    def __init__(self, name, field):
        super().__init__(name, field)
        self.related_model = field.related_model

    def parse(self, cells):
        """The slugs (None for an empty cell); they are looked up later, all at once."""
        values = [cell.strip() or None for cell in cells]
        problems = [
            (index, cell, "This field cannot be blank.")
            for index, (cell, value) in enumerate(zip(cells, values, strict=True))
            if value is None and not self.field.null
        ]
        return values, problems

    def renderer(self):
        return render_slug


def render_slug(value):
    return value or ""


class SlugListColumn(Column):
    """A many-to-many relation, written as slugs separated by commas."""

    def __init__(self, name, field):
        super().__init__(name, field)
        self.related_model = field.related_model

    def parse(self, cells):
        values = [
            tuple(sorted({slug.strip() for slug in cell.split(",") if slug.strip()}))
            for cell in cells
        ]
        return values, []

    def renderer(self):
        # The export joins the slugs; a row with no links has none.
        return render_slug


def columns_of(model_name):
    """The resource of a table and its columns, in the order the admin exports them."""
    resource = RESOURCES[model_name]()
    model = resource._meta.model
    columns = []
    for resource_field in resource.get_export_fields():
        field = model._meta.get_field(resource_field.attribute)
        widget = resource_field.widget
        if isinstance(widget, SlugListWidget):
            column_class = SlugListColumn
        elif isinstance(widget, SlugWidget):
            column_class = SlugColumn
        elif isinstance(widget, widgets.ForeignKeyWidget | widgets.ManyToManyWidget):
            raise TypeError(f"{resource_field.column_name}: relations go by slug.")
        else:
            column_class = ValueColumn
        columns.append(column_class(resource_field.column_name, field))
    key = [
        resource.fields[name].column_name for name in resource.get_import_id_fields()
    ]
    return resource, model, columns, key
