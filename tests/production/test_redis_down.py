"""With Redis down the site degrades clearly: sign-ins, edits and admin imports
go on or say why, never a 500; no answer kept before an edit is served after it."""

import pytest
from django.conf import settings
from pytest_django.asserts import assertContains

from briefs import models
from briefs.reading import caching
from tests.factories import PASSWORD, make_user
from tests.helpers import (
    BRIEF_URL,
    admin_confirm,
    admin_upload,
    closed_port,
    redis_at,
    save_in_admin,
)

API_URL = "/api/briefs/"


def sign_in(client, password):
    return client.post(
        "/admin/login/?next=/admin/", {"username": "edna", "password": password}
    )


@pytest.mark.django_db
def test_signing_in_and_locking_out_need_no_cache(client, redis_down):
    make_user("edna", "Editor")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 429


def test_an_edit_saves_and_no_answer_kept_before_it_is_served_after(
    seeded, editor_client, client, settings, monkeypatch
):
    working = settings.CACHES
    assert "Kellogg" in client.get(API_URL).content.decode()  # now kept

    monkeypatch.setattr(caching, "outage", caching.Outage())
    settings.CACHES = redis_at(closed_port())
    saved = save_in_admin(editor_client, seeded, title="A New Title")
    assert saved.status_code == 302
    seeded.refresh_from_db()
    assert seeded.title == "A New Title"
    assert "A New Title" in client.get(API_URL).content.decode()  # uncached
    assert "A New Title" in client.get(BRIEF_URL).content.decode()

    # The cache answers again, still holding the answer from before the edit:
    # the edit moved the generation on, so it is never served.
    settings.CACHES = working
    monkeypatch.setattr(caching.outage, "retry_at", 0)
    assert "A New Title" in client.get(API_URL).content.decode()


def test_an_import_is_previewed_and_confirmed_with_the_cache_down(
    editor_client, redis_down
):
    # The upload waits in the database, not in the cache (issue 19, finding 5).
    preview = admin_upload(editor_client, models.Author, "slug,name\na,A\n")
    assertContains(preview, "Confirm import")
    admin_confirm(editor_client, models.Author, preview)
    assert models.Author.objects.filter(slug="a").exists()


def test_an_import_previewed_before_the_cache_went_down_is_confirmed(
    editor_client, settings, monkeypatch
):
    preview = admin_upload(editor_client, models.Author, "slug,name\na,A\n")
    monkeypatch.setattr(caching, "outage", caching.Outage())
    settings.CACHES = redis_at(closed_port())
    admin_confirm(editor_client, models.Author, preview)
    assert models.Author.objects.filter(slug="a").exists()
