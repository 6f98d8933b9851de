"""
The columns of a table, taken from the admin's resource, parsed a column at a time.

The resource (briefs/exchange/resources.py) says which columns a table has and which
of them name related rows by slug. The model's fields say what each value
may be. Parsing a whole column in one comprehension is what makes a large
import fast; the checks are the model field's own (blank, max_length,
choices, validators) and the messages are Django's, so a curator reads the
same words here as in the admin. How a cell of each kind of field is read
and written is briefs/exchange/tables/cells.py.
"""

from django.core import validators as django_validators
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from import_export import widgets

from briefs.domain.rules import NUL_IN_TEXT, check_value
from briefs.exchange.resources import RESOURCES, SlugListWidget, SlugWidget
from briefs.exchange.tables.cells import (
    empty_value,
    read_slug,
    read_slug_list,
    read_text,
    reader,
    write_slug,
    writer,
)


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

    def parse_checked(self, cells):
        """``parse``, with the rule of every cell first: no NUL, whatever the
        column reads (a cell holding one has that problem only)."""
        values, problems = self.parse(cells)
        if not any("\x00" in cell for cell in cells):
            return values, problems
        held = {index for index, cell in enumerate(cells) if "\x00" in cell}
        problems = [problem for problem in problems if problem[0] not in held]
        problems += [(index, shown(cells[index]), NUL_IN_TEXT) for index in held]
        return values, sorted(problems, key=lambda problem: problem[0])

    def renderer(self):
        """A function from a value to its text, as the admin's exports write it;
        None where the value already is its own text (most text columns)."""
        raise NotImplementedError

    def render(self, value):
        function = self.renderer()
        return value if function is None else function(value)


# The value of a column that a bound refuses first, if it refuses any.
EXTREMES = {
    django_validators.MinValueValidator: min,
    django_validators.MaxValueValidator: max,
}


def shown(cell):
    """A cell as a problem quotes it: a NUL as the symbol for one (␀)."""
    return cell.replace("\x00", "\u2400")


def message(error):
    return " ".join(error.messages)


class ValueColumn(Column):
    """A column holding the value of a concrete field."""

    def __init__(self, name, field):
        super().__init__(name, field)
        self.to_value = reader(field)
        self.checks = [
            validator
            for validator in field.validators
            # Checked at once for the whole column, below.
            if not isinstance(validator, django_validators.MaxLengthValidator)
        ]
        self.choices = {str(value) for value, _label in field.flatchoices} or None
        self.max_length = getattr(field, "max_length", None)

    def parse(self, cells):
        values = self.parse_fast(cells)
        if values is not None:
            return values, []
        return self.parse_each(cells)

    def parse_fast(self, cells):
        """The whole column in a few comprehensions, or None if any cell is bad."""
        empty = empty_value(self.field)
        try:
            if self.to_value is read_text:
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
            extreme = EXTREMES.get(type(validator))
            if extreme is not None and filled:
                # A bound is kept by every value if it is kept by the farthest one.
                try:
                    validator(extreme(filled))
                except ValidationError:
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
        empty = empty_value(self.field)
        values = [empty] * len(cells)
        problems = []
        for index, cell in enumerate(cells):
            if cell == "":
                if not self.field.blank:
                    problems.append(
                        (index, cell, gettext("This field cannot be blank."))
                    )
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
        check_value(self.field, value)

    def renderer(self):
        return writer(self.field)


class SlugColumn(Column):
    """A foreign key, written as the related row's slug."""

    def __init__(self, name, field):
        super().__init__(name, field)
        self.related_model = field.related_model

    def parse(self, cells):
        """The slugs (None for an empty cell); they are looked up later, all at once."""
        values = [read_slug(cell) for cell in cells]
        problems = [
            (index, cell, gettext("This field cannot be blank."))
            for index, (cell, value) in enumerate(zip(cells, values, strict=True))
            if value is None and not self.field.null
        ]
        return values, problems

    def renderer(self):
        return write_slug


class SlugListColumn(Column):
    """A many-to-many relation, written as slugs separated by commas."""

    def __init__(self, name, field):
        super().__init__(name, field)
        self.related_model = field.related_model

    def parse(self, cells):
        return [read_slug_list(cell) for cell in cells], []

    def renderer(self):
        # The export has joined the slugs already; a row with no links has none.
        return write_slug


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
