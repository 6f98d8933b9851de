"""``Actor.is_public``: what only a draft involves never becomes public, through any door.

Each door writes in its own way (the admin's form and actions, table
imports, bundles, the ingest, the scheduled publishing, deletes); after each
the stored flag must be what the rule (``public_by_relations``) says.
"""

import json

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from briefs.domain import derived
from briefs.domain.publishing import publish_due
from briefs.models import Actor, Meeting, Publication
from briefs.synthetic.corpus import generate_corpus
from tests.factories import (
    make_actor,
    make_draft_with_its_own_facts,
    make_meeting,
    make_nationality_count,
    make_participant,
    make_publication,
    make_release,
    make_sanction,
)
from tests.helpers import (
    TWO_AUTHORS_TEXT,
    admin_url,
    empty_database,
    exported_bundle,
    exported_table,
    form_data,
    load_table,
)

pytestmark = pytest.mark.django_db

DRAFT = Publication.Status.DRAFT


def public_actors():
    return set(Actor.objects.filter(is_public=True).values_list("slug", flat=True))


def assert_flags_fresh():
    """The stored flag is the rule's answer."""
    assert public_actors() == {a.slug for a in Actor.objects.public_by_relations()}


@pytest.fixture
def envoy():
    """An actor only a draft mentions."""
    draft = make_publication("a-draft", status=DRAFT)
    actor = make_actor("envoy", "The Envoy", kind=Actor.Kind.PERSON)
    draft.actors.add(actor)
    return actor


def post_action(client, action, brief):
    client.post(
        admin_url(Publication, "changelist"),
        {"action": action, admin.helpers.ACTION_CHECKBOX_NAME: [brief.pk]},
    )


def test_what_only_a_draft_involves_is_never_public(seeded):
    _draft, facts = make_draft_with_its_own_facts()
    assert "belarus" in public_actors()
    assert facts["actor"].slug not in public_actors()
    assert_flags_fresh()


def test_publishing_in_the_admin_form_makes_the_actor_public_and_a_draft_hides_it(
    editor_client, envoy
):
    draft = Publication.objects.get(slug="a-draft")
    url = admin_url(Publication, "change", draft.pk)
    response = editor_client.post(
        url, form_data(editor_client.get(url)) | {"status": "published"}
    )
    assert response.status_code == 302
    assert public_actors() == {"envoy"}
    editor_client.post(url, form_data(editor_client.get(url)) | {"status": "draft"})
    assert public_actors() == set()


def test_the_publish_and_unpublish_actions_show_and_hide_the_actor(
    editor_client, envoy
):
    draft = Publication.objects.get(slug="a-draft")
    post_action(editor_client, "publish", draft)
    assert public_actors() == {"envoy"}
    post_action(editor_client, "unpublish", draft)
    assert public_actors() == set()


def test_a_table_import_shows_and_hides_the_actors_it_links(envoy):
    make_publication("a-brief")
    load_table("publication", "slug,actors\na-brief,envoy\n")
    assert public_actors() == {"envoy"}
    load_table("publication", "slug,actors\na-brief,\n")
    assert public_actors() == set()
    assert_flags_fresh()


def test_a_table_import_of_participants_shows_the_actor(envoy):
    meeting = make_meeting("a-meeting")
    meeting.publications.add(make_publication("a-brief"))
    load_table(
        "meetingparticipant",
        "meeting,actor,role,position\na-meeting,envoy,participant,1\n",
    )
    assert public_actors() == {"envoy"}
    assert_flags_fresh()


def bundle_with_status(status):
    objects = json.loads(exported_bundle())
    for obj in objects:
        if obj["model"] == "briefs.publication":
            obj["fields"]["status"] = status
            if status == DRAFT:
                obj["fields"]["published_at"] = None
    return json.dumps(objects)


def test_a_bundle_of_a_draft_makes_no_actor_public(seeded, tmp_path):
    draft_bundle, published_bundle = bundle_with_status(DRAFT), exported_bundle()
    assert "is_public" not in published_bundle
    empty_database()
    path = tmp_path / "brief.json"
    path.write_text(draft_bundle)
    call_command("import_brief", str(path), verbosity=0)
    assert Actor.objects.exists() and public_actors() == set()
    path.write_text(published_bundle)
    call_command("import_brief", str(path), verbosity=0)
    assert "belarus" in public_actors()
    assert_flags_fresh()
    path.write_text(draft_bundle)
    call_command("import_brief", str(path), verbosity=0)
    assert public_actors() == set()


def test_loaddata_stores_the_flag(seeded, tmp_path):
    path = tmp_path / "brief.json"
    path.write_text(exported_bundle())
    empty_database()
    call_command("loaddata", str(path), verbosity=0)
    assert "belarus" in public_actors()
    assert_flags_fresh()


def test_an_ingested_draft_makes_no_actor_public(seeded):
    before = public_actors()
    call_command("ingest_brief", str(TWO_AUTHORS_TEXT), verbosity=0)
    assert public_actors() == before
    assert_flags_fresh()


def test_the_scheduled_publishing_makes_the_actor_public(envoy):
    Publication.objects.filter(slug="a-draft").update(publish_at=timezone.now())
    assert public_actors() == set()
    assert publish_due() == 1
    assert public_actors() == {"envoy"}


