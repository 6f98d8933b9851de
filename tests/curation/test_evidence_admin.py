"""Curating evidence: inline on each fact, checked quotes, flags and what is still missing."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from briefs.models import Evidence, Meeting, PrisonerRelease, Sanction
from tests.helpers import admin_url, form_data

pytestmark = pytest.mark.django_db

MEETING = "kellogg-lukashenko-minsk-2025-06-21"


def facts_without_evidence_url(publication):
    return reverse(
        "admin:briefs_publication_facts_without_evidence", args=[publication.pk]
    )


@pytest.mark.parametrize("model", [Meeting, Sanction, PrisonerRelease])
def test_each_fact_has_its_evidence_inline(editor_client, seeded, model):
    row = model.objects.filter(evidence__isnull=False).first()
    response = editor_client.get(admin_url(model, "change", row.pk))
    assertContains(response, "evidence-TOTAL_FORMS")
    for evidence in row.evidence.all():
        assertContains(response, escape(evidence.value))


def add_evidence_in_admin(client, meeting, quote):
    url = admin_url(Meeting, "change", meeting.pk)
    data = form_data(client.get(url))
    index = int(data["evidence-TOTAL_FORMS"])
    data["evidence-TOTAL_FORMS"] = str(index + 1)
    prefix = f"evidence-{index}"
    data |= {
        f"{prefix}-publication": str(meeting.publications.get().pk),
        f"{prefix}-number": "41",
        f"{prefix}-fact": "duration",
        f"{prefix}-value": "six hours",
        f"{prefix}-rank": "normal",
        f"{prefix}-section": "2",
        f"{prefix}-quote": quote,
        f"{prefix}-sources": "",
        f"{prefix}-note": "",
    }
    return client.post(url, data)


def test_an_inline_quote_not_in_its_text_is_refused_with_a_clear_error(
    editor_client, seeded
):
    meeting = Meeting.objects.get(slug=MEETING)
    response = add_evidence_in_admin(editor_client, meeting, "lasted six hours")
    assert response.status_code == 200
    assertContains(response, "These words are not found in section 2")
    assert not Evidence.objects.filter(number=41).exists()


def test_an_inline_quote_found_in_its_text_is_saved(editor_client, seeded):
    meeting = Meeting.objects.get(slug=MEETING)
    response = add_evidence_in_admin(
        editor_client, meeting, "the negotiations between the American delegation"
    )
    assert response.status_code == 302
    assert Evidence.objects.get(number=41).meeting == meeting


def test_the_changelists_filter_facts_whose_evidence_is_no_longer_found(
    editor_client, seeded
):
    section = seeded.sections.get(position=2)
    section.body = section.body.replace("lasted about six hours", "lasted all day")
    section.save()
    url = admin_url(Meeting, "changelist")
    response = editor_client.get(url, {"evidence": "not_found"})
    assertContains(response, "Evidence no longer found")
    assert [row.slug for row in response.context["cl"].result_list] == [MEETING]
    flagged = editor_client.get(
        admin_url(Evidence, "changelist"), {"quote": "not_found"}
    )
    assert [row.fact for row in flagged.context["cl"].result_list] == ["duration"]


def test_a_brief_lists_its_facts_without_evidence(editor_client, seeded):
    change = editor_client.get(admin_url(type(seeded), "change", seeded.pk))
    url = facts_without_evidence_url(seeded)
    assertContains(change, f'href="{url}"')
    assertContains(editor_client.get(url), "Every fact this brief discusses has")
    Evidence.objects.filter(fact="duration").delete()
    Evidence.objects.filter(fact="nationality", actor__slug="japan").delete()
    response = editor_client.get(url)
    missing = [(fact.label, fact.value) for fact in response.context["missing"]]
    assert missing == [("Duration", "about 6 hours"), ("Nationality count", "Japan")]
    assertNotContains(response, "Every fact this brief discusses has")


def test_a_reader_may_see_but_not_a_stranger(reader_client, client, seeded):
    url = facts_without_evidence_url(seeded)
    assert reader_client.get(url).status_code == 200
    assert client.get(url).status_code == 302  # to the sign-in page
