"""The kept brief page: served in two queries, and fresh after any edit to what it shows."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from briefs.models import (
    Actor,
    ActorAlias,
    Author,
    Contribution,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    Publication,
    Sanction,
)
from tests.factories import (
    make_author,
    make_contribution,
    make_meeting,
    make_publication,
)
from tests.helpers import BRIEF_URL

pytestmark = pytest.mark.django_db


def test_a_kept_brief_is_served_in_two_queries(
    client, seeded, django_assert_num_queries
):
    first = client.get(BRIEF_URL)
    # The generation of its ETag, then the brief with its stored article.
    with django_assert_num_queries(2):
        second = client.get(BRIEF_URL)
    assert second.content == first.content


def test_an_editors_view_is_never_cached_for_the_public(client, admin_client):
    draft = make_publication("draft", status=Publication.Status.DRAFT)
    assert admin_client.get(draft.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404


def edit_section(brief):
    section = brief.sections.get(position=1)
    section.body = "A wholly new first paragraph."
    section.save()
    return "A wholly new first paragraph."


def edit_actor_name(brief):
    actor = Actor.objects.get(slug="keith-kellogg")
    actor.name = "Keith P. Kellogg"
    actor.save()
    return "Keith P. Kellogg"


def add_alias(brief):
    european_union = Actor.objects.get(slug="european-union")
    ActorAlias.objects.create(actor=european_union, name="Western allies")
    return 'title="European Union" rel="noopener noreferrer">Western allies</a>'


def edit_meeting_date(brief):
    meeting = Meeting.objects.get(slug="kellogg-lukashenko-minsk-2025-06-21")
    meeting.date = datetime.date(2025, 6, 22)
    meeting.save()
    return "22 June 2025"


def edit_participant_role(brief):
    participation = MeetingParticipant.objects.get(
        meeting__slug="szijjarto-minsk-2023-02", actor__slug="peter-szijjarto"
    )
    participation.role = MeetingParticipant.Role.DELEGATION
    participation.save()
    return 'Péter Szijjártó</a> <span class="role">delegation'


def edit_sanction_status(brief):
    sanction = Sanction.objects.get(slug="eu-sanctions-belarus")
    sanction.status = Sanction.Status.LIFTED
    sanction.save()
    return '<span class="status status--lifted">Lifted</span>'


def edit_nationality_count(brief):
    count = NationalityCount.objects.get(country__slug="japan")
    count.count = 3
    count.save()
    return "Japan 3"


def delete_nationality_count(brief):
    NationalityCount.objects.get(country__slug="sweden").delete()
    return "not given 5"


def record_source_url(brief):
    reference = brief.source_references.get(number=1)
    reference.url = "https://example.org/arrived"
    reference.save()
    return 'href="https://example.org/arrived"'


def edit_author_position(brief):
    author = Author.objects.get(slug="ruslan-bortnik")
    author.position = "Head of Research"
    author.save()
    return "Head of Research"


def discuss_another_meeting(brief):
    make_meeting("new-meeting", title="A newly added meeting").publications.add(brief)
    return "A newly added meeting"


def credit_another_author(brief):
    make_contribution(brief, make_author("new-author", "Nora Newcomer"), position=3)
    return "Nora Newcomer"


# Edits of every kind of row a brief's page shows; each returns what the page
# then shows. The stored articles' tests make the same edits.
EDITS = [
    edit_section,
    edit_actor_name,
    add_alias,
    edit_meeting_date,
    edit_participant_role,
    edit_sanction_status,
    edit_nationality_count,
    delete_nationality_count,
    record_source_url,
    edit_author_position,
    discuss_another_meeting,
    credit_another_author,
]


@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_to_any_row_the_brief_shows_appears_at_once(client, seeded, edit):
    before = client.get(BRIEF_URL).content.decode()
    expected = edit(seeded)
    assert expected not in before
    assertContains(client.get(BRIEF_URL), expected)


def test_unpublishing_a_cached_brief_hides_it_at_once(client, seeded):
    assert client.get(BRIEF_URL).status_code == 200
    seeded.status = Publication.Status.DRAFT
    seeded.save()
    assert client.get(BRIEF_URL).status_code == 404


def test_removing_a_contributor_shows_at_once_on_the_cached_brief(client, seeded):
    client.get(BRIEF_URL)
    Contribution.objects.filter(publication=seeded, role="copy_editor").delete()
    assertNotContains(client.get(BRIEF_URL), "Lillian Aronson")
