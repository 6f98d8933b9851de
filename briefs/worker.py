"""
The task worker, ``manage.py db_worker``: django-tasks-db's, with a lease on
the jobs it runs and patience with a database that restarts.

django-tasks-db marks a job RUNNING with its worker's id and nothing more, so
a worker that dies (``kill -9``, out of memory, its machine gone) leaves the
job RUNNING for ever (its issue #5), and its worker exits on the first
database error it meets outside a job. Here:

- Each worker holds a lease (``WorkerLease``), which a thread of its own
  renews every sixth of ``TASK_LEASE`` (30 s unless ``TASK_LEASE_SECONDS``).
  A RUNNING job whose worker has not renewed its lease for ``TASK_LEASE`` was
  lost: every worker looks for such jobs as it starts and at each renewal, so
  one is settled within ``TASK_LEASE`` and a renewal of its worker's death.
- A lost job is run again if running it twice is harmless (``RESUMABLE``:
  the publishing of scheduled briefs); any other fails with ``WorkerLost``,
  and django-tasks' ``task_finished`` is sent as for any failed job, so the
  job's owner lets go of what it held (an import, its upload).
- While the database does not answer, the worker waits and tries again
  rather than exit. A job the outage interrupted is settled as a lost one
  once the database answers; a resumable job that failed with a database
  error is queued again.
"""

import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connections, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from briefs.domain.publishing import publish_due_job
from briefs.models import WorkerLease

logger = logging.getLogger("briefs.worker")

# Job paths (``Task.module_path``) that are run again when their worker is
# lost: jobs harmless to run twice (publishing what is due publishes it once).
RESUMABLE = {publish_due_job.module_path}
# A job run this many times without finishing is failed, resumable or not: it
# may be what kills its worker.
MOST_ATTEMPTS = 5
# Seconds between attempts to reach a database that does not answer.
PATIENCE = (0.5, 1, 2, 4, 5)


class WorkerLost(Exception):
    """The worker running a job stopped before the job finished."""


def is_lost(job):
    """Whether ``job`` (a TaskResult or DBTaskResult) is RUNNING for a worker that is gone."""
    if job.status != TaskResultStatus.RUNNING:
        return False
    now = timezone.now()
    return (
        job.started_at < now - settings.TASK_LEASE
        and not WorkerLease.objects.filter(
            worker_id=last_worker(job), renewed_at__gt=now - settings.TASK_LEASE
        ).exists()
    )


def last_worker(job):
    """The id of the worker that claimed ``job`` last, or None."""
    return job.worker_ids[-1] if job.worker_ids else None


def first_line(error):
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def renew(worker_id):
    """The worker's lease, renewed now."""
    WorkerLease.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "renewed_at": timezone.now(),
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def settle_lost_jobs(besides=None):
    """Settle every job lost with its worker (not ``besides``'s, which is alive);
    forget the leases that ran out. Returns the jobs settled."""
    now = timezone.now()
    alive = set(
        WorkerLease.objects.filter(
            renewed_at__gt=now - settings.TASK_LEASE
        ).values_list("worker_id", flat=True)
    )
    settled = []
    for job in DBTaskResult.objects.running().filter(
        started_at__lt=now - settings.TASK_LEASE
    ):
        worker = last_worker(job)
        if worker not in alive and worker != besides:
            reason = (
                "The worker running this job stopped without finishing it "
                f"(no word from it for {settings.TASK_LEASE.total_seconds():g} s)."
            )
            if settle(job.id, worker, reason):
                settled.append(job.id)
    WorkerLease.objects.filter(renewed_at__lte=now - settings.TASK_LEASE).exclude(
        worker_id=besides
    ).delete()
    return settled


