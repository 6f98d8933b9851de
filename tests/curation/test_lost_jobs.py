"""A job whose worker died is noticed and settled: an import fails saying that
nothing was written and lets its upload go; the publishing of scheduled
briefs, harmless to run twice, runs again. A worker waits for a database
that does not answer instead of exiting (issue 19, findings 1 and 2)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet
from pytest_django.asserts import assertContains, assertNotContains

from briefs import models, worker
from briefs.curation import jobs
from briefs.domain import publishing
from briefs.domain.publishing import publish_due_job
from briefs.models import Publication, Upload, WorkerLease
from tests.factories import make_publication
from tests.helpers import admin_confirm, admin_upload

pytestmark = pytest.mark.django_db

ROWS = "slug,name\na,A\nb,B\n"


@pytest.fixture
def background(settings):
    """Every import of more than one row goes to the background."""
    settings.IMPORT_BACKGROUND_ROWS = 1


def ago(seconds):
    return timezone.now() - datetime.timedelta(seconds=seconds)


def claimed_by(job_id, worker_id, seconds_ago=60):
    """The job as a worker leaves it when it dies mid-job: RUNNING, its id on it."""
    job = DBTaskResult.objects.get(id=job_id)
    job.claim(worker_id)
    DBTaskResult.objects.filter(id=job_id).update(started_at=ago(seconds_ago))
    return job


def lease(worker_id, seconds_ago):
    WorkerLease.objects.create(worker_id=worker_id, renewed_at=ago(seconds_ago), pid=1)


def import_job(editor_client, run_worker):
    """A confirmed background import of two authors, waiting for a worker."""
    preview = admin_upload(editor_client, models.Author, ROWS, "authors.csv")
    run_worker()
    done = admin_confirm(editor_client, models.Author, editor_client.get(preview.url))
    job_id = done.url.rstrip("/").rsplit("/", 1)[1]
    return done.url, DBTaskResult.objects.get(id=job_id)


def test_an_import_whose_worker_died_fails_saying_nothing_was_written(
    editor_client, background, run_worker
):
    page, job = import_job(editor_client, run_worker)
    upload_id = job.args_kwargs["args"][1]
    assert Upload.objects.filter(pk=upload_id).exists()
    claimed_by(job.id, "killed-worker")
    lease("killed-worker", seconds_ago=45)
    cache.set(jobs.progress_key(job.id), {"stage": "importing", "done": 1, "total": 2})

    # Any worker settles it: as it starts, or its lease keeper every few seconds.
    run_worker()

    job.refresh_from_db()
    assert job.status == TaskResultStatus.FAILED
    assert job.exception_class_path == "briefs.worker.WorkerLost"
    result = editor_client.get(page)
    assertContains(result, "stopped before it finished, at 1 of 2 rows (importing)")
    assertContains(result, "nothing was imported")
    assertNotContains(result, 'http-equiv="refresh"')
    assert not models.Author.objects.exists()
    assert not Upload.objects.filter(pk=upload_id).exists(), "the upload is let go"
    assert not WorkerLease.objects.filter(worker_id="killed-worker").exists()


def test_the_curators_page_says_so_before_any_worker_settles_the_job(
    editor_client, background, run_worker
):
    page, job = import_job(editor_client, run_worker)
    claimed_by(job.id, "killed-worker")

    result = editor_client.get(page)

    assertContains(result, "stopped before it finished")
    assertNotContains(result, "updates itself")


def test_a_job_whose_worker_renews_its_lease_is_left_alone(
    editor_client, background, run_worker
):
    page, job = import_job(editor_client, run_worker)
    claimed_by(job.id, "busy-worker", seconds_ago=600)
    lease("busy-worker", seconds_ago=1)

    assert worker.settle_lost_jobs() == []

    job.refresh_from_db()
    assert job.status == TaskResultStatus.RUNNING
    assertContains(editor_client.get(page), "updates itself")


def test_a_job_just_claimed_is_not_taken_for_lost(editor_client, background):
    upload = admin_upload(editor_client, models.Author, ROWS)
    job_id = upload.url.rstrip("/").rsplit("/", 1)[1]
    claimed_by(job_id, "a-worker-without-a-lease-yet", seconds_ago=1)

    assert worker.settle_lost_jobs() == []


def test_scheduled_publishing_whose_worker_died_runs_again(run_worker):
    brief = make_publication("due", status=Publication.Status.IN_REVIEW)
    Publication.objects.filter(pk=brief.pk).update(publish_at=ago(5))
    job = publish_due_job.enqueue()
    claimed_by(job.id, "killed-worker")

    run_worker()

    brief.refresh_from_db()
    assert brief.is_published
    result = DBTaskResult.objects.get(id=job.id)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert len(result.worker_ids) == 2


def test_a_resumable_job_that_killed_its_worker_too_often_fails(run_worker):
    job = publish_due_job.enqueue()
    DBTaskResult.objects.filter(id=job.id).update(worker_ids=["w1", "w2", "w3", "w4"])
    claimed_by(job.id, "w5")

    run_worker()

    assert DBTaskResult.objects.get(id=job.id).status == TaskResultStatus.FAILED


def test_the_worker_waits_for_a_database_that_does_not_answer(monkeypatch, run_worker):
    brief = make_publication("due", status=Publication.Status.IN_REVIEW)
    Publication.objects.filter(pk=brief.pk).update(publish_at=ago(5))
    publish_due_job.enqueue()
    ready = DBTaskResultQuerySet.ready
    answers = iter([False, False])

    def restarting(queryset):
        if next(answers, True):
            return ready(queryset)
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(DBTaskResultQuerySet, "ready", restarting)
    monkeypatch.setattr(worker.time, "sleep", lambda seconds: None)

    run_worker()

    brief.refresh_from_db()
    assert brief.is_published


def test_scheduled_publishing_that_failed_with_the_database_runs_again(
    monkeypatch, run_worker
):
    brief = make_publication("due", status=Publication.Status.IN_REVIEW)
    Publication.objects.filter(pk=brief.pk).update(publish_at=ago(5))
    job = publish_due_job.enqueue()
    failures = iter([OperationalError("terminating connection: administrator command")])

    def restarting(publish_due=publishing.publish_due):
        if error := next(failures, None):
            raise error
        return publish_due()

    monkeypatch.setattr(publishing, "publish_due", restarting)

    run_worker()

    brief.refresh_from_db()
    assert brief.is_published
    assert DBTaskResult.objects.get(id=job.id).status == TaskResultStatus.SUCCESSFUL
