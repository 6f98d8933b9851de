"""
A model's check constraints as Python predicates, to test rows before writing them.

Django checks a check constraint with one query per constraint and row
(``full_clean``): eight for a piece of evidence, which an admin page with
its inlines, a bundle or a table import would pay again and again, and the
database would only refuse a whole COPY without saying which row. The
constraints of this app use a handful of lookups; compiled here once, each
costs a function call per row. Every model of the app checks its own this
way (``briefs.models.base.NaturalKeyModel.validate_constraints``), as does
the table engine. A constraint using anything else fails loudly
(``tests/domain/test_constraints.py`` compiles every model's constraints),
so a new constraint cannot slip past unchecked.

SQL's three-valued logic is kept: a comparison with NULL is unknown, and a
CHECK constraint is violated only when its condition is false.
"""

import operator
from functools import cache
from operator import attrgetter

from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, F, Q

COMPARISONS = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


def compile_condition(model, condition):
    """A function of a model instance: True, False, or None for unknown."""
    if isinstance(condition, Q):
        parts = [compile_condition(model, child) for child in condition.children]
        test = connective(parts, decisive=condition.connector == Q.OR)
        return negation(test) if condition.negated else test
    lookup, expected = condition
    name, _, lookup_type = lookup.partition("__")
    field = model._meta.get_field(name)
    value = attrgetter(field.attname)
    lookup_type = lookup_type or "exact"
    if lookup_type == "isnull" and field.many_to_one:
        # A row may point to one not written yet (a row of the same file, the
        # table engine links it as the related object): not null either.
        def absent(instance):
            return value(instance) is None and (
                field.get_cached_value(instance, None) is None
            )

        return lambda instance: absent(instance) == expected
    if lookup_type == "isnull":
        return lambda instance: (value(instance) is None) == expected
    if lookup_type == "in":
        choices = frozenset(expected)

        def is_in(instance):
            left = value(instance)
            return None if left is None else left in choices

        return is_in
    compare = COMPARISONS.get(lookup_type)
    if compare is None:
        raise NotImplementedError(
            f"{model.__name__}: cannot check “{lookup}” in Python; teach "
            "briefs/exchange/tables/rules.py the lookup."
        )
    if isinstance(expected, F):
        other = attrgetter(model._meta.get_field(expected.name).attname)

        def compare_fields(instance):
            left, right = value(instance), other(instance)
            return None if left is None or right is None else compare(left, right)

        return compare_fields

    def compare_constant(instance):
        left = value(instance)
        return None if left is None or expected is None else compare(left, expected)

    return compare_constant


def connective(tests, decisive):
    """AND (``decisive=False``) or OR (``decisive=True``) in three-valued logic.

    One part with the decisive outcome settles it; otherwise any unknown part
    makes the whole unknown.
    """

    def test(instance):
        result = not decisive
        for part in tests:
            outcome = part(instance)
            if outcome is decisive:
                return decisive
            if outcome is None:
                result = None
        return result

    return test


def negation(test):
    def negated(instance):
        outcome = test(instance)
        return None if outcome is None else not outcome

    return negated


@cache
def check_constraints(model):
    """(constraint, predicate) for each check constraint of the model."""
    return [
        (constraint, compile_condition(model, constraint.condition))
        for constraint in model._meta.constraints
        if isinstance(constraint, CheckConstraint)
    ]


def fields_of(model, condition):
    """The names of the fields a condition reads."""
    names = set()
    for child in condition.children:
        if isinstance(child, Q):
            names |= fields_of(model, child)
            continue
        lookup, expected = child
        names.add(lookup.partition("__")[0])
        if isinstance(expected, F):
            names.add(expected.name)
    return {model._meta.get_field(name).name for name in names}


def check(constraint, instance, exclude=()):
    """Raise as ``CheckConstraint.validate`` does, without a query: its
    message and code, and nothing when it reads a field set aside."""
    model = type(instance)
    if exclude and fields_of(model, constraint.condition) & set(exclude):
        return
    predicate = next(
        test for known, test in check_constraints(model) if known is constraint
    )
    if predicate(instance) is False:
        raise violation(constraint)


def violation(constraint):
    """The error of a violated constraint: its own words, under the column at
    fault where it names one (``briefs.models.base.FieldCheck``)."""
    error = ValidationError(
        constraint.get_violation_error_message(), code=constraint.violation_error_code
    )
    field = getattr(constraint, "field", None)
    return ValidationError({field: error}) if field else error
