"""Draft → in review → published: only an editor who may publish publishes,
unpublishes or schedules, through the admin's form, its actions and an import."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains, assertNotContains

from briefs.domain.rules import check_publishing
from briefs.exchange.tables import TableError, import_table
from briefs.models import Publication
from tests.factories import make_publication
from tests.helpers import admin_upload, admin_url, form_data

pytestmark = pytest.mark.django_db

DRAFT = Publication.Status.DRAFT
IN_REVIEW = Publication.Status.IN_REVIEW
PUBLISHED = Publication.Status.PUBLISHED


def post_change(client, publication, **changes):
    page = client.get(admin_url(Publication, "change", publication.pk))
    return client.post(
        admin_url(Publication, "change", publication.pk), form_data(page) | changes
    )


def soon():
    return timezone.now() + datetime.timedelta(hours=1)


# --- The rule ---------------------------------------------------------------------


def test_the_rule_lets_a_publisher_and_the_command_line_publish(editor, writer):
    draft = make_publication("a-draft", status=DRAFT)
    published = Publication(status=PUBLISHED)
    check_publishing(editor, published, draft)
    check_publishing(None, published, draft)
    with pytest.raises(ValidationError) as refused:
        check_publishing(writer, published, draft)
    assert "submit it for review" in refused.value.message_dict["status"][0]


def test_the_rule_lets_anyone_submit_for_review_but_only_a_publisher_schedule(
    writer,
):
    draft = make_publication("a-draft", status=DRAFT)
    check_publishing(writer, Publication(status=IN_REVIEW), draft)
    with pytest.raises(ValidationError) as refused:
        check_publishing(
            writer, Publication(status=IN_REVIEW, publish_at=soon()), draft
        )
    assert list(refused.value.message_dict) == ["publish_at"]


def test_a_published_brief_cannot_also_be_scheduled():
    brief = make_publication("a-brief")
    brief.publish_at = soon()
    with pytest.raises(ValidationError):
        brief.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        brief.save()


# --- The admin's form ----------------------------------------------------------------


def test_an_editor_who_may_not_publish_submits_a_draft_for_review(writer_client):
    draft = make_publication("a-draft", status=DRAFT)
    page = writer_client.get(admin_url(Publication, "change", draft.pk))
    assertContains(page, '<option value="in_review">In review</option>', html=True)
    assertNotContains(page, 'value="published"')
    response = post_change(writer_client, draft, status=IN_REVIEW)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == IN_REVIEW
    assert draft.published_at is None


def test_an_editor_who_may_not_publish_cannot_publish_through_the_form(writer_client):
    draft = make_publication("a-draft", status=IN_REVIEW)
    response = post_change(writer_client, draft, status=PUBLISHED)
    assert response.status_code == 200
    assertContains(response, "Select a valid choice")
    draft.refresh_from_db()
    assert draft.status == IN_REVIEW


def test_an_editor_who_may_not_publish_cannot_schedule_or_unpublish(writer_client):
    draft = make_publication("a-draft", status=IN_REVIEW)
    page = writer_client.get(admin_url(Publication, "change", draft.pk))
    assertNotContains(page, 'name="publish_at_0"')
    post_change(writer_client, draft, publish_at_0="2030-01-01", publish_at_1="09:00")
    draft.refresh_from_db()
    assert draft.publish_at is None

    brief = make_publication("a-brief")
    page = writer_client.get(admin_url(Publication, "change", brief.pk))
    assertNotContains(page, 'name="status"')
    response = post_change(writer_client, brief, status=DRAFT)
    assert response.status_code == 302  # the rest of the form is saved
    brief.refresh_from_db()
    assert brief.is_published


def test_a_publisher_publishes_a_brief_in_review(editor_client):
    brief = make_publication("a-brief", status=IN_REVIEW)
    response = post_change(editor_client, brief, status=PUBLISHED)
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.is_published and brief.published_at is not None


def test_a_publisher_schedules_a_brief_and_a_job_waits_for_its_time(editor_client):
    brief = make_publication("a-brief", status=IN_REVIEW)
    response = post_change(
        editor_client, brief, publish_at_0="2030-01-01", publish_at_1="09:00:00"
    )
    assert response.status_code == 302, response.context["errors"]
    brief.refresh_from_db()
    assert brief.is_scheduled and not brief.is_published
    job = DBTaskResult.objects.get(task_path__endswith="publish_due_job")
    assert job.run_after == brief.publish_at


def test_publishing_now_clears_the_schedule(editor_client):
    brief = make_publication("a-brief", status=IN_REVIEW, publish_at=soon())
    post_change(editor_client, brief, status=PUBLISHED)
    brief.refresh_from_db()
    assert brief.is_published and brief.publish_at is None


# --- The admin's actions ----------------------------------------------------------------


def run_action(client, action, *publications):
    return client.post(
        admin_url(Publication, "changelist"),
        {
            "action": action,
            admin.helpers.ACTION_CHECKBOX_NAME: [p.pk for p in publications],
        },
        follow=True,
    )


def test_the_submit_for_review_action_moves_drafts_on(writer_client):
    draft = make_publication("a-draft", status=DRAFT)
    response = run_action(writer_client, "submit_for_review", draft)
    assertContains(response, "Submitted 1 brief for review.")
    draft.refresh_from_db()
    assert draft.status == IN_REVIEW


def test_the_publish_actions_are_a_publishers_only(writer_client, editor_client):
    brief = make_publication("a-brief", status=IN_REVIEW)
    changelist = writer_client.get(admin_url(Publication, "changelist"))
    assertContains(changelist, 'value="submit_for_review"')
    assertNotContains(changelist, 'value="publish"')
    assertNotContains(changelist, 'value="unpublish"')
    run_action(writer_client, "publish", brief)
    brief.refresh_from_db()
    assert brief.status == IN_REVIEW

    response = run_action(editor_client, "publish", brief)
    assertContains(response, "Published 1 brief.")
    brief.refresh_from_db()
    assert brief.is_published


# --- A file ------------------------------------------------------------------------------


def publication_csv(status, publish_at=""):
    return (
        "slug,series,title,publisher,publication_date,status,published_at,publish_at\n"
        f"a-brief,A Series,A brief,An Institute,2025-03-01,{status},"
        f"{'2025-03-01T09:00:00Z' if status == PUBLISHED else ''},{publish_at}\n"
    ).encode()


def test_a_file_cannot_publish_or_schedule_for_an_editor_who_may_not(writer):
    make_publication("a-brief", status=IN_REVIEW)
    with pytest.raises(TableError) as refused:
        import_table("publication", publication_csv(PUBLISHED), "csv", user=writer)
    assert [(p.row, p.column) for p in refused.value.problems] == [(1, "status")]
    with pytest.raises(TableError) as refused:
        import_table(
            "publication",
            publication_csv(IN_REVIEW, "2030-01-01T09:00:00Z"),
            "csv",
            user=writer,
        )
    assert [(p.row, p.column) for p in refused.value.problems] == [(1, "publish_at")]
    assert Publication.objects.get().status == IN_REVIEW


def test_a_file_publishes_for_a_publisher_and_at_the_command_line(editor):
    make_publication("a-brief", status=IN_REVIEW)
    import_table("publication", publication_csv(PUBLISHED), "csv", user=editor)
    assert Publication.objects.get().is_published
    import_table("publication", publication_csv(DRAFT), "csv")
    assert Publication.objects.get().status == DRAFT


def test_the_admin_import_refuses_publishing_for_an_editor_who_may_not(writer_client):
    make_publication("a-brief", status=IN_REVIEW)
    response = admin_upload(writer_client, Publication, publication_csv(PUBLISHED))
    assertContains(response, "Only an editor who may publish")
    assert Publication.objects.get().status == IN_REVIEW
