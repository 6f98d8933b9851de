"""Every door that links a fact to a brief refuses a translation, in one rule's
words: a translation states its original's facts, so a fact is linked to
the original (``check_discussed_in``)."""

import json

import pytest
from django.urls import reverse

from briefs.exchange.tables import TableError
from briefs.models import Meeting, Publication
from tests.exchange.test_parity import (
    SEED_MEETING,
    bundle_doors,
    each_door,
    file_of,
    through_admin,
    through_import_table,
)
from tests.helpers import SEED_SLUG, exported_bundle, load_table, save_in_admin

pytestmark = pytest.mark.django_db

REASON = (
    f"“forditas” is a translation of “{SEED_SLUG}”, whose facts it states: link "
    f"the fact to “{SEED_SLUG}”."
)


@pytest.fixture
def translation(seeded):
    """The seed brief's Hungarian edition, under a short slug."""
    edition = seeded.translations.get()
    Publication.objects.filter(pk=edition.pk).update(slug="forditas")
    edition.refresh_from_db()
    return edition


def linking_file():
    return file_of(
        ["slug", "publications"], [[SEED_MEETING, f"{SEED_SLUG},forditas"]], "csv"
    )


def test_the_table_doors_refuse_a_fact_linked_to_a_translation(
    translation, editor, editor_client
):
    admin, command = each_door(
        lambda: through_admin(editor_client, "meeting", linking_file(), "csv"),
        lambda: through_import_table(editor, "meeting", linking_file(), "csv"),
    )

    assert admin == command
    [problem] = command["refused"]
    assert problem.startswith("Row 1, column “publications”")
    assert problem.endswith(f": {REASON}")


def test_the_bundle_doors_refuse_it_in_the_same_words(translation, tmp_path):
    objects = json.loads(exported_bundle())
    meeting = next(
        obj
        for obj in objects
        if obj["model"] == "briefs.meeting" and obj["fields"]["slug"] == SEED_MEETING
    )
    meeting["fields"]["publications"].append(["forditas"])
    objects.insert(0, {"model": "briefs.publication", "fields": bundle_fields()})

    answers = bundle_doors(tmp_path, json.dumps(objects).encode())

    for answer in answers:
        assert f", publications: {REASON}" in answer


def bundle_fields():
    """The translation as a bundle names it (so the bundle holds it too)."""
    edition = Publication.objects.get(slug="forditas")
    return {
        "slug": edition.slug,
        "title": edition.title,
        "series": edition.series,
        "publisher": edition.publisher,
        "publication_date": edition.publication_date.isoformat(),
        "language": "hu",
        "translation_of": [SEED_SLUG],
        "status": "draft",
    }


def test_the_admin_form_refuses_it_in_the_same_words(translation, editor_client):
    meeting = Meeting.objects.get(slug=SEED_MEETING)

    response = save_in_admin(
        editor_client,
        meeting,
        publications=[str(meeting.publications.get().pk), str(translation.pk)],
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["publications"] == [REASON]
    with pytest.raises(TableError):
        load_table("meeting", linking_file())


def test_the_facts_autocomplete_offers_no_translation(translation, editor_client):
    answer = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "",
            "app_label": "briefs",
            "model_name": "meeting",
            "field_name": "publications",
        },
    )

    assert [row["id"] for row in answer.json()["results"]] == [
        str(Publication.objects.get(slug=SEED_SLUG).pk)
    ]
