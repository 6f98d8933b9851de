"""A brief's stored HTML is never stale, whichever door wrote what it is made from."""

import json

import pytest
from django.core.management import call_command

from briefs.domain import derived
from briefs.domain.derived import briefs_to_render
from briefs.domain.markup import rendered_texts
from briefs.models import Actor, Publication, Section
from briefs.synthetic.corpus import generate_corpus
from tests.factories import (
    make_actor,
    make_alias,
    make_publication,
    make_section,
    make_source_reference,
)
from tests.helpers import (
    SEED_SLUG,
    csv_text,
    empty_database,
    exported_bundle,
    load_table,
    save_in_admin,
)

pytestmark = pytest.mark.django_db


def assert_stored_html_fresh():
    """Every brief's stored HTML is what rendering it now makes."""
    for publication in briefs_to_render(Publication.objects.values("pk")):
        summary, sections = rendered_texts(publication)
        assert publication.summary_html == summary
        for section, html in sections:
            assert section.body_html == html, section


def section_html(publication, position=1):
    return Section.objects.get(publication=publication, position=position).body_html


@pytest.fixture
def brief():
    """A brief whose texts cite a source and name an actor."""
    publication = make_publication(summary="Minsk, as cited [here][1].")
    make_source_reference(publication, 1)
    make_section(publication, 1, body="Minsk spoke [twice][1].")
    make_section(publication, 2, body="Then [again][1].")
    publication.actors.add(make_actor("minsk", "Minsk", Actor.Kind.GROUP))
    return publication


def test_saving_a_section_stores_its_html(brief):
    assert 'href="/actors/minsk/"' in section_html(brief)
    assert 'id="cite-1-3"' in section_html(brief, 2)
    section = Section.objects.get(publication=brief, position=2)
    section.body = "Now *emphasised*."
    section.save()
    assert "<em>emphasised</em>" in section_html(brief, 2)
    assert_stored_html_fresh()


def test_deleting_a_section_renumbers_the_notes_after_it(brief):
    Section.objects.get(publication=brief, position=1).delete()
    assert 'id="cite-1-2"' in section_html(brief, 2)
    assert_stored_html_fresh()


def test_saving_the_abstract_stores_its_html(brief):
    brief.summary = "A **new** abstract."
    brief.save()
    brief.refresh_from_db()
    assert brief.summary_html == "<p>A <strong>new</strong> abstract.</p>"
    assert_stored_html_fresh()


def test_a_source_url_found_turns_its_notes_into_links(brief):
    reference = brief.source_references.get()
    reference.url = "https://example.org/found"
    reference.save()
    assert 'href="https://example.org/found"' in section_html(brief)
    reference.delete()
    assert "example.org" not in section_html(brief)
    assert_stored_html_fresh()


def test_renaming_an_actor_or_adding_an_alias_relinks_its_briefs(brief):
    actor = Actor.objects.get(slug="minsk")
    actor.slug = "minsk-city"
    actor.save()
    assert 'href="/actors/minsk-city/"' in section_html(brief)
    make_section(brief, 3, body="The capital agreed.")
    alias = make_alias(actor, "The capital")
    assert 'href="/actors/minsk-city/"' in section_html(brief, 3)
    alias.delete()
    assert "href" not in section_html(brief, 3)
    assert_stored_html_fresh()


def test_linking_and_unlinking_actors_from_either_side(brief):
    actor = Actor.objects.get(slug="minsk")
    brief.actors.remove(actor)
    assert 'class="actor"' not in section_html(brief)
    actor.publications.add(brief)
    assert 'class="actor"' in section_html(brief)
    actor.publications.clear()
    assert 'class="actor"' not in section_html(brief)
    brief.actors.set([actor])
    actor.delete()
    assert 'class="actor"' not in section_html(brief)
    assert_stored_html_fresh()


