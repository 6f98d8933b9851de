"""The shipped briefs seed an empty database, once: a start of ``make run`` or
``make serve`` (each runs ``load_initial_data``) never writes over what
curators made, and says what it left alone."""

import io

import pytest
from django.core.management import call_command

from briefs.domain import derived
from briefs.models import Actor, Meeting, Publication
from tests.helpers import row_counts, save_in_admin

pytestmark = pytest.mark.django_db

MEETING = "kellogg-lukashenko-minsk-2025-06-21"


def start():
    """What every start runs before it serves."""
    out = io.StringIO()
    call_command("load_initial_data", stdout=out)
    return out.getvalue()


def test_an_empty_database_is_seeded_with_the_shipped_briefs(db):
    said = start()
    # The seed brief in two editions: English, and its Hungarian translation.
    assert Publication.objects.count() == 2
    assert Publication.objects.originals().count() == 1
    assert "Loaded hiia-perspective-2025-07-15-kellogg-belarus.json" in said


def test_a_curators_edit_survives_any_number_of_starts(seeded, editor_client):
    meeting = Meeting.objects.get(slug=MEETING)
    saved = save_in_admin(
        editor_client, meeting, place_en="Minsk, Palace of Independence"
    )
    assert saved.status_code == 302
    versions = meeting.history.count()
    before = row_counts()

    for _ in range(3):
        said = start()

    meeting.refresh_from_db()
    assert meeting.place == "Minsk, Palace of Independence"
    assert meeting.history.count() == versions
    assert meeting.history.first().history_user.username == "edna"
    assert row_counts() == before
    assert "not loaded" in said
    assert "hiia-perspective-2025-07-15-kellogg-belarus.json" in said


def test_a_database_with_any_content_is_not_seeded(db):
    # Rows that share the shipped briefs' slugs are never overwritten.
    Actor.objects.create(slug="belarus", name="Belarus (as curated)", kind="state")
    said = start()
    assert not Publication.objects.exists()
    assert Actor.objects.get(slug="belarus").name == "Belarus (as curated)"
    assert "not loaded" in said


def test_seeding_is_one_write_rendering_the_brief_once(
    db, monkeypatch, django_assert_max_num_queries
):
    rendered = []
    render = derived.rendered_texts
    monkeypatch.setattr(
        derived,
        "rendered_texts",
        lambda brief: rendered.append(brief.pk) or render(brief),
    )
    # 572 with the English edition alone; its Hungarian edition (its section,
    # sources, credit and evidence, each checked) makes 616.
    with django_assert_max_num_queries(620):
        start()
    # Each edition once.
    assert sorted(rendered) == sorted(Publication.objects.values_list("pk", flat=True))
