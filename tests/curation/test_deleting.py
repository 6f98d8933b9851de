"""Deleting a published brief takes it down: only an editor who may publish
does, whichever admin page it starts from. A draft anyone who edits may delete."""

import pytest
from django.contrib.admin import helpers

from briefs.models import Evidence, Publication
from tests.helpers import BRIEF_URL, admin_url, load_seed, text_of
from tests.snapshots import restored

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeded_in_english):
    """The seed brief in one edition (an original with translations is
    deleted only after them: the last test)."""
    return seeded_in_english


def delete_on_its_page(client, publication):
    return client.post(
        admin_url(Publication, "delete", publication.pk), {"post": "yes"}
    )


def delete_through_the_action(client, publication):
    return client.post(
        admin_url(Publication, "changelist"),
        {
            "action": "delete_selected",
            helpers.ACTION_CHECKBOX_NAME: [publication.pk],
            "post": "yes",
        },
    )


@pytest.mark.parametrize("delete", [delete_on_its_page, delete_through_the_action])
def test_an_editor_who_may_not_publish_cannot_delete_a_published_brief(
    seeded, writer_client, client, delete
):
    evidence = Evidence.objects.filter(publication=seeded).count()
    assert evidence
    response = delete(writer_client, seeded)
    assert response.status_code in (200, 302, 403)
    assert Publication.objects.filter(pk=seeded.pk).exists()
    assert Evidence.objects.filter(publication=seeded).count() == evidence
    assert client.get(BRIEF_URL).status_code == 200


def test_the_delete_page_tells_an_editor_who_may_not_publish_why(seeded, writer_client):
    page = writer_client.get(admin_url(Publication, "delete", seeded.pk))
    assert page.status_code == 403


@pytest.mark.parametrize("delete", [delete_on_its_page, delete_through_the_action])
def test_an_editor_who_may_not_publish_deletes_a_draft(seeded, writer_client, delete):
    seeded.status = Publication.Status.DRAFT
    seeded.published_at = None
    seeded.save()
    assert delete(writer_client, seeded).status_code == 302
    assert not Publication.objects.filter(pk=seeded.pk).exists()


@pytest.mark.parametrize("delete", [delete_on_its_page, delete_through_the_action])
def test_a_publisher_deletes_a_published_brief_and_readers_no_longer_find_it(
    seeded, editor_client, client, delete
):
    assert client.get(BRIEF_URL).status_code == 200
    assert delete(editor_client, seeded).status_code == 302
    assert not Publication.objects.filter(pk=seeded.pk).exists()
    assert client.get(BRIEF_URL).status_code == 404
    assert client.get("/api/actors/keith-kellogg").status_code == 404


@pytest.mark.parametrize("delete", [delete_on_its_page, delete_through_the_action])
def test_an_original_is_deleted_only_after_its_translations(
    seeded_with_its_translation, editor_client, client, delete
):
    seeded = seeded_with_its_translation
    translation = seeded.translations.get()

    response = delete(editor_client, seeded)

    # The page names the translation that keeps it.
    assert response.status_code == 200
    assert "protected related objects" in text_of(response)
    assert translation.title in text_of(response)
    assert Publication.objects.filter(pk=seeded.pk).exists()
    assert client.get(BRIEF_URL).status_code == 200
    assert delete(editor_client, translation).status_code == 302
    assert delete(editor_client, seeded).status_code == 302
    assert not Publication.objects.exists()


@pytest.fixture
def seeded_with_its_translation(seed_snapshot, db):
    """The seeded database as shipped (``seeded`` is overridden above)."""
    restored(seed_snapshot, load_seed)
    return Publication.objects.get(translation_of=None)
