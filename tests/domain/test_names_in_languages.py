"""Names, positions, descriptions, places and fact titles in every language:
read in the reader's, English where it has none; kept in history; the
seed's Hungarian forms; the migration that gave them languages."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pytest_django.asserts import assertContains

from briefs.domain.derived import store_rendered_html
from briefs.models import Actor, Meeting, PrisonerRelease, Sanction
from tests.factories import make_actor, make_meeting, make_publication
from tests.helpers import admin_url, save_in_admin

pytestmark = pytest.mark.django_db


def test_a_name_reads_in_the_active_language_and_in_english_where_it_has_none():
    belarus = make_actor("belarus", name="Belarus", name_hu="Fehéroroszország")
    poland = make_actor("poland", name="Poland")
    with translation.override("hu"):
        assert (belarus.name, poland.name) == ("Fehéroroszország", "Poland")
        assert str(belarus) == "Fehéroroszország"
    # A regional variant reads as its language; English reads English.
    with translation.override("hu-hu"):
        assert belarus.name == "Fehéroroszország"
    with translation.override("en"):
        assert belarus.name == "Belarus"


def test_assigning_the_bare_name_sets_the_english_one_whatever_the_language():
    with translation.override("hu"):
        actor = Actor(slug="x", kind=Actor.Kind.STATE, name="Belarus")
        actor.position = "A state"
    assert (actor.name_en, actor.name_hu) == ("Belarus", "")
    assert actor.position_en == "A state"


def test_a_fact_title_and_a_place_read_in_the_active_language():
    meeting = make_meeting(
        "talks", title="Talks in Minsk", title_hu="Tárgyalás Minszkben", place="Minsk"
    )
    Meeting.objects.filter(pk=meeting.pk).update(place_hu="Minszk")
    meeting.refresh_from_db()
    with translation.override("hu"):
        assert (meeting.title, meeting.place) == ("Tárgyalás Minszkben", "Minszk")
        assert str(meeting).startswith("Tárgyalás Minszkben (")


def test_a_change_to_a_hungarian_name_is_in_the_history_and_its_admin_page(
    editor_client,
):
    actor = make_actor("belarus", name="Belarus")
    response = save_in_admin(editor_client, actor, name_hu="Fehéroroszország")
    assert response.status_code == 302, response.context["errors"]

    latest, previous = actor.history.all()[:2]
    assert latest.name_hu == "Fehéroroszország"
    assert latest.diff_against(previous).changed_fields == ["name_hu"]
    page = editor_client.get(admin_url(Actor, "history", actor.pk))
    assertContains(page, "<strong>Name (Hungarian):</strong>", html=True)
    assertContains(page, "Fehéroroszország")


def test_the_change_form_has_each_language_side_by_side_with_its_language_named(
    editor_client,
):
    actor = make_actor("belarus", name="Belarus")
    form = editor_client.get(admin_url(Actor, "change", actor.pk))
    assertContains(form, '<label class="required" for="id_name_en">Name (English):')
    assertContains(form, '<label class="inline" for="id_name_hu">Name (Hungarian):')
    # One line of the form holds every language of a field.
    lines = form.context["adminform"].form.fields
    assert list(lines)[:2] == ["name_en", "name_hu"]


def test_the_seed_has_its_names_in_hungarian(seeded):
    names = dict(Actor.objects.values_list("slug", "name_hu"))
    assert names["alexander-lukashenko"] == "Alekszandr Lukasenko"
    assert names["belarus"] == "Fehéroroszország"
    assert names["keith-kellogg"] == "Keith Kellogg"
    assert names["united-states"] == "Egyesült Államok"
    assert names["european-union"] == "Európai Unió"
    assert names["peter-szijjarto"] == "Szijjártó Péter"
    assert all(names.values()), "every actor of the seed has a Hungarian name"
    for model in (Meeting, Sanction, PrisonerRelease):
        assert all(model.objects.values_list("title_hu", flat=True)), model
    assert set(Meeting.objects.values_list("place_hu", flat=True)) == {"Minszk"}
    with translation.override("hu"):
        lukashenko = Actor.objects.get(slug="alexander-lukashenko")
        assert lukashenko.position == "Fehéroroszország elnöke"


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_value_as_english_in_rows_and_history():
    executor = MigrationExecutor(connection)
    before = [("briefs", "0026b_search_per_language")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    actor = old.get_model("briefs", "Actor").objects.create(
        slug="belarus",
        name="Belarus",
        kind="state",
        position="",
        description="A state.",
    )
    old.get_model("briefs", "HistoricalActor").objects.create(
        id=actor.pk,
        slug="belarus",
        name="Belarus",
        kind="state",
        position="",
        description="A state.",
        created_at=actor.created_at,
        updated_at=actor.updated_at,
        history_date="2025-07-15T08:00:00Z",
        history_type="+",
    )
    old.get_model("briefs", "Meeting").objects.create(
        slug="talks", title="Talks", place="Minsk"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    actor = Actor.objects.get(slug="belarus")
    assert (actor.name_en, actor.name_hu) == ("Belarus", "")
    assert (actor.description_en, actor.description_hu) == ("A state.", "")
    history = actor.history.get()
    assert (history.name_en, history.name_hu) == ("Belarus", "")
    meeting = Meeting.objects.get(slug="talks")
    assert (meeting.title_en, meeting.place_en, meeting.place_hu) == (
        "Talks",
        "Minsk",
        "",
    )


def test_rendering_briefs_in_their_languages_costs_the_same_queries_for_more_briefs():
    def queries_to_render(count):
        ids = []
        for number in range(count):
            brief = make_publication(f"brief-{count}-{number}", language="hu")
            brief.actors.add(make_actor(f"actor-{count}-{number}", name_hu="Név"))
            brief.sections.create(position=1, body="Név és más.")
            ids.append(brief.pk)
        with CaptureQueriesContext(connection) as queries:
            store_rendered_html(ids)
        return len(queries)

    assert queries_to_render(1) == queries_to_render(5)
