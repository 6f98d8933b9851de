"""A count's own check of the breakdown, and when a form set takes it over."""

import pytest
from django.core.exceptions import ValidationError

from briefs.domain.rules import BREAKDOWN_EXCEEDS_TOTAL
from briefs.models import NationalityCount
from tests.factories import make_actor, make_nationality_count, make_release

pytestmark = pytest.mark.django_db


def test_a_count_above_what_its_release_has_left_is_refused_with_the_constraints():
    release = make_release("a-release", total=14)
    make_nationality_count(release, make_actor("japan"), 10)
    count = NationalityCount(release=release, country=make_actor("poland"), count=5)

    with pytest.raises(ValidationError) as refused:
        count.full_clean()

    [error] = refused.value.error_dict["count"]
    assert error.code == BREAKDOWN_EXCEEDS_TOTAL
    assert error.message == (
        "The nationality breakdown (15) may not exceed the total released (14)."
    )


def test_excluding_the_release_sets_the_breakdown_aside_for_a_form_set_to_check():
    release = make_release("a-release", total=14)
    make_nationality_count(release, make_actor("japan"), 10)
    count = NationalityCount(release=release, country=make_actor("poland"), count=5)

    count.full_clean(exclude={"release"})


def test_the_breakdown_and_a_constraint_are_reported_together():
    release = make_release("a-release", total=14)
    japan = make_actor("japan")
    make_nationality_count(release, japan, 10)
    count = NationalityCount(release=release, country=japan, count=5)

    with pytest.raises(ValidationError) as refused:
        count.full_clean()

    errors = refused.value.message_dict
    assert "count" in errors
    assert any("already exists" in message for message in errors["__all__"])
