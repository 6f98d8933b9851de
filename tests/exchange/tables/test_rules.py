"""The app's check constraints, compiled to Python so a file is checked before it is written."""

import datetime

import pytest
from django.apps import apps
from django.db.models import CheckConstraint, Q

from briefs.exchange.tables.rules import check_constraints, compile_condition
from briefs.models import (
    Actor,
    Sanction,
)


@pytest.mark.parametrize(
    "model", list(apps.get_app_config("briefs").get_models()), ids=str
)
def test_every_check_constraint_of_the_app_can_be_checked_before_writing(model):
    check_constraints(model)  # raises for a lookup rules.py cannot evaluate


def test_a_comparison_with_null_is_unknown_and_does_not_break_a_constraint():
    ends_after_start = compile_condition(
        Sanction, Q(end_date__gte=models_f("start_date")) | Q(end_date__isnull=True)
    )
    sanction = Sanction(start_date=None, end_date=datetime.date(2025, 1, 1))
    assert ends_after_start(sanction) is None
    sanction.start_date = datetime.date(2025, 2, 1)
    assert ends_after_start(sanction) is False
    sanction.end_date = None
    assert ends_after_start(sanction) is True


def models_f(name):
    from django.db.models import F

    return F(name)


def test_a_lookup_rules_py_does_not_know_fails_loudly():
    with pytest.raises(NotImplementedError, match="icontains"):
        compile_condition(
            Actor, CheckConstraint(condition=Q(name__icontains="x"), name="n").condition
        )
