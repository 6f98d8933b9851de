"""Each model's rules, enforced by the database and explained by clean()."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from briefs.models import (
    Actor,
    ActorAlias,
    Author,
    Contribution,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    PrisonerRelease,
    Publication,
    Sanction,
    Section,
    SourceReference,
)
from tests.factories import (
    make_actor,
    make_author,
    make_contribution,
    make_meeting,
    make_nationality_count,
    make_participant,
    make_publication,
    make_release,
    make_sanction,
    make_section,
    make_source_reference,
)

pytestmark = pytest.mark.django_db


def messages_of(error, field):
    return " ".join(error.value.message_dict[field])


def assert_database_refuses(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


# --- Natural keys ------------------------------------------------------------


@pytest.mark.parametrize(
    "make", [make_actor, make_author, make_publication, make_meeting, make_release]
)
def test_core_models_are_found_by_slug(make):
    row = make()
    model = type(row)
    assert row.natural_key() == (row.slug,)
    assert model.objects.get_by_natural_key(row.slug) == row


def test_core_model_slugs_are_unique():
    make_actor("belarus")
    assert_database_refuses(lambda: make_actor("belarus", name="Another"))


def test_supporting_models_are_found_by_parent_slug_and_own_key():
    publication = make_publication("brief")
    author = make_author("ruslan-bortnik")
    belarus = make_actor("belarus")
    japan = make_actor("japan")
    rows = [
        make_section(publication, position=2),
        make_contribution(publication, author, role="author"),
        make_source_reference(publication, number=7),
        ActorAlias.objects.create(actor=belarus, name="Republic of Belarus"),
        make_participant(make_meeting("talks"), belarus, role="host"),
        make_nationality_count(make_release("release", released_by=belarus), japan, 2),
    ]
    assert [row.natural_key() for row in rows] == [
        ("brief", 2),
        ("brief", "ruslan-bortnik", "author"),
        ("brief", 7),
        ("belarus", "Republic of Belarus"),
        ("talks", "belarus"),
        ("release", "japan"),
    ]
    for row in rows:
        assert type(row).objects.get_by_natural_key(*row.natural_key()) == row


# --- Actors ------------------------------------------------------------------


def test_actor_is_found_by_any_alias():
    lukashenko = make_actor(
        "alexander-lukashenko", "Alexander Lukashenko", kind="person"
    )
    ActorAlias.objects.create(actor=lukashenko, name="Lukashenka")
    assert list(Actor.objects.matching("lukashenka")) == [lukashenko]
    assert lukashenko.names == ["Alexander Lukashenko", "Lukashenka"]


def test_alias_is_unique_per_actor():
    actor = make_actor()
    ActorAlias.objects.create(actor=actor, name="Minsk")
    assert_database_refuses(
        lambda: ActorAlias.objects.create(actor=actor, name="Minsk")
    )


def test_a_state_has_no_country():
    hungary = make_actor("hungary")
    state = Actor(slug="belarus", name="Belarus", kind="state", country=hungary)
    with pytest.raises(ValidationError) as error:
        state.full_clean()
    assert "A state does not belong to another country" in messages_of(error, "country")
    assert_database_refuses(state.save)


def test_a_persons_country_must_be_a_state():
    nato = make_actor("nato", kind="organization")
    person = Actor(slug="someone", name="Someone", kind="person", country=nato)
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "is not a state" in messages_of(error, "country")


def test_wikidata_id_must_look_like_one():
    actor = Actor(slug="belarus", name="Belarus", kind="state", wikidata_id="184")
    with pytest.raises(ValidationError) as error:
        actor.full_clean()
    assert "Q followed by digits" in messages_of(error, "wikidata_id")


def test_actor_kind_is_checked_by_the_database():
    assert_database_refuses(lambda: make_actor("x", kind="planet"))


# --- Publications ------------------------------------------------------------


def test_published_filters_out_drafts():
    published = make_publication("out")
    make_publication("draft", status=Publication.Status.DRAFT)
    assert list(Publication.objects.published()) == [published]


def test_a_published_brief_needs_its_publication_time():
    publication = make_publication("x", status="draft")
    publication.status = Publication.Status.PUBLISHED
    with pytest.raises(ValidationError) as error:
        publication.full_clean()
    assert "needs the time it was published" in messages_of(error, "published_at")
    assert_database_refuses(publication.save)


def test_sections_keep_their_order_and_positions_are_unique():
    publication = make_publication()
    make_section(publication, position=2, heading="Second")
    make_section(publication, position=1, heading="First")
    assert [s.heading for s in publication.sections.all()] == ["First", "Second"]
    assert_database_refuses(lambda: make_section(publication, position=1))


def test_section_paragraphs_are_split_on_blank_lines():
    section = Section(body="One.\n\nTwo, still\none paragraph.\n\n\n")
    assert section.paragraphs == ["One.", "Two, still\none paragraph."]


def test_contributors_are_ordered_and_credited_once_per_role():
    publication = make_publication()
    author, editor = make_author("author"), make_author("editor")
    make_contribution(
        publication, editor, role=Contribution.Role.COPY_EDITOR, position=2
    )
    make_contribution(publication, author, position=1)
    assert [str(c) for c in publication.contributions.all()] == [
        "Author (Author)",
        "Editor (Copy editor)",
    ]
    assert_database_refuses(lambda: make_contribution(publication, author, position=3))


def test_source_reference_numbers_start_at_one_and_are_unique():
    publication = make_publication()
    make_source_reference(publication, number=1)
    assert_database_refuses(lambda: make_source_reference(publication, number=1))
    assert_database_refuses(lambda: make_source_reference(publication, number=0))


def test_source_reference_url_may_be_left_empty():
    reference = SourceReference(
        publication=make_publication(), number=1, anchor_text="arrived", url=""
    )
    reference.full_clean()


# --- Meetings ----------------------------------------------------------------


def test_meeting_date_is_stored_at_its_precision_and_rendered_so():
    meeting = Meeting(
        slug="visit",
        title="Visit",
        date=datetime.date(2023, 2, 14),
        date_precision="month",
    )
    meeting.full_clean()
    assert meeting.date == datetime.date(2023, 2, 1)
    assert str(meeting.when) == "February 2023"


def test_a_meeting_date_needs_a_precision():
    meeting = Meeting(slug="visit", title="Visit", date=datetime.date(2023, 2, 1))
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "precision" in messages_of(error, "date_precision")
    assert_database_refuses(meeting.save)


def test_an_actor_takes_part_in_a_meeting_once():
    meeting, actor = make_meeting(), make_actor()
    make_participant(meeting, actor, role="host")
    assert_database_refuses(lambda: make_participant(meeting, actor, role="visitor"))


def test_meeting_duration_is_positive_and_rendered_with_about():
    meeting = make_meeting(duration_hours=6, duration_approximate=True)
    meeting.refresh_from_db()
    assert meeting.duration_display == "about 6 hours"
    assert_database_refuses(lambda: make_meeting("other", duration_hours=-1))


def test_meeting_topics_are_one_per_line():
    assert Meeting(topics="War in Ukraine\n\n Zapad-2025 \n").topic_list == [
        "War in Ukraine",
        "Zapad-2025",
    ]


# --- Sanctions ---------------------------------------------------------------


def test_a_sanction_cannot_end_before_it_starts():
    sanction = make_sanction()
    sanction.start_date, sanction.start_date_precision = (
        datetime.date(2024, 1, 1),
        "year",
    )
    sanction.end_date, sanction.end_date_precision = datetime.date(2023, 1, 1), "year"
    with pytest.raises(ValidationError) as error:
        sanction.full_clean()
    assert "cannot end before it starts" in messages_of(error, "end_date")
    assert_database_refuses(sanction.save)


def test_a_sanction_is_not_imposed_on_its_imposer():
    belarus = make_actor("belarus")
    sanction = Sanction(slug="s", title="S", imposed_by=belarus, target=belarus)
    with pytest.raises(ValidationError) as error:
        sanction.full_clean()
    assert "imposed on someone else" in messages_of(error, "target")
    assert_database_refuses(sanction.save)


# --- Prisoner releases -------------------------------------------------------


def test_release_breakdown_cannot_exceed_total():
    release = make_release(total=3)
    make_nationality_count(release, make_actor("japan"), 2)
    extra = NationalityCount(release=release, country=make_actor("poland"), count=2)
    with pytest.raises(ValidationError) as error:
        extra.full_clean()
    assert (
        "The nationality breakdown (4) may not exceed the total released (3)."
        in messages_of(error, "count")
    )


def test_lowering_a_release_total_below_its_breakdown_is_refused():
    release = make_release(total=14)
    make_nationality_count(release, make_actor("japan"), 2)
    make_nationality_count(release, make_actor("poland"), 3)
    release.total = 4
    with pytest.raises(ValidationError) as error:
        release.full_clean()
    assert "breakdown (5) may not exceed the total released (4)" in messages_of(
        error, "total"
    )


def test_nationality_counts_are_positive_and_unique_per_country():
    release, japan = make_release(), make_actor("japan")
    assert_database_refuses(lambda: make_nationality_count(release, japan, 0))
    make_nationality_count(release, japan, 2)
    assert_database_refuses(lambda: make_nationality_count(release, japan, 1))


def test_a_nationality_is_a_state():
    release = make_release()
    count = NationalityCount(
        release=release, country=make_actor("eu", kind="organization")
    )
    count.count = 1
    with pytest.raises(ValidationError) as error:
        count.full_clean()
    assert "is not a state" in messages_of(error, "country")


def test_release_total_is_not_negative():
    assert_database_refuses(lambda: make_release(total=-1))


def test_unaccounted_prisoners_are_the_total_less_the_breakdown():
    release = make_release(total=14)
    make_nationality_count(release, make_actor("japan"), 2)
    make_nationality_count(release, make_actor("poland"), 3)
    assert release.unaccounted == 9


# --- Every model -------------------------------------------------------------


@pytest.mark.parametrize(
    "model",
    [
        Publication,
        Author,
        Actor,
        ActorAlias,
        Meeting,
        MeetingParticipant,
        Sanction,
        PrisonerRelease,
        NationalityCount,
        Section,
        Contribution,
        SourceReference,
    ],
)
def test_every_model_is_ordered_and_timestamped(model):
    assert model._meta.ordering
    field_names = {field.name for field in model._meta.get_fields()}
    assert {"created_at", "updated_at"} <= field_names


def test_core_models_link_to_their_pages():
    assert make_publication("brief").get_absolute_url() == "/briefs/brief/"
    assert make_author("ruslan").get_absolute_url() == "/authors/ruslan/"
    assert make_actor("belarus").get_absolute_url() == "/actors/belarus/"
    assert make_meeting("talks").get_absolute_url() == "/meetings/talks/"
    assert make_sanction("potash").get_absolute_url() == "/sanctions/potash/"
    assert make_release("release").get_absolute_url() == "/releases/release/"
