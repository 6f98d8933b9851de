"""What every admin offers: lists, filters, search, autocompletes, inlines, the site link."""

import pytest
from django.contrib import admin
from django.db import models as db_models
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from briefs import models
from briefs.curation.admin import CurationAdmin
from briefs.exchange.resources import RESOURCES
from tests.factories import (
    make_actor,
    make_meeting,
)
from tests.helpers import (
    ADMIN_MODELS,
    admin_url,
)

pytestmark = pytest.mark.django_db


def model_admin(model):
    return admin.site._registry[model]


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model.__name__)
def test_every_admin_lists_filters_searches_and_shares_the_command_line_resource(
    model,
):
    model_admin_ = model_admin(model)
    assert isinstance(model_admin_, CurationAdmin)
    assert model_admin_.list_display != ("__str__",)
    assert model_admin_.list_filter
    assert model_admin_.search_fields
    assert list(model_admin_.resource_classes) == [RESOURCES[model._meta.model_name]]
    assert {"created_at", "updated_at"} <= set(model_admin_.readonly_fields)


def relation_fields(model, exclude=()):
    for field in model._meta.get_fields():
        if field.name in exclude or field.auto_created or not field.concrete:
            continue
        if not field.editable:  # set by the app (who made a preview link), never picked
            continue
        if isinstance(field, db_models.ForeignKey | db_models.ManyToManyField):
            yield field


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model.__name__)
def test_every_relation_is_an_autocomplete_on_a_searchable_admin(model):
    owners = [(model_admin(model), ())]
    for inline in model_admin(model).inlines:
        parent = inline.model._meta.get_field(
            next(
                field.name
                for field in relation_fields(inline.model)
                if field.related_model is model
            )
        )
        owners.append((inline, (parent.name,)))
    for owner, parent in owners:
        for field in relation_fields(owner.model, exclude=parent):
            through = getattr(field.remote_field, "through", None)
            if through is not None and not through._meta.auto_created:
                # Credits and participants have roles: they are edited as inlines.
                assert any(inline.model is through for inline in owners[0][0].inlines)
                continue
            assert field.name in owner.autocomplete_fields, (owner, field.name)
            assert model_admin(field.related_model).search_fields


def test_actors_are_found_by_any_alias(editor_client):
    lukashenko = make_actor(
        "alexander-lukashenko", name="Alexander Lukashenko", kind="person"
    )
    lukashenko.aliases.create(name="Lukashenka")
    make_actor("donald-trump", name="Donald Trump", kind="person")
    response = editor_client.get(
        admin_url(models.Actor, "changelist"), {"q": "Lukashenka"}
    )
    assert list(response.context["cl"].result_list) == [lukashenko]

    autocomplete = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Lukashenka",
            "app_label": "briefs",
            "model_name": "meetingparticipant",
            "field_name": "actor",
        },
    )
    assert [row["text"] for row in autocomplete.json()["results"]] == [
        "Alexander Lukashenko"
    ]


def test_a_country_autocomplete_offers_states_only(editor_client):
    make_actor("belarus", name="Belarus")
    make_actor("belarusian-opposition", name="Belarusian opposition", kind="group")
    autocomplete = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Belarus",
            "app_label": "briefs",
            "model_name": "meeting",
            "field_name": "country",
        },
    )
    assert [row["text"] for row in autocomplete.json()["results"]] == ["Belarus"]


def test_slugs_are_prepopulated_and_dated_models_have_a_date_hierarchy():
    for model in ADMIN_MODELS:
        if issubclass(model, models.SluggedModel):
            assert "slug" in model_admin(model).prepopulated_fields
    assert model_admin(models.Publication).date_hierarchy == "publication_date"
    assert model_admin(models.Meeting).date_hierarchy == "date"
    assert model_admin(models.Sanction).date_hierarchy == "start_date"
    assert model_admin(models.PrisonerRelease).date_hierarchy == "date"


def test_the_parts_of_a_record_are_edited_inline():
    def inline_models(model):
        return {inline.model for inline in model_admin(model).inlines}

    assert inline_models(models.Publication) == {
        models.Section,
        models.Contribution,
        models.SourceReference,
        models.PreviewLink,
    }
    assert inline_models(models.Meeting) == {
        models.MeetingParticipant,
        models.Evidence,
    }
    assert inline_models(models.Sanction) == {models.Evidence}
    assert inline_models(models.PrisonerRelease) == {
        models.NationalityCount,
        models.Evidence,
    }
    assert inline_models(models.Actor) == {models.ActorAlias}


def test_the_change_form_shows_timestamps_read_only_and_links_to_the_site(
    editor_client,
):
    meeting = make_meeting("kellogg-in-minsk")
    response = editor_client.get(admin_url(models.Meeting, "change", meeting.pk))
    assertContains(response, "Created at")
    assertNotContains(response, 'name="updated_at"')
    on_site = editor_client.get(response.context["absolute_url"])
    assert on_site.url.endswith(meeting.get_absolute_url())


def test_an_editor_adds_an_actor_with_its_aliases(editor_client):
    belarus = make_actor("belarus", name="Belarus")
    response = editor_client.post(
        admin_url(models.Actor, "add"),
        {
            "name_en": "Alexander Lukashenko",
            "name_hu": "Alekszandr Lukasenko",
            "slug": "alexander-lukashenko",
            "kind": "person",
            "position_en": "President of Belarus",
            "country": str(belarus.pk),
            "aliases-TOTAL_FORMS": "2",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "Lukashenka",
            "aliases-1-name": "Lukashenko",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    actor = models.Actor.objects.get(slug="alexander-lukashenko")
    assert actor.country == belarus
    assert sorted(alias.name for alias in actor.aliases.all()) == [
        "Lukashenka",
        "Lukashenko",
    ]
    assert actor.history.get().history_user.username == "edna"