def settle(job_id, worker_id, reason):
    """Run again, or fail with ``WorkerLost``, a job ``worker_id`` did not finish.

    Nothing happens if the job is no longer that worker's running job (another
    worker settled it, or it finished after all). Returns whether it settled it.
    """
    with transaction.atomic():
        job = (
            DBTaskResult.objects.select_for_update()
            .filter(id=job_id, status=TaskResultStatus.RUNNING)
            .first()
        )
        if job is None or last_worker(job) != worker_id:
            return False
        if job.task_path in RESUMABLE and len(job.worker_ids) < MOST_ATTEMPTS:
            job.status = TaskResultStatus.READY
            job.save(update_fields=["status"])
            logger.warning("%s Job %s runs again.", reason, job.id)
            return True
        job.set_failed(WorkerLost(reason))
        logger.warning("%s Job %s failed.", reason, job.id)
    announce_finished(job)
    return True


def announce_finished(job):
    """django-tasks' ``task_finished``, as its worker sends it for a failed job."""
    try:
        result = job.task_result
    except ImportError:  # a job of code since removed: nobody to tell
        return
    task_finished.send(sender=type(result.task.get_backend()), task_result=result)


def requeue_if_database_failed(job):
    """A resumable job that failed with a database error (a restart) is queued again."""
    if (
        job.status == TaskResultStatus.FAILED
        and job.task_path in RESUMABLE
        and job.exception_class_path.startswith("django.db.")
        and len(job.worker_ids) < MOST_ATTEMPTS
    ):
        DBTaskResult.objects.filter(id=job.id, status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY, finished_at=None
        )
        logger.warning(
            "Job %s failed with the database (%s); it runs again.",
            job.id,
            job.exception_class_path,
        )


class Worker(db_worker.Worker):
    """The library's worker, holding a lease, and waiting for the database."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The job this worker claimed and has not seen to the end.
        self.current = None
        self.keeper = LeaseKeeper(self)

    def run(self):
        self.keeper.start()
        try:
            self.run_patiently()
        finally:
            self.keeper.stop()

    def run_patiently(self):
        attempt = 0
        while True:
            try:
                renew(self.worker_id)
                if self.current is not None:
                    settle(
                        self.current,
                        self.worker_id,
                        "The database went away while this job ran.",
                    )
                    self.current = None
                if attempt:
                    logger.warning("The database answers again.")
                    attempt = 0
                settle_lost_jobs(besides=self.worker_id)
                super().run()
                return
            except DatabaseError as error:
                # The library's loop stops at the first error that is not a
                # locked SQLite file; a database restarting is no reason to.
                if attempt == 0:
                    logger.warning(
                        "The database failed (%s); trying again.", first_line(error)
                    )
                db_worker.close_old_connections()
                time.sleep(PATIENCE[min(attempt, len(PATIENCE) - 1)])
                attempt += 1
                # A second start of the library's loop need not wait at random.
                self.startup_delay = False

    def run_task(self, db_task_result):
        self.current = db_task_result.id
        # The lease holds from the claim, whether or not the keeper has run yet.
        renew(self.worker_id)
        super().run_task(db_task_result)
        # The library recorded the outcome (else it raised, and ``current``
        # stays, to be settled once the database answers).
        self.current = None
        requeue_if_database_failed(db_task_result)


class LeaseKeeper(threading.Thread):
    """Renews its worker's lease and settles other workers' lost jobs, every
    sixth of ``TASK_LEASE``, on a database connection of its own."""

    def __init__(self, worker):
        super().__init__(name="lease-keeper", daemon=True)
        self.worker = worker
        self.stopping = threading.Event()

    def run(self):
        interval = settings.TASK_LEASE.total_seconds() / 6
        failing = False
        while not self.stopping.wait(interval):
            try:
                renew(self.worker.worker_id)
                settle_lost_jobs(besides=self.worker.worker_id)
                failing = False
            except DatabaseError as error:
                if not failing:
                    logger.warning("Cannot renew the lease: %s", first_line(error))
                failing = True
            # This thread's connections: a broken one is closed, to be made anew.
            close_old_connections()
        connections.close_all()

    def stop(self):
        self.stopping.set()
        self.join(timeout=2)
