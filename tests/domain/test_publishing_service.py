"""The publishing service: the rule checked, the row written with its reason,
and ``brief_published`` / ``brief_unpublished`` announced once the write
commits, never for a write rolled back."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from briefs.domain import publishing
from briefs.models import Publication
from tests.factories import make_publication

pytestmark = pytest.mark.django_db

DRAFT = Publication.Status.DRAFT


@pytest.fixture
def announced():
    heard = []

    def listen(signal):
        def receiver(sender, publication, user, **kwargs):
            heard.append((signal, publication.slug, user))

        return receiver

    receivers = {
        publishing.brief_published: listen("published"),
        publishing.brief_unpublished: listen("unpublished"),
    }
    for signal, receiver in receivers.items():
        signal.connect(receiver)
    yield heard
    for signal, receiver in receivers.items():
        signal.disconnect(receiver)


def test_publishing_is_announced_once_the_write_commits(
    editor, announced, django_capture_on_commit_callbacks
):
    draft = make_publication("a-draft", status=DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publication_publish(publication=draft, user=editor)
        assert announced == []  # not before the commit
    assert announced == [("published", "a-draft", editor)]
    draft.refresh_from_db()
    assert draft.is_published and draft.published_at
    assert draft.history.first().history_change_reason == publishing.PUBLISHED
    assert draft.history.first().history_user == editor


def test_a_write_rolled_back_announces_nothing(
    editor, announced, django_capture_on_commit_callbacks
):
    draft = make_publication("a-draft", status=DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            publishing.publication_publish(publication=draft, user=editor)
            transaction.set_rollback(True)
    assert announced == []
    assert not Publication.objects.get().is_published


def test_deleting_a_published_brief_is_announced_as_taking_it_down(
    editor, announced, django_capture_on_commit_callbacks
):
    brief = make_publication("a-brief")
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publication_delete(publication=brief, user=editor)
    assert announced == [("unpublished", "a-brief", editor)]
    assert not Publication.objects.exists()


def test_the_service_refuses_an_editor_who_may_not_publish(writer, announced):
    draft = make_publication("a-draft", status=DRAFT)
    with pytest.raises(ValidationError):
        publishing.publication_publish(publication=draft, user=writer)
    brief = make_publication("a-brief")
    with pytest.raises(ValidationError):
        publishing.publication_unpublish(publication=brief, user=writer)
    with pytest.raises(ValidationError):
        publishing.publication_delete(publication=brief, user=writer)
    assert set(Publication.objects.values_list("slug", "status")) == {
        ("a-draft", DRAFT),
        ("a-brief", Publication.Status.PUBLISHED),
    }
    assert announced == []