def test_the_sweep_makes_the_actor_public(envoy):
    Publication.objects.filter(slug="a-draft").update(publish_at=timezone.now())
    call_command("publish_scheduled", verbosity=0)
    assert public_actors() == {"envoy"}


def test_deleting_the_only_brief_hides_its_actors():
    brief = make_publication("a-brief")
    actor = make_actor("envoy", "The Envoy", kind=Actor.Kind.PERSON)
    brief.actors.add(actor)
    meeting = make_meeting("a-meeting", country=make_actor("host"))
    make_participant(meeting, make_actor("guest", "Guest", kind=Actor.Kind.PERSON))
    meeting.publications.add(brief)
    assert public_actors() == {"envoy", "host", "guest"}
    meeting.delete()
    assert public_actors() == {"envoy"}
    brief.delete()
    assert public_actors() == set()


def test_every_fact_a_published_brief_discusses_makes_its_actors_public():
    brief = make_publication("a-brief")
    state_a, state_b = make_actor("state-a"), make_actor("state-b")
    sanction = make_sanction("a-sanction", imposed_by=state_a, target=state_b)
    release = make_release("a-release", released_by=make_actor("state-c"))
    make_nationality_count(release, make_actor("state-d"), 3)
    assert public_actors() == set()
    sanction.publications.add(brief)
    release.publications.add(brief)
    assert public_actors() == {"state-a", "state-b", "state-c", "state-d"}
    # Moving a fact to another actor hides the one it leaves.
    sanction.target = make_actor("state-e")
    sanction.save()
    assert public_actors() == {"state-a", "state-e", "state-c", "state-d"}
    brief.sanctions.clear()
    assert public_actors() == {"state-c", "state-d"}
    assert_flags_fresh()


def test_the_actor_index_and_page_read_the_flag(client, admin_client, envoy):
    brief = make_publication("a-brief")
    brief.actors.add(envoy)
    assert "The Envoy" in client.get("/actors/").content.decode()
    assert client.get(envoy.get_absolute_url()).status_code == 200
    # Whatever the relations say, the public reads the flag …
    Actor.objects.update(is_public=False)
    assert "The Envoy" not in client.get("/actors/").content.decode()
    assert client.get(envoy.get_absolute_url()).status_code == 404
    assert client.get("/api/actors/envoy").status_code == 404
    # … and editors see every actor.
    assert "The Envoy" in admin_client.get("/actors/").content.decode()
    assert admin_client.get(envoy.get_absolute_url()).status_code == 200


def test_the_actor_index_costs_the_same_queries_for_many_actors(
    client, django_assert_max_num_queries
):
    with derived.write():
        brief = make_publication("a-brief")
        brief.actors.add(*(make_actor(f"state-{n}") for n in range(150)))
    # The generation of its ETag, the page and its count.
    with django_assert_max_num_queries(3):
        assert client.get("/actors/").status_code == 200


def test_the_flag_is_not_exported_nor_in_the_history(envoy):
    make_publication("a-brief").actors.add(envoy)
    assert b"is_public" not in exported_table("actor")
    assert not hasattr(envoy.history.model, "is_public")


def test_rebuilding_derived_data_and_the_generated_corpus_store_the_flag():
    generate_corpus(seed=7, briefs=3, actors=60, history=False)
    assert public_actors()
    assert_flags_fresh()
    # As after a migration, or a database restored by other means.
    Actor.objects.update(is_public=False)
    call_command("rebuild_derived", verbosity=0)
    assert_flags_fresh()


def test_a_write_stores_the_flag_as_it_ends_whatever_happened_within_it(envoy):
    with derived.write():
        make_publication("a-brief").actors.add(envoy)
        # Changed behind the signals' back within the write …
        Actor.objects.update(is_public=False)
        assert public_actors() == set()
    # … its end stores what the rule says.
    assert public_actors() == {"envoy"}


def test_a_rolled_back_write_leaves_nothing_behind_for_the_next(
    envoy, django_assert_num_queries
):
    with pytest.raises(RuntimeError), derived.write():
        make_publication("a-brief").actors.add(envoy)
        raise RuntimeError
    assert public_actors() == set()
    # A write that changes nothing settles nothing: its savepoint alone.
    with django_assert_num_queries(2), derived.write():
        pass


def test_linking_a_meeting_to_a_published_brief_shows_its_participants(envoy):
    meeting = make_meeting("a-meeting")
    make_participant(meeting, envoy)
    assert public_actors() == set()
    make_publication("a-brief").meetings.add(meeting)
    assert public_actors() == {"envoy"}
    Meeting.objects.get().publications.clear()
    assert public_actors() == set()


def test_settling_the_flags_turns_each_wrong_one_in_one_statement(
    envoy, django_assert_num_queries
):
    make_publication("a-brief").actors.add(make_actor("minister", kind="person"))
    # Both wrong, behind the signals' back: the draft's envoy public, the
    # published brief's minister not.
    Actor.objects.update(
        is_public=models.Case(models.When(slug="envoy", then=True), default=False)
    )
    assert public_actors() == {"envoy"}

    with django_assert_num_queries(1):
        derived.store_public_actors()

    assert public_actors() == {"minister"}
    assert_flags_fresh()
