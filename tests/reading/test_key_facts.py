"""What a new reader noticed: two facts of one title told apart by their date
wherever they appear, and the key facts in brief above the text."""

import re

import pytest
from django.urls import reverse

from briefs.models import Meeting
from tests.factories import make_publication
from tests.helpers import BRIEF_URL, admin_url, text_of

pytestmark = pytest.mark.django_db

FEBRUARY = "szijjarto-minsk-2023-02"
MAY = "szijjarto-minsk-2024-05-29"


def test_the_two_visits_of_one_title_read_differently_everywhere(
    client, editor_client, seeded
):
    february, may = Meeting.objects.get(slug=FEBRUARY), Meeting.objects.get(slug=MAY)
    assert february.title == may.title
    assert str(february) == "Péter Szijjártó visits Minsk (February 2023)"
    assert str(may) == "Péter Szijjártó visits Minsk (29 May 2024)"

    panel = client.get(BRIEF_URL).content.decode()
    for meeting, when in ((february, "February 2023"), (may, "29 May 2024")):
        card = re.search(
            rf'<article class="fact" id="fact-meeting-{meeting.slug}">\s*<h4>(.*?)</h4>',
            panel,
            re.S,
        )
        assert when in card.group(1)

    timeline = text_of(client.get(reverse("briefs:timeline")))
    assert "February 2023 Meeting Péter Szijjártó visits Minsk" in timeline
    assert "29 May 2024 Meeting Péter Szijjártó visits Minsk" in timeline

    assert "(February 2023)" in text_of(client.get(february.get_absolute_url()))
    autocomplete = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "visits Minsk",
            "app_label": "briefs",
            "model_name": "prisonerrelease",
            "field_name": "meeting",
        },
    )
    texts = [row["text"] for row in autocomplete.json()["results"]]
    assert str(february) in texts and str(may) in texts
    change = editor_client.get(admin_url(Meeting, "change", may.pk))
    assert "Péter Szijjártó visits Minsk (29 May 2024)" in text_of(change)


def test_the_key_facts_come_in_brief_before_the_text(client, seeded):
    page = client.get(BRIEF_URL).content.decode()
    summary = page.index('class="key-facts-summary"')
    assert (
        summary < page.index('aria-label="Abstract"') < page.index('id="facts-title"')
    )
    box = page[summary : page.index("</details>", summary)]
    # One line a fact, each pointing to its card in the panel: not the panel again.
    lines = re.findall(r'<a href="#fact-(\w+)-([\w-]+)">', box)
    assert len(lines) == 9  # five meetings, a release, three sanctions
    for kind, slug in lines:
        assert f'id="fact-{kind}-{slug}"' in page
    assert "<dl>" not in box
    assert 'href="#facts-title"' in box


def test_a_brief_without_facts_has_no_summary_box(client):
    brief = make_publication("a-brief")
    assert (
        "key-facts-summary" not in client.get(brief.get_absolute_url()).content.decode()
    )
