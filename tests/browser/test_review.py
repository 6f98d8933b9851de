"""The next brief, from its text to the public site, in a real browser: an
editor who may not publish adds it from its text, accepts two of the facts
it proposes and submits it for review; a publisher schedules it a few
seconds ahead, and it appears on the public site at its time, published by
the worker with nobody signed in."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from briefs.models import IngestProposal, Publication
from tests.factories import PASSWORD, make_user, make_writer
from tests.helpers import (
    SCREENSHOTS_DIR,
    TWO_AUTHORS_SLUG,
    TWO_AUTHORS_TEXT,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AHEAD = datetime.timedelta(seconds=6)


def signed_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("#site-name")
    return page


def accept(page, words, button):
    """Accept the proposal whose sentences hold ``words``."""
    row = page.locator("#proposals-group tbody tr", has_text=words).first
    row.get_by_role("button", name=button).click()


def test_a_brief_goes_from_its_text_through_review_to_the_public_at_its_time(
    browser, live_server, task_worker, seeded
):
    make_writer("wanda")
    make_user("edna", "Editor")

    # An editor who may not publish adds the brief from its text …
    writer = signed_in(browser, live_server, "wanda")
    writer.goto(live_server.url + "/admin/briefs/publication/")
    writer.get_by_role("link", name="Add a brief from its text").click()
    writer.set_input_files("#id_text_file", TWO_AUTHORS_TEXT)
    writer.get_by_role("button", name="Preview").click()
    writer.get_by_role("button", name="Confirm: create the draft").click()
    expect(writer.locator(".messagelist .success")).to_contain_text(
        "was created from its text"
    )
    brief = Publication.objects.get(slug=TWO_AUTHORS_SLUG)
    change = f"{live_server.url}/admin/briefs/publication/{brief.pk}/change/"

    # … accepts two of the facts it proposes: an actor it names, and a date
    # it gives (a meeting form opens, filled in) …
    accept(writer, "Lukashenka's answer", "Accept")
    expect(writer.locator(".messagelist .success")).to_contain_text(
        "“Alexander Lukashenko” is now an actor of this brief."
    )
    accept(writer, "12 June 2025", "Accept: add the meeting")
    writer.wait_for_selector("#meeting_form")
    assert writer.input_value("#id_date") == "2025-06-12"
    accepted = brief.proposals.filter(status=IngestProposal.Status.ACCEPTED)
    assert accepted.count() == 2

    # … and, as it may not publish, can only send it for review.
    writer.goto(change)
    options = writer.locator("#id_status option").all_inner_texts()
    assert options == ["Draft", "In review"]
    assert writer.locator("#id_publish_at_0").count() == 0
    writer.select_option("#id_status", "in_review")
    writer.screenshot(path=SCREENSHOTS_DIR / "review-1-submit.png", full_page=True)
    writer.get_by_role("button", name="Save", exact=True).click()
    expect(writer.locator(".messagelist .success")).to_be_visible()
    writer.context.close()
    brief.refresh_from_db()
    assert brief.status == Publication.Status.IN_REVIEW

    # A publisher schedules it a few seconds ahead.
    publisher = signed_in(browser, live_server, "edna")
    publisher.goto(change)
    at = (timezone.localtime() + AHEAD).replace(microsecond=0)
    publisher.fill("#id_publish_at_0", at.strftime("%Y-%m-%d"))
    publisher.fill("#id_publish_at_1", at.strftime("%H:%M:%S"))
    publisher.screenshot(path=SCREENSHOTS_DIR / "review-2-schedule.png", full_page=True)
    publisher.get_by_role("button", name="Save", exact=True).click()
    expect(publisher.locator(".messagelist .success")).to_be_visible()
    publisher.context.close()

    # A reader with no account: nothing before its time, the brief at it.
    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    url = live_server.url + brief.get_absolute_url()
    assert reader.goto(url).status == 404
    reader.goto(live_server.url + "/")
    expect(reader.locator("body")).not_to_contain_text(brief.title)

    deadline = at + datetime.timedelta(seconds=20)
    while (status := reader.goto(url).status) == 404 and timezone.now() < deadline:
        reader.wait_for_timeout(500)
    assert status == 200
    assert timezone.now() >= at
    expect(reader.locator("h1")).to_have_text(brief.title)
    reader.screenshot(path=SCREENSHOTS_DIR / "review-3-public.png")
    reader.goto(live_server.url + "/")
    expect(reader.locator("body")).to_contain_text(brief.title)
    assert brief.title in reader.goto(live_server.url + "/feed/").text()
    reader.context.close()
    brief.refresh_from_db()
    assert brief.is_published and brief.publish_at is None