def test_the_admin_stores_the_html_of_what_it_saves(admin_client, brief):
    response = save_in_admin(
        admin_client,
        brief,
        summary="Saved in the *admin*.",
        **{"sections-1-body": "Changed [here][1]."},
    )
    assert response.status_code == 302
    brief.refresh_from_db()
    assert "<em>admin</em>" in brief.summary_html
    assert "Changed" in section_html(brief, 2)
    assert_stored_html_fresh()


def test_table_imports_store_the_html_of_every_brief_they_touch(brief):
    load_table(
        "section",
        csv_text(
            [
                ["publication", "position", "heading", "body"],
                ["a-brief", 2, "", "Imported [text][1]."],
                ["a-brief", 3, "", "Minsk again."],
            ]
        ),
    )
    assert "Imported" in section_html(brief, 2)
    assert 'class="actor"' in section_html(brief, 3)
    load_table("sourcereference", "publication,number,anchor_text,url\n"
               "a-brief,1,here,https://example.org/\n")  # fmt: skip
    assert 'href="https://example.org/"' in section_html(brief)
    load_table("actor", "slug,name,kind\nminsk,Minsk City,group\n")
    load_table("actoralias", "actor,name\nminsk,Minsk\n")
    assert 'title="Minsk City"' in section_html(brief)
    load_table("publication", "slug,summary,actors\na-brief,Imported abstract.,\n")
    assert 'class="actor"' not in section_html(brief)
    assert Publication.objects.get().summary_html == "<p>Imported abstract.</p>"
    assert_stored_html_fresh()


def test_a_bundle_and_a_fixture_store_the_html_of_what_they_load(seeded, tmp_path):
    bundle = exported_bundle()
    assert "body_html" not in bundle and "summary_html" not in bundle
    empty_database()
    path = tmp_path / "brief.json"
    path.write_text(bundle)
    call_command("import_brief", str(path), verbosity=0)
    assert (
        Section.objects.filter(publication__slug=SEED_SLUG, body_html="").count() == 0
    )
    assert_stored_html_fresh()
    empty_database()
    call_command("loaddata", str(path), verbosity=0)
    assert Section.objects.filter(body_html="").count() == 0
    assert_stored_html_fresh()


def test_a_bundle_changing_an_actor_relinks_the_other_briefs_that_name_it(
    seeded, tmp_path
):
    other = make_publication("other-brief")
    actor = seeded.actors.first()
    other.actors.add(actor)
    make_section(other, 1, body=f"About {actor.name}.")
    objects = json.loads(exported_bundle())
    for obj in objects:
        if obj["model"] == "briefs.actor" and obj["fields"]["slug"] == actor.slug:
            obj["fields"]["position_en"] = "A new office"
    path = tmp_path / "brief.json"
    path.write_text(json.dumps(objects))
    call_command("import_brief", str(path), verbosity=0)
    assert f'title="{actor.name}, A new office"' in section_html(other)
    assert_stored_html_fresh()


def test_the_generated_corpus_is_stored_rendered():
    generate_corpus(seed=7, briefs=3, actors=60, history=False)
    assert not Section.objects.filter(body_html="").exists()
    assert_stored_html_fresh()


def test_rebuilding_derived_data_renders_the_briefs_already_stored(brief):
    # As after a migration, or a database restored by other means.
    Section.objects.update(body_html="")
    Publication.objects.update(summary_html="")
    call_command("rebuild_derived", verbosity=0)
    assert_stored_html_fresh()


def test_a_bundle_renders_each_brief_once(seeded, tmp_path, monkeypatch):
    path = tmp_path / "brief.json"
    path.write_text(exported_bundle())
    empty_database()
    rendered = []

    def counted(brief):
        rendered.append(brief.pk)
        return rendered_texts(brief)

    monkeypatch.setattr(derived, "rendered_texts", counted)
    call_command("import_brief", str(path), verbosity=0)
    # Each of the brief's two editions once.
    assert len(rendered) == len(set(rendered)) == Publication.objects.count() == 2
    assert_stored_html_fresh()
