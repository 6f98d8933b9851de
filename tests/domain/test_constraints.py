"""The app's check constraints, compiled to Python so a file is checked before it is written."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, Q

from briefs.domain.constraints import check_constraints, compile_condition
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
            Actor,
            CheckConstraint(condition=Q(name_en__icontains="x"), name="n").condition,
        )


@pytest.mark.django_db
def test_a_model_checks_its_check_constraints_without_a_query_in_djangos_words(
    django_assert_num_queries,
):
    actor = Actor(slug="a", name="A", kind="martian")
    with django_assert_num_queries(0), pytest.raises(ValidationError) as ours:
        actor.validate_constraints(exclude={"slug"})
    (constraint,) = [
        c for c in Actor._meta.constraints if c.name == "briefs_actor_kind_valid"
    ]
    with pytest.raises(ValidationError) as djangos:
        constraint.validate(Actor, actor)  # Django's own check, by a query
    assert ours.value.messages == djangos.value.messages


@pytest.mark.django_db
def test_a_constraint_on_a_field_set_aside_is_not_checked():
    Actor(slug="a", name="A", kind="martian").validate_constraints(
        exclude={"slug", "kind"}
    )
