"""The database accepts exactly the choices the models declare, no list kept by hand."""

import pytest
from django.db import IntegrityError, transaction

from briefs.models import Actor, Publication
from tests.factories import make_actor, make_publication

pytestmark = pytest.mark.django_db

CHOICE_CONSTRAINTS = [
    (Actor, "kind", "briefs_actor_kind_valid", make_actor),
    (Publication, "status", "briefs_publication_status_valid", make_publication),
]


@pytest.mark.parametrize(
    ("model", "field", "name", "make"),
    CHOICE_CONSTRAINTS,
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_choice_constraint_names_every_choice_and_nothing_else(
    model, field, name, make
):
    constraint = next(c for c in model._meta.constraints if c.name == name)
    choices = model._meta.get_field(field).choices
    values = [value for value, _label in choices]
    assert constraint.condition.children == [(f"{field}__in", values)]
    for value in values:
        make(f"a-{value}", **{field: value})
    with pytest.raises(IntegrityError), transaction.atomic():
        make("not-a-choice", **{field: "x"})
