"""A scheduled brief goes public at its time with nobody signed in: the job
scheduling gave it, which the worker runs (or ``publish_scheduled`` at once);
the page, the feed and the sitemap follow."""

import csv
import datetime
import io
import json
import time

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from briefs.domain.publishing import SCHEDULED_REASON, publish_due, publish_due_job
from briefs.models import Publication
from tests.factories import make_publication
from tests.helpers import (
    admin_url,
    csv_text,
    exported_bundle,
    exported_table,
    form_data,
    load_table,
)

pytestmark = pytest.mark.django_db

IN_REVIEW = Publication.Status.IN_REVIEW


def ago(seconds):
    return timezone.now() - datetime.timedelta(seconds=seconds)


def test_only_the_briefs_whose_time_has_come_are_published():
    due = make_publication("due", status=IN_REVIEW, publish_at=ago(5))
    later = make_publication("later", status=IN_REVIEW, publish_at=ago(-3600))
    unscheduled = make_publication("unscheduled", status=IN_REVIEW)
    assert publish_due() == 1
    for brief in (due, later, unscheduled):
        brief.refresh_from_db()
    assert due.is_published and due.publish_at is None and due.published_at
    assert due.history.first().history_change_reason == SCHEDULED_REASON
    assert later.is_scheduled and unscheduled.status == IN_REVIEW
    assert publish_due() == 0


def test_a_brief_scheduled_in_the_admin_goes_public_when_the_worker_runs_at_its_time(
    editor_client, client, run_worker
):
    brief = make_publication("a-brief", status=IN_REVIEW, title="The scheduled brief")
    # A reader's browser revalidates the feed and the sitemap with their ETags.
    etags = {url: client.get(url)["ETag"] for url in ("/feed/", "/sitemap.xml", "/")}
    at = (timezone.localtime() + datetime.timedelta(seconds=2)).replace(microsecond=0)
    page = editor_client.get(admin_url(Publication, "change", brief.pk))
    editor_client.post(
        admin_url(Publication, "change", brief.pk),
        form_data(page)
        | {
            "publish_at_0": at.strftime("%Y-%m-%d"),
            "publish_at_1": at.strftime("%H:%M:%S"),
        },
    )
    run_worker()  # too early: the job waits for its time
    assert client.get(brief.get_absolute_url()).status_code == 404

    time.sleep(max(0, (at - timezone.localtime()).total_seconds()) + 0.2)
    run_worker()
    assert client.get(brief.get_absolute_url()).status_code == 200
    assert "The scheduled brief" in client.get("/feed/").content.decode()
    assert "/briefs/a-brief/" in client.get("/sitemap.xml").content.decode()
    assert "The scheduled brief" in client.get("/").content.decode()
    for url, etag in etags.items():
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200, url


def test_a_stale_job_publishes_nothing_before_its_time():
    brief = make_publication("a-brief", status=IN_REVIEW, publish_at=ago(-3600))
    publish_due_job.call()
    brief.refresh_from_db()
    assert not brief.is_published


def test_publish_scheduled_publishes_what_is_due_at_once():
    brief = make_publication("a-brief", status=IN_REVIEW, publish_at=ago(60))
    out = io.StringIO()
    call_command("publish_scheduled", "--dry-run", stdout=out)
    assert "Due: a-brief" in out.getvalue()
    brief.refresh_from_db()
    assert not brief.is_published

    call_command("publish_scheduled", stdout=out)
    assert "Published 1 brief(s)." in out.getvalue()
    brief.refresh_from_db()
    assert brief.is_published


def scheduled_by_a_table(brief, at):
    rows = list(csv.DictReader(io.StringIO(exported_table("publication").decode())))
    rows[0]["publish_at"] = at.isoformat()
    load_table("publication", csv_text([list(rows[0]), list(rows[0].values())]))


def scheduled_by_a_bundle(brief, at, tmp_path):
    objects = json.loads(exported_bundle(brief.slug))
    publication = next(o for o in objects if o["model"] == "briefs.publication")
    publication["fields"]["publish_at"] = at.isoformat()
    path = tmp_path / "brief.json"
    path.write_text(json.dumps(objects))
    call_command("import_brief", str(path), stdout=io.StringIO())


@pytest.mark.parametrize("door", ["table", "bundle"])
def test_a_brief_scheduled_through_any_door_gets_its_job(door, tmp_path):
    brief = make_publication("a-brief", status=IN_REVIEW)
    at = (timezone.now() + datetime.timedelta(hours=1)).replace(microsecond=0)
    if door == "table":
        scheduled_by_a_table(brief, at)
    else:
        scheduled_by_a_bundle(brief, at, tmp_path)
    brief.refresh_from_db()
    assert brief.publish_at == at
    job = DBTaskResult.objects.get(task_path__endswith="publish_due_job")
    assert job.run_after == at
