"""A change page saves in a bounded number of queries, inlines included: the
seed meeting with its participants and seven pieces of evidence."""

import pytest

from briefs.models import Meeting
from tests.helpers import admin_url, form_data

pytestmark = pytest.mark.django_db

MEETING = "kellogg-lukashenko-minsk-2025-06-21"


def test_saving_the_seed_meeting_with_its_inlines_costs_at_most_100_queries(
    seeded_in_english, editor_client, django_assert_max_num_queries
):
    # The English edition's evidence alone: its Hungarian edition's five
    # pieces would be five inlines more, each costing what these do.
    meeting = Meeting.objects.get(slug=MEETING)
    assert meeting.evidence.count() == 7
    url = admin_url(Meeting, "change", meeting.pk)
    data = form_data(editor_client.get(url)) | {"outcome": "Fourteen released."}
    # Each evidence inline: its version, its unique number, its brief, actor
    # and record, its quote's text and notes; then one write settled once.
    with django_assert_max_num_queries(100):
        response = editor_client.post(url, data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.outcome == "Fourteen released."
