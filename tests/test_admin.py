"""Curation in the admin: roles, registrations, workflow, dates, history, conflicts."""

import datetime
from types import SimpleNamespace

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.db import models as db_models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from briefs import models
from briefs.curation.admin import CurationAdmin
from briefs.exchange.resources import RESOURCES
from tests.conftest import (
    logged_in_client,
    make_actor,
    make_meeting,
    make_nationality_count,
    make_publication,
    make_release,
    make_user,
)

pytestmark = pytest.mark.django_db

BRIEFS_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label == "briefs"  # the auth models are registered too
]
ACTIONS = ["add", "change", "delete", "view", "import", "export"]


def url(model, view, *args):
    return reverse(f"admin:briefs_{model._meta.model_name}_{view}", args=args)


def form_data(response):
    """A change form's fields and inlines as a browser would post them back."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            if isinstance(bound.field, forms.BooleanField):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(item) for item in value]
            elif value is not None:
                data[bound.html_name] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def model_admin(model):
    return admin.site._registry[model]


# --- Roles ---------------------------------------------------------------------


def test_every_briefs_model_is_in_the_admin():
    registered = {model.__name__ for model in BRIEFS_MODELS}
    curated = {
        model.__name__ for model in apps.get_app_config("briefs").domain_models()
    }
    assert registered == curated
    assert len(registered) == 12


def test_the_migrations_create_an_editor_and_a_reader_group():
    editor = set(
        Group.objects.get(name="Editor").permissions.values_list("codename", flat=True)
    )
    reader = set(
        Group.objects.get(name="Reader").permissions.values_list("codename", flat=True)
    )
    names = [model._meta.model_name for model in BRIEFS_MODELS]
    assert editor == {f"{action}_{name}" for action in ACTIONS for name in names}
    assert reader == {f"view_{name}" for name in names}


@pytest.mark.parametrize("model", BRIEFS_MODELS, ids=lambda model: model.__name__)
def test_an_editor_may_add_change_delete_view_import_and_export(model, editor):
    label = model._meta.app_label
    name = model._meta.model_name
    for action in ACTIONS:
        assert editor.has_perm(f"{label}.{action}_{name}"), action
    client = logged_in_client(editor)
    changelist = client.get(url(model, "changelist"))
    assertContains(changelist, url(model, "import"))
    assertContains(changelist, url(model, "export"))
    for view in ("add", "import", "export"):
        assert client.get(url(model, view)).status_code == 200, view


@pytest.mark.parametrize("model", BRIEFS_MODELS, ids=lambda model: model.__name__)
def test_a_reader_may_view_but_not_change_delete_import_or_export(
    model, reader, seeded
):
    client = logged_in_client(reader)
    obj = model.objects.first()
    changelist = client.get(url(model, "changelist"))
    assert changelist.status_code == 200
    assertNotContains(changelist, url(model, "import"))
    assertNotContains(changelist, url(model, "export"))
    change = client.get(url(model, "change", obj.pk))
    assert change.status_code == 200
    assertNotContains(change, 'name="_save"')

    before = model.objects.get(pk=obj.pk).updated_at
    assert client.post(url(model, "change", obj.pk), {}).status_code == 403
    assert client.post(url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert client.get(url(model, "add")).status_code == 403
    assert client.get(url(model, "import")).status_code == 403
    assert client.post(url(model, "process_import"), {}).status_code == 403
    assert client.get(url(model, "export")).status_code == 403
    assert client.post(url(model, "export"), {"format": "0"}).status_code == 403
    assert model.objects.get(pk=obj.pk).updated_at == before


def test_a_reader_cannot_restore_a_version_from_the_history_page(reader, editor):
    actor = make_actor("belarus", name="Belarus")
    actor.name = "Republic of Belarus"
    actor.save()
    old = actor.history.last()
    history_url = url(models.Actor, "simple_history", actor.pk, old.history_id)
    client = logged_in_client(reader)
    page = client.get(history_url)
    assert page.status_code == 200  # a Reader may look at an old version
    assertNotContains(page, 'value="Revert"')

    assert client.post(history_url, {"name": "Belarus"}).status_code == 403
    actor.refresh_from_db()
    assert actor.name == "Republic of Belarus"


def test_staff_without_a_role_cannot_see_or_touch_the_briefs(db):
    client = logged_in_client(make_user("stranger"))
    assert client.get(url(models.Publication, "changelist")).status_code == 403
    assert client.get(url(models.Meeting, "date_preview")).status_code == 403


@pytest.mark.parametrize("group", ["Editor", "Reader", None])
def test_users_who_are_not_staff_never_reach_the_admin(group, client):
    user = make_user("outsider", group, is_staff=False)
    client.force_login(user)
    for path in (
        reverse("admin:index"),
        url(models.Publication, "changelist"),
        url(models.Publication, "import"),
        url(models.Meeting, "date_preview"),
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(reverse("admin:login"))


# --- What every admin offers ------------------------------------------------


@pytest.mark.parametrize("model", BRIEFS_MODELS, ids=lambda model: model.__name__)
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
        if isinstance(field, db_models.ForeignKey | db_models.ManyToManyField):
            yield field


@pytest.mark.parametrize("model", BRIEFS_MODELS, ids=lambda model: model.__name__)
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
    response = editor_client.get(url(models.Actor, "changelist"), {"q": "Lukashenka"})
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
    for model in BRIEFS_MODELS:
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
    }
    assert inline_models(models.Meeting) == {models.MeetingParticipant}
    assert inline_models(models.PrisonerRelease) == {models.NationalityCount}
    assert inline_models(models.Actor) == {models.ActorAlias}


def test_the_change_form_shows_timestamps_read_only_and_links_to_the_site(
    editor_client,
):
    meeting = make_meeting("kellogg-in-minsk")
    response = editor_client.get(url(models.Meeting, "change", meeting.pk))
    assertContains(response, "Created at")
    assertNotContains(response, 'name="updated_at"')
    on_site = editor_client.get(response.context["absolute_url"])
    assert on_site.url.endswith(meeting.get_absolute_url())


def test_an_editor_adds_an_actor_with_its_aliases(editor_client):
    belarus = make_actor("belarus", name="Belarus")
    response = editor_client.post(
        url(models.Actor, "add"),
        {
            "name": "Alexander Lukashenko",
            "slug": "alexander-lukashenko",
            "kind": "person",
            "position": "President of Belarus",
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


# --- Publishing --------------------------------------------------------------


def test_the_publish_action_publishes_drafts_with_the_time(editor_client):
    draft = make_publication("a-draft", status=models.Publication.Status.DRAFT)
    response = editor_client.post(
        url(models.Publication, "changelist"),
        {"action": "publish", admin.helpers.ACTION_CHECKBOX_NAME: [draft.pk]},
        follow=True,
    )
    assertContains(response, "Published 1 brief(s).")
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.published_at is not None
    assert draft.history.first().history_user.username == "edna"


def test_the_unpublish_action_returns_a_brief_to_draft(editor_client):
    brief = make_publication("a-brief")
    editor_client.post(
        url(models.Publication, "changelist"),
        {"action": "unpublish", admin.helpers.ACTION_CHECKBOX_NAME: [brief.pk]},
    )
    brief.refresh_from_db()
    assert brief.status == models.Publication.Status.DRAFT
    assert brief.published_at is None


def test_publishing_an_already_published_brief_keeps_its_time(editor_client):
    brief = make_publication("a-brief")
    first = brief.published_at
    editor_client.post(
        url(models.Publication, "changelist"),
        {"action": "publish", admin.helpers.ACTION_CHECKBOX_NAME: [brief.pk]},
    )
    brief.refresh_from_db()
    assert brief.published_at == first


def test_choosing_published_in_the_form_stamps_the_time(editor_client):
    draft = make_publication("a-draft", status=models.Publication.Status.DRAFT)
    page = editor_client.get(url(models.Publication, "change", draft.pk))
    data = form_data(page) | {"status": "published"}
    response = editor_client.post(url(models.Publication, "change", draft.pk), data)
    assert response.status_code == 302, response.context["errors"]
    draft.refresh_from_db()
    assert draft.is_published and draft.published_at is not None


def test_a_reader_is_offered_no_publishing_actions(reader_client):
    make_publication("a-brief")
    response = reader_client.get(url(models.Publication, "changelist"))
    assertNotContains(response, 'value="publish"')
    assertNotContains(response, 'value="unpublish"')


def test_a_draft_can_be_previewed_on_the_site_by_an_editor_only(
    editor_client, reader_client, client
):
    draft = make_publication("a-draft", status=models.Publication.Status.DRAFT)
    change = editor_client.get(url(models.Publication, "change", draft.pk))
    on_site = editor_client.get(change.context["absolute_url"]).url
    assert on_site.endswith(draft.get_absolute_url())
    assert editor_client.get(on_site).status_code == 200
    assert client.get(on_site).status_code == 404
    assert reader_client.get(on_site).status_code == 404
    client.force_login(make_user("visitor", is_staff=False))
    assert client.get(on_site).status_code == 404


# --- Partial dates -------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "precision", "approximate", "reads"),
    [
        ("21/06/2025", "day", "", "21 June 2025"),
        ("17/02/2023", "month", "", "February 2023"),
        ("2023-10-05", "season", "", "autumn 2023"),
        ("30/06/2025", "month", "1", "c. June 2025"),
        ("03/03/2020", "year", "", "2020"),
    ],
)
def test_the_date_preview_reads_as_the_site_will(
    editor_client, typed, precision, approximate, reads
):
    answer = editor_client.get(
        url(models.Meeting, "date_preview"),
        {"date": typed, "precision": precision, "approximate": approximate},
    ).json()
    assert answer == {"text": reads, "error": ""}


@pytest.mark.parametrize(
    ("typed", "precision", "error"),
    [
        ("21/06/2025", "", "Give the precision of this date."),
        ("31/02/2025", "day", "Enter a valid date."),
    ],
)
def test_the_date_preview_says_what_is_wrong(editor_client, typed, precision, error):
    answer = editor_client.get(
        url(models.Sanction, "date_preview"), {"date": typed, "precision": precision}
    ).json()
    assert answer == {"text": "", "error": error}


def test_the_change_form_shows_how_the_stored_date_reads(editor_client):
    meeting = make_meeting(
        "szijjarto-in-minsk", date=datetime.date(2023, 9, 1), precision="season"
    )
    response = editor_client.get(url(models.Meeting, "change", meeting.pk))
    assertContains(response, 'class="partial-date-preview"')
    assertContains(response, "autumn 2023")
    assertContains(response, "briefs/admin/partial-date-preview.js")


def test_a_date_saved_with_a_precision_keeps_no_day_the_brief_does_not_give(
    editor_client,
):
    meeting = make_meeting("szijjarto-in-minsk")
    page = editor_client.get(url(models.Meeting, "change", meeting.pk))
    data = form_data(page) | {"date": "17/02/2023", "date_precision": "month"}
    response = editor_client.post(url(models.Meeting, "change", meeting.pk), data)
    assert response.status_code == 302, response.context["errors"]
    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2023, 2, 1)
    assert str(meeting.when) == "February 2023"


# --- History -------------------------------------------------------------------


def edit_meeting(client, meeting, **changes):
    page = client.get(url(models.Meeting, "change", meeting.pk))
    return client.post(
        url(models.Meeting, "change", meeting.pk), form_data(page) | changes
    )


def test_a_change_is_recorded_with_who_when_and_which_fields(editor_client):
    meeting = make_meeting("talks", place="Minsk")
    response = edit_meeting(editor_client, meeting, place="Vitebsk", outcome="Talks")
    assert response.status_code == 302, response.context["errors"]

    latest, previous = meeting.history.all()[:2]
    assert latest.history_user.username == "edna"
    assert latest.history_date > previous.history_date
    delta = latest.diff_against(previous)
    assert set(delta.changed_fields) == {"place", "outcome"}

    page = editor_client.get(url(models.Meeting, "history", meeting.pk))
    assertContains(page, "edna")
    assertContains(page, "<strong>Place:</strong>")
    assertContains(page, "Vitebsk")


def test_a_previous_version_can_be_restored(editor_client):
    meeting = make_meeting("talks", place="Minsk")
    edit_meeting(editor_client, meeting, place="Vitebsk")
    original = meeting.history.earliest()
    revert_url = url(models.Meeting, "simple_history", meeting.pk, original.history_id)

    page = editor_client.get(revert_url)
    assertContains(page, "Minsk")
    response = editor_client.post(revert_url, form_data(page))
    assert response.status_code == 302, response.context["errors"]

    meeting.refresh_from_db()
    assert meeting.place == "Minsk"
    restored = meeting.history.first()
    assert restored.history_user.username == "edna"
    assert restored.history_change_reason == f"Restored version {original.history_id}"


def test_a_seeded_row_has_a_first_version_so_its_first_change_says_what_changed(
    seeded, editor_client
):
    for model in BRIEFS_MODELS:
        assert model.history.count() == model.objects.count(), model.__name__
    meeting = models.Meeting.objects.get(slug="kellogg-lukashenko-minsk-2025-06-21")
    assert meeting.history.get().history_change_reason == "Loaded from a fixture"

    edit_meeting(editor_client, meeting, place="Minsk, Palace of Independence")

    latest, loaded = meeting.history.all()[:2]
    assert latest.diff_against(loaded).changed_fields == ["place"]


def test_changes_made_inline_are_recorded_in_the_parts_history(editor_client):
    meeting = make_meeting("talks")
    kellogg = make_actor("keith-kellogg", name="Keith Kellogg", kind="person")
    response = edit_meeting(
        editor_client,
        meeting,
        **{
            "participations-TOTAL_FORMS": "1",
            "participations-0-position": "1",
            "participations-0-actor": str(kellogg.pk),
            "participations-0-role": "visitor",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    record = models.MeetingParticipant.history.get()
    assert (record.actor_id, record.history_type) == (kellogg.pk, "+")
    assert record.history_user.username == "edna"


# --- Two editors on one record ------------------------------------------------


def test_a_second_save_over_a_newer_change_is_refused_and_the_first_survives(
    editor,
):
    meeting = make_meeting("talks", place="Minsk")
    first = logged_in_client(editor)
    second = logged_in_client(make_user("sam", "Editor"))
    first_form = first.get(url(models.Meeting, "change", meeting.pk))
    second_form = second.get(url(models.Meeting, "change", meeting.pk))

    saved = first.post(
        url(models.Meeting, "change", meeting.pk),
        form_data(first_form) | {"place": "Vitebsk"},
    )
    assert saved.status_code == 302
    refused = second.post(
        url(models.Meeting, "change", meeting.pk),
        form_data(second_form) | {"place": "Brest"},
    )

    assert refused.status_code == 200
    assertContains(refused, "was changed by edna on")
    assertContains(refused, "your changes were not saved")
    meeting.refresh_from_db()
    assert meeting.place == "Vitebsk"
    assert meeting.history.count() == 2  # created, then edna's change only


def test_an_editor_refused_for_a_conflict_can_save_after_reopening(editor_client):
    meeting = make_meeting("talks", place="Minsk")
    stale = editor_client.get(url(models.Meeting, "change", meeting.pk))
    meeting.place = "Vitebsk"
    meeting.save()  # someone else, or an import
    refused = editor_client.post(
        url(models.Meeting, "change", meeting.pk), form_data(stale) | {"outcome": "x"}
    )
    assert refused.status_code == 200

    assert edit_meeting(editor_client, meeting, outcome="x").status_code == 302
    meeting.refresh_from_db()
    assert (meeting.place, meeting.outcome) == ("Vitebsk", "x")


def test_restoring_an_old_version_over_a_newer_change_is_refused(editor_client):
    meeting = make_meeting("talks", place="Minsk")
    revert_url = url(
        models.Meeting, "simple_history", meeting.pk, meeting.history.get().history_id
    )
    page = editor_client.get(revert_url)
    meeting.place = "Vitebsk"
    meeting.save()
    response = editor_client.post(revert_url, form_data(page))
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.place == "Vitebsk"


# --- The nationality breakdown -----------------------------------------------


def edit_release(client, release, **changes):
    page = client.get(url(models.PrisonerRelease, "change", release.pk))
    return client.post(
        url(models.PrisonerRelease, "change", release.pk), form_data(page) | changes
    )


def test_the_release_form_refuses_a_breakdown_above_the_total(editor_client):
    release = make_release("kellogg-release", total=14)
    japan, poland = make_actor("japan"), make_actor("poland")
    response = edit_release(
        editor_client,
        release,
        **{
            "nationality_counts-TOTAL_FORMS": "2",
            "nationality_counts-0-country": str(japan.pk),
            "nationality_counts-0-count": "10",
            "nationality_counts-1-country": str(poland.pk),
            "nationality_counts-1-count": "10",
        },
    )
    assert response.status_code == 200
    assertContains(
        response,
        "The nationality breakdown (20) may not exceed the total released (14).",
    )
    assert not release.nationality_counts.exists()


def test_the_release_form_accepts_a_breakdown_rebalanced_in_one_save(editor_client):
    release = make_release("kellogg-release", total=14)
    japan, poland = make_actor("japan"), make_actor("poland")
    make_nationality_count(release, japan, 7)
    make_nationality_count(release, poland, 7)
    page = editor_client.get(url(models.PrisonerRelease, "change", release.pk))
    data = form_data(page)
    rows = {data[f"nationality_counts-{n}-country"]: n for n in (0, 1)}
    data[f"nationality_counts-{rows[str(japan.pk)]}-count"] = "10"
    data[f"nationality_counts-{rows[str(poland.pk)]}-count"] = "2"

    response = editor_client.post(
        url(models.PrisonerRelease, "change", release.pk), data
    )
    assert response.status_code == 302, response.context["errors"]
    assert dict(release.nationality_counts.values_list("country__slug", "count")) == {
        "japan": 10,
        "poland": 2,
    }


def test_the_release_form_refuses_a_total_below_the_stored_breakdown(editor_client):
    release = make_release("kellogg-release", total=14)
    make_nationality_count(release, make_actor("japan"), 12)
    response = edit_release(editor_client, release, total="10")
    assertContains(
        response,
        "The nationality breakdown (12) may not exceed the total released (10).",
    )
    release.refresh_from_db()
    assert release.total == 14


# --- Changelists cost the same at 10 rows and at 10,000 -------------------------


@pytest.fixture
def parents(db):
    """The few rows generated rows hang from: a corpus has few states and briefs."""
    states = [make_actor(f"state-{n}") for n in range(3)]
    return SimpleNamespace(
        states=states,
        publication=make_publication("parent-brief"),
        meeting=make_meeting("parent-meeting", country=states[0]),
        release=make_release("parent-release", released_by=states[0], total=10**9),
    )


def actors(prefix, numbers, kind):
    return models.Actor.objects.bulk_create(
        models.Actor(slug=f"{prefix}-{n}", name=f"{prefix} {n}", kind=kind)
        for n in numbers
    )


def make_rows(model, parents, numbers):
    """Unsaved rows of ``model``, one per number, with the rows they refer to."""
    day = datetime.date(2000, 1, 1)
    states = parents.states

    def state(n):
        return states[n % len(states)]

    def other_state(n):
        return states[(n + 1) % len(states)]

    M = models
    build = {
        M.Author: lambda n: M.Author(slug=f"author-{n}", name=f"Author {n}"),
        M.Actor: lambda n: M.Actor(
            slug=f"actor-{n}", name=f"Actor {n}", kind="person", country=state(n)
        ),
        M.Publication: lambda n: M.Publication(
            slug=f"brief-{n}",
            title=f"Brief {n}",
            series="HIIA Perspective",
            publisher="HIIA",
            publication_date=day + datetime.timedelta(days=n),
        ),
        M.Meeting: lambda n: M.Meeting(
            slug=f"meeting-{n}",
            title=f"Meeting {n}",
            date=day + datetime.timedelta(days=n),
            date_precision="day",
            country=state(n),
        ),
        M.Sanction: lambda n: M.Sanction(
            slug=f"sanction-{n}",
            title=f"Sanction {n}",
            imposed_by=state(n),
            target=other_state(n),
            start_date=day,
            start_date_precision="year",
        ),
        M.PrisonerRelease: lambda n: M.PrisonerRelease(
            slug=f"release-{n}",
            title=f"Release {n}",
            date=day,
            date_precision="year",
            released_by=state(n),
            released_to=other_state(n),
            meeting=parents.meeting,
            total=n,
        ),
        M.Section: lambda n: M.Section(publication=parents.publication, position=n),
        M.SourceReference: lambda n: M.SourceReference(
            publication=parents.publication, number=n, anchor_text=f"source {n}"
        ),
        M.ActorAlias: lambda n: M.ActorAlias(actor=state(n), name=f"Alias {n}"),
    }
    if model in build:
        return [build[model](n) for n in numbers]
    # Rows that must each name a different partner.
    if model is M.Contribution:
        authors = M.Author.objects.bulk_create(
            M.Author(slug=f"author-{n}", name=f"Author {n}") for n in numbers
        )
        return [
            M.Contribution(publication=parents.publication, author=author, position=n)
            for n, author in zip(numbers, authors, strict=True)
        ]
    if model is M.MeetingParticipant:
        people = actors("person", numbers, M.Actor.Kind.PERSON)
        return [
            M.MeetingParticipant(meeting=parents.meeting, actor=actor, position=n)
            for n, actor in zip(numbers, people, strict=True)
        ]
    if model is M.NationalityCount:
        countries = actors("country", numbers, M.Actor.Kind.STATE)
        return [
            M.NationalityCount(release=parents.release, country=country, count=1)
            for country in countries
        ]
    raise AssertionError(f"No rows for {model.__name__}")


def changelist_queries(client, model):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(model, "changelist"))
    assert response.status_code == 200
    return response.context["cl"].result_count, [query["sql"] for query in queries]


@pytest.mark.parametrize("model", BRIEFS_MODELS, ids=lambda model: model.__name__)
def test_a_changelist_costs_the_same_queries_at_10_rows_and_at_10000(
    model, parents, editor_client
):
    model.objects.bulk_create(make_rows(model, parents, range(1, 11)))
    few, at_few = changelist_queries(editor_client, model)
    model.objects.bulk_create(
        make_rows(model, parents, range(11, 10_001)), batch_size=2000
    )
    many, at_many = changelist_queries(editor_client, model)

    assert few < 20 and many >= 10_000
    assert len(at_many) == len(at_few), "\n".join(at_many)
