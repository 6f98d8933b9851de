"""Entity pages list the evidence for their facts across the briefs the reader may read."""

import pytest

from briefs.models import Actor, Evidence, Meeting, PrisonerRelease, Sanction
from tests.factories import (
    make_draft_evidence_for_the_seed_meeting,
)
from tests.helpers import text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "slug"),
    [
        (Meeting, "kellogg-lukashenko-minsk-2025-06-21"),
        (Sanction, "eu-sanctions-belarus"),
        (PrisonerRelease, "belarus-prisoner-release-2025-06"),
        (Actor, "japan"),
    ],
)
def test_an_entity_page_lists_each_quote_with_a_link_to_its_sentence(
    client, seeded, model, slug
):
    row = model.objects.get(slug=slug)
    page = client.get(row.get_absolute_url())
    html = page.content.decode()
    evidence = (
        Evidence.objects.filter(actor=row) if model is Actor else row.evidence.all()
    )
    # The English edition's words, on a page read in English; its Hungarian
    # edition's on a page read in Hungarian (tests/reading/test_editions.py).
    assert evidence.filter(publication=seeded)
    for item in evidence:
        shown = item.publication == seeded
        link = f'href="{item.publication.get_absolute_url()}#{item.anchor}"'
        assert (link in html) is shown
        assert (f"“{item.quote}”" in text_of(page)) is shown


def test_the_release_page_shows_both_totals_preferred_first(client, seeded):
    release = PrisonerRelease.objects.get()
    text = text_of(client.get(release.get_absolute_url()))
    assert text.index("Total released: 14 preferred") < text.index(
        "Total released: dozens"
    )


def test_evidence_from_a_draft_stays_hidden(client, seeded):
    meeting = make_draft_evidence_for_the_seed_meeting()
    assert "a whole day" not in text_of(client.get(meeting.get_absolute_url()))
