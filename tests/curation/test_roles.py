"""The two curation roles: an Editor may do everything, a Reader may only look."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from briefs import models
from briefs.domain.roles import EDITOR, READER, permissions_of
from tests.factories import (
    make_actor,
    make_user,
)
from tests.helpers import (
    ADMIN_MODELS,
    admin_url,
    empty_database,
    logged_in_client,
)

pytestmark = pytest.mark.django_db


ACTIONS = ["add", "change", "delete", "view", "import", "export"]


def test_every_briefs_model_is_in_the_admin():
    registered = {model.__name__ for model in ADMIN_MODELS}
    curated = {
        model.__name__ for model in apps.get_app_config("briefs").domain_models()
    }
    assert registered == curated
    assert len(registered) == 13


def group_permissions(name):
    return set(
        Group.objects.get(name=name).permissions.values_list("codename", flat=True)
    )


def test_the_migrations_create_an_editor_and_a_reader_group():
    editor, reader = group_permissions("Editor"), group_permissions("Reader")

    names = [model._meta.model_name for model in ADMIN_MODELS]
    assert editor == {f"{action}_{name}" for action in ACTIONS for name in names} | {
        "publish_publication"
    }
    assert reader == {f"view_{name}" for name in names}
    # The roles the domain names are what the migrations made.
    assert (editor, reader) == (permissions_of(EDITOR), permissions_of(READER))


def test_the_groups_come_back_after_a_flush_as_the_migrations_made_them():
    # A transactional test's end empties every table, the groups included.
    empty_database()

    assert group_permissions("Editor") == permissions_of(EDITOR)
    assert group_permissions("Reader") == permissions_of(READER)
    assert make_user("edna", "Editor").has_perm("briefs.publish_publication")


def test_a_group_that_exists_is_left_as_its_administrators_keep_it():
    editor = Group.objects.get(name="Editor")
    editor.permissions.remove(Permission.objects.get(codename="delete_actor"))
    Group.objects.get(name="Reader").delete()

    emit_post_migrate_signal(0, False, "default")

    assert "delete_actor" not in group_permissions("Editor")
    assert group_permissions("Reader") == permissions_of(READER)


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model.__name__)
def test_an_editor_may_add_change_delete_view_import_and_export(model, editor):
    label = model._meta.app_label
    name = model._meta.model_name
    for action in ACTIONS:
        assert editor.has_perm(f"{label}.{action}_{name}"), action
    client = logged_in_client(editor)
    changelist = client.get(admin_url(model, "changelist"))
    assertContains(changelist, admin_url(model, "import"))
    assertContains(changelist, admin_url(model, "export"))
    for view in ("add", "import", "export"):
        assert client.get(admin_url(model, view)).status_code == 200, view


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model.__name__)
def test_a_reader_may_view_but_not_change_delete_import_or_export(
    model, reader, seeded
):
    client = logged_in_client(reader)
    obj = model.objects.first()
    changelist = client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    assertNotContains(changelist, admin_url(model, "import"))
    assertNotContains(changelist, admin_url(model, "export"))
    change = client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == 200
    assertNotContains(change, 'name="_save"')

    before = model.objects.get(pk=obj.pk).updated_at
    assert client.post(admin_url(model, "change", obj.pk), {}).status_code == 403
    assert (
        client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code
        == 403
    )
    assert client.get(admin_url(model, "add")).status_code == 403
    assert client.get(admin_url(model, "import")).status_code == 403
    assert client.post(admin_url(model, "process_import"), {}).status_code == 403
    assert client.get(admin_url(model, "export")).status_code == 403
    assert client.post(admin_url(model, "export"), {"format": "0"}).status_code == 403
    assert model.objects.get(pk=obj.pk).updated_at == before


def test_a_reader_cannot_restore_a_version_from_the_history_page(reader, editor):
    actor = make_actor("belarus", name="Belarus")
    actor.name = "Republic of Belarus"
    actor.save()
    old = actor.history.last()
    history_url = admin_url(models.Actor, "simple_history", actor.pk, old.history_id)
    client = logged_in_client(reader)
    page = client.get(history_url)
    assert page.status_code == 200  # a Reader may look at an old version
    assertNotContains(page, 'value="Revert"')

    assert client.post(history_url, {"name": "Belarus"}).status_code == 403
    actor.refresh_from_db()
    assert actor.name == "Republic of Belarus"


def test_staff_without_a_role_cannot_see_or_touch_the_briefs(db):
    client = logged_in_client(make_user("stranger"))
    assert client.get(admin_url(models.Publication, "changelist")).status_code == 403
    assert client.get(admin_url(models.Meeting, "date_preview")).status_code == 403


@pytest.mark.parametrize("group", ["Editor", "Reader", None])
def test_users_who_are_not_staff_never_reach_the_admin(group, client):
    user = make_user("outsider", group, is_staff=False)
    client.force_login(user)
    for path in (
        reverse("admin:index"),
        admin_url(models.Publication, "changelist"),
        admin_url(models.Publication, "import"),
        admin_url(models.Meeting, "date_preview"),
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(reverse("admin:login"))
