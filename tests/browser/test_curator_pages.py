"""A meeting's change page a curator can work in (issue 24): evidence one line
each until opened, the title whole, a time-zone note only where a time is."""

import pytest

from briefs.models import Meeting, Publication
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def curator(live_server, browser, seeded):
    make_user("edna", "Editor")
    # Far from the server's zone, so Django would note the difference.
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, timezone_id="America/New_York"
    )
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "edna")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("#site-name")
    yield page
    context.close()


def test_the_meeting_page_shows_evidence_one_line_each_until_opened(
    live_server, curator
):
    meeting = Meeting.objects.filter(evidence__isnull=False).distinct().first()
    curator.goto(live_server.url + f"/admin/briefs/meeting/{meeting.pk}/change/")
    curator.wait_for_load_state("load")
    quotes = curator.locator(".inline-related:not(.empty-form) textarea[name$=-quote]")
    assert quotes.count() >= 1
    assert not quotes.first.is_visible()
    curator.locator(".inline-related:not(.empty-form) summary").first.click()
    assert quotes.first.is_visible()
    # The whole title shows in its input.
    assert curator.locator("#id_title_en").evaluate(
        "input => input.scrollWidth <= input.clientWidth"
    )
    # The publication chip's "×" and the "clear all ×" beside its title, not over it.
    overlaps = curator.locator(
        ".field-publications li.select2-selection__choice"
    ).first.evaluate(
        """chip => {
            const remove = chip.querySelector('.select2-selection__choice__remove')
                .getBoundingClientRect();
            const words = document.createRange();
            words.selectNodeContents(chip.lastChild);
            const text = words.getBoundingClientRect();
            const clear = chip.closest('.select2-selection')
                .querySelector('.select2-selection__clear').getBoundingClientRect();
            return [remove.right > text.left, clear.left < chip.getBoundingClientRect().right];
        }"""
    )
    assert overlaps == [False, False]
    # A date-only field carries no time-zone note.
    assert curator.locator("#id_date").is_visible()
    assert curator.locator(".timezonewarning").count() == 0


def test_a_time_zone_note_stays_under_a_field_with_a_time(live_server, curator):
    brief = Publication.objects.first()
    curator.goto(live_server.url + f"/admin/briefs/publication/{brief.pk}/change/")
    curator.wait_for_load_state("load")
    notes = curator.locator(".timezonewarning")
    assert notes.count() >= 1
    for index in range(notes.count()):
        assert notes.nth(index).locator("xpath=..").locator(".vTimeField").count()
