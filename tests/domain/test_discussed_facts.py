"""Meetings, sanctions and releases share one way of being discussed by briefs."""

import pytest

from briefs.models import DiscussedModel, DiscussedQuerySet
from tests.factories import make_meeting, make_publication, make_release, make_sanction

pytestmark = pytest.mark.django_db

DISCUSSED = [
    (make_meeting, "meetings"),
    (make_sanction, "sanctions"),
    (make_release, "releases"),
]


@pytest.mark.parametrize(
    ("make", "reverse_name"), DISCUSSED, ids=lambda v: getattr(v, "__name__", v)
)
def test_a_publication_reaches_what_it_discusses_by_the_same_names(make, reverse_name):
    brief = make_publication("a-brief")
    fact = make()
    fact.publications.add(brief)

    assert isinstance(fact, DiscussedModel)
    assert isinstance(type(fact).objects.all(), DiscussedQuerySet)
    assert list(getattr(brief, reverse_name).all()) == [fact]
    assert list(type(fact).objects.filter(publications=brief)) == [fact]
