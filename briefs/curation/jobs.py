"""
Background jobs of the admin: imports too large for a request.

Both steps of the admin import of a large file, the preview (a dry run) and
the confirm, enqueue ``import_upload`` (django-tasks, whose database backend
works on SQLite and PostgreSQL; ``manage.py db_worker`` runs it) and send the
curator to a page that shows its progress, then what confirming will do and
the confirm button, or the result, or every problem; the curator may leave
it and come back. The file waits in the database (``models.Upload``), where
the upload put it, until the confirm's job has written it, or until a job
refuses it or fails (an error, or its worker lost: briefs/worker.py), when
nothing will confirm it; one left behind goes a day later. Only the
progress is in the cache, which may forget it. A written
import is logged and announced as the confirm in the request does it
(``CurationAdmin.imported``).

(The job that publishes a scheduled brief at its time is the publishing
service's: ``briefs.domain.publishing.publish_due_job``.)
"""

import dataclasses
from contextlib import suppress

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import translation
from django_tasks import TaskResultStatus, task
from redis.exceptions import RedisError

from briefs import worker
from briefs.exchange.tables import TableError, import_table
from briefs.exchange.tables.files import Limits
from briefs.models import Upload

PROGRESS_LIFETIME = 24 * 60 * 60


def progress_key(job_id):
    return f"briefs-import-job-{job_id}"


def progress_of(job_id):
    """How far a job has gone, or None if it has not said or the cache is away."""
    try:
        return cache.get(progress_key(job_id))
    except RedisError:
        return None


@task(takes_context=True)
def import_upload(
    context,
    model_name,
    upload_id,
    file_format,
    file_name,
    user_id,
    confirm=None,
    language=None,
):
    """Import an upload waiting in the database; the result says what was written, or why not.

    With ``confirm`` (the initial data of the library's confirm form) the
    import is the preview's dry run: the upload stays for the confirm, and
    the result says what confirming will do. The problems are said in
    ``language``, that of the curator who started the job (the worker's own,
    the site's default, without it).
    """
    with translation.override(language):
        return run_import(
            context, model_name, upload_id, file_format, file_name, user_id, confirm
        )


def run_import(
    context, model_name, upload_id, file_format, file_name, user_id, confirm
):
    dry_run = confirm is not None
    key = progress_key(context.task_result.id)

    def progress(stage, done, total):
        # Progress is shown when the cache answers; the import needs none.
        with suppress(RedisError):
            cache.set(
                key, {"stage": stage, "done": done, "total": total}, PROGRESS_LIFETIME
            )

    data = Upload.objects.data_of(upload_id)
    if data is None:
        return {"gone": True}
    user = get_user_model().objects.filter(pk=user_id).first()
    try:
        result = import_table(
            model_name,
            data,
            file_format,
            user=user,
            file_name=file_name,
            progress=progress,
            limits=Limits.from_settings(),
            dry_run=dry_run,
        )
    except TableError as error:
        Upload.objects.release(upload_id)  # refused: there is nothing to confirm
        return {"problems": [dataclasses.asdict(problem) for problem in error.problems]}
    counts = {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "deleted": result.deleted,
    }
    if dry_run:
        return {**counts, "changes": result.changes_as_text()}
    Upload.objects.release(upload_id)
    admin.site.get_model_admin(result.model).imported(result, user)
    return counts


def worker_lost(job):
    """Whether the worker running ``job`` stopped before it finished: the job
    failed so, or is still RUNNING for a worker whose lease has run out."""
    lost = f"{worker.WorkerLost.__module__}.{worker.WorkerLost.__qualname__}"
    if job.status == TaskResultStatus.FAILED:
        return any(error.exception_class_path == lost for error in job.errors)
    return worker.is_lost(job)


def release_upload(sender, task_result, **kwargs):
    """A failed import job lets its upload go (django-tasks' ``task_finished``):
    whether it raised or its worker was lost, nothing will confirm it."""
    if (
        task_result.task.module_path == import_upload.module_path
        and task_result.status == TaskResultStatus.FAILED
    ):
        Upload.objects.release(task_result.args[1])
