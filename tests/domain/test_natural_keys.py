"""Each model's natural key is declared once, on the model, and read everywhere."""

import pytest
from django.apps import apps

from briefs.exchange.resources import RESOURCES
from briefs.models import Contribution, NationalityCount, Section
from tests.factories import make_publication, make_section

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_a_resource_finds_rows_by_its_models_natural_key(name):
    resource = RESOURCES[name]()
    model = resource._meta.model
    assert resource.get_import_id_fields() == list(model.natural_key_fields)


def test_every_app_model_declares_a_natural_key():
    for model in apps.get_app_config("briefs").domain_models():
        assert model.natural_key_fields, model


def test_a_related_row_in_a_natural_key_stands_for_its_own_natural_key():
    assert Section.natural_key_paths() == ["publication__slug", "position"]
    assert Contribution.natural_key_paths() == [
        "publication__slug",
        "author__slug",
        "role",
    ]
    assert NationalityCount.natural_key_paths() == ["release__slug", "country__slug"]


def test_a_key_of_the_wrong_length_is_not_a_natural_key():
    section = make_section(make_publication("brief"), position=3)
    assert Section.objects.get_by_natural_key("brief", 3) == section
    with pytest.raises(TypeError):
        Section.objects.get_by_natural_key("brief")


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_an_export_is_in_natural_key_order(name):
    resource = RESOURCES[name]()
    ordering = resource.get_queryset().query.order_by
    assert list(ordering) == resource._meta.model.natural_key_paths()
