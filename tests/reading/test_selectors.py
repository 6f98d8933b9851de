"""What each reading page reads: the selectors the views, the feed and an API share."""

import datetime
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict

from briefs.models import Actor, Contribution, Publication
from briefs.reading import selectors
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

PUBLIC = AnonymousUser()


@pytest.fixture
def on_example_site(settings):
    """A site whose origin is not the test client's."""
    settings.SITE_ORIGIN = "https://briefs.example"


def a_draft_and_what_only_it_discusses():
    draft = make_publication("draft-brief", status=Publication.Status.DRAFT)
    envoy = make_actor("envoy", "Envoy", kind=Actor.Kind.PERSON)
    draft.actors.add(envoy)
    meeting = make_meeting("secret-meeting")
    make_participant(meeting, envoy)
    release = make_release("secret-release", released_by=envoy, meeting=meeting)
    sanction = make_sanction("secret-sanction", imposed_by=envoy)
    for fact in (meeting, release, sanction):
        fact.publications.add(draft)
    return draft, envoy


# --- Briefs --------------------------------------------------------------------------


def test_published_briefs_are_newest_first_with_only_their_authors_in_credit_order(
    django_assert_num_queries,
):
    older = make_publication("older", publication_date=datetime.date(2024, 1, 1))
    newer = make_publication("newer", publication_date=datetime.date(2025, 1, 1))
    make_publication("draft", status=Publication.Status.DRAFT)
    second, first, editor = (make_author(slug) for slug in ("b", "a", "copy-editor"))
    make_contribution(newer, first, position=1)
    make_contribution(newer, second, position=2)
    make_contribution(newer, editor, role=Contribution.Role.COPY_EDITOR, position=3)

    with django_assert_num_queries(2):
        briefs = list(selectors.published_briefs())
        credited = [credit.author for credit in briefs[0].author_credits]

    assert briefs == [newer, older]
    assert credited == [first, second]


def test_brief_pages_hold_drafts_for_editors_only(admin_user):
    draft = make_publication("draft", status=Publication.Status.DRAFT)
    assert draft not in selectors.brief_pages(PUBLIC)
    assert draft in selectors.brief_pages(admin_user)


def a_brief_with_one_of_everything():
    brief = make_publication(summary="The abstract [cites][1].")
    make_contribution(brief, make_author("an-author", position="Fellow"))
    make_contribution(
        brief, make_author("an-editor"), role=Contribution.Role.COPY_EDITOR, position=2
    )
    make_source_reference(brief, 1, "cites")
    make_section(brief, 1, body="Envoy [cites][1] it again.")
    envoy = make_actor("envoy", "Envoy", kind=Actor.Kind.PERSON)
    brief.actors.add(envoy)
    meeting = make_meeting("a-meeting", date=datetime.date(2025, 6, 21))
    make_participant(meeting, envoy)
    release = make_release("a-release", total=3, date=datetime.date(2025, 6, 1))
    make_nationality_count(release, make_actor("a-state"), 2)
    sanction = make_sanction("a-sanction")
    release.sanctions_relief.add(sanction)
    for fact in (meeting, release, sanction):
        fact.publications.add(brief)
    return brief


def test_a_brief_page_is_built_from_its_queryset_without_a_query(
    django_assert_num_queries, on_example_site
):
    brief = selectors.brief_pages(PUBLIC).get(pk=a_brief_with_one_of_everything().pk)
    with django_assert_num_queries(0):
        page = selectors.brief_page(brief)
        page.citation.text()
        list(page.citation.highwire())
    assert [release.chart.total for release in page.releases] == [3]
    assert [bar.label for bar in page.releases[0].chart.bars] == [
        "A State",
        "Not given",
    ]


def test_a_brief_page_numbers_notes_in_reading_order_from_the_abstract_on(
    on_example_site,
):
    brief = selectors.brief_pages(PUBLIC).get(pk=a_brief_with_one_of_everything().pk)
    page = selectors.brief_page(brief)
    assert 'id="cite-1"' in page.summary
    assert 'id="cite-1-2"' in page.sections[0].html
    assert [source.back_link for source in page.sources] == ["cite-1"]


def test_a_brief_page_credits_authors_apart_and_links_them_at_the_sites_origin(
    on_example_site,
):
    brief = selectors.brief_pages(PUBLIC).get(pk=a_brief_with_one_of_everything().pk)
    page = selectors.brief_page(brief)

    assert [author.slug for author in page.authors] == ["an-author"]
    assert [credit.author.slug for credit in page.other_credits] == ["an-editor"]
    assert page.canonical_url == "https://briefs.example/briefs/a-brief/"
    data = json.loads(page.json_ld)
    assert data["url"] == page.canonical_url
    assert data["author"][0]["url"] == "https://briefs.example/authors/an-author/"
    assert [thing["name"] for thing in data["mentions"]] == ["Envoy"]


def test_a_brief_page_lists_its_facts_and_their_dated_events_in_order(
    on_example_site,
):
    brief = selectors.brief_pages(PUBLIC).get(pk=a_brief_with_one_of_everything().pk)
    page = selectors.brief_page(brief)

    assert [meeting.slug for meeting in page.meetings] == ["a-meeting"]
    assert [sanction.slug for sanction in page.sanctions] == ["a-sanction"]
    assert [(event.kind, event.title) for event in page.events] == [
        ("Prisoner release", "A release"),
        ("Meeting", "A meeting"),
    ]


def test_a_citation_names_the_address_the_reader_shares(on_example_site):
    brief = selectors.citable_briefs(PUBLIC).get(pk=make_publication("cited").pk)
    cited = selectors.citation(brief)
    assert cited.url == "https://briefs.example/briefs/cited/"


# --- People and things that act ------------------------------------------------------


def test_an_author_page_lists_credits_on_readable_briefs_newest_first(admin_user):
    author = make_author("writer")
    older = make_publication("older", publication_date=datetime.date(2024, 1, 1))
    newer = make_publication("newer", publication_date=datetime.date(2025, 1, 1))
    draft = make_publication(
        "draft",
        status=Publication.Status.DRAFT,
        publication_date=datetime.date(2024, 6, 1),
    )
    for brief in (older, draft, newer):
        make_contribution(brief, author)

    def briefs_of(user):
        page = selectors.author_pages(user).get(pk=author.pk)
        lists = selectors.author_lists(page, user, QueryDict())
        return [credit.publication for credit in lists["briefs"]]

    assert briefs_of(PUBLIC) == [newer, older]
    assert briefs_of(admin_user) == [newer, draft, older]


def test_actors_come_grouped_by_kind_in_a_fixed_order_without_empty_kinds():
    brief = make_publication()
    brief.actors.add(
        make_actor("a-union", "A union", kind=Actor.Kind.ORGANIZATION),
        make_actor("a-state", "A state", kind=Actor.Kind.STATE),
        make_actor("b-person", "B person", kind=Actor.Kind.PERSON),
        make_actor("a-person", "A person", kind=Actor.Kind.PERSON),
    )
    make_actor("unmentioned", kind=Actor.Kind.GROUP)

    groups = [
        (heading, kind, [actor.slug for actor in members])
        for heading, kind, members in selectors.actors_by_kind(
            selectors.actor_list(PUBLIC)
        )
    ]

    assert groups == [
        ("People", Actor.Kind.PERSON, ["a-person", "b-person"]),
        ("States", Actor.Kind.STATE, ["a-state"]),
        ("Organizations", Actor.Kind.ORGANIZATION, ["a-union"]),
    ]


def test_an_actor_page_holds_only_what_the_user_may_open(admin_user):
    _draft, envoy = a_draft_and_what_only_it_discusses()
    home = make_actor("homeland")
    envoy.country = home
    envoy.save()
    published = make_publication()
    published.actors.add(envoy)

    public = selectors.actor_pages(PUBLIC).get(pk=envoy.pk)
    editor = selectors.actor_pages(admin_user).get(pk=envoy.pk)
    public_lists = selectors.actor_lists(public, PUBLIC, QueryDict())
    editor_lists = selectors.actor_lists(editor, admin_user, QueryDict())

    assert not public.country_is_visible
    assert editor.country_is_visible
    for lists, readable in [(public_lists, 0), (editor_lists, 1)]:
        assert len(lists["meetings"].page) == readable
        assert len(lists["sanctions"].page) == readable
        assert len(lists["releases"].page) == readable
    assert [brief.slug for brief in public_lists["briefs"]] == ["a-brief"]
    assert [brief.slug for brief in editor_lists["briefs"]] == [
        "a-brief",
        "draft-brief",
    ]


# --- Events and measures -------------------------------------------------------------


@pytest.mark.parametrize(
    "pages, lists, slug",
    [
        (selectors.meeting_pages, selectors.meeting_lists, "secret-meeting"),
        (selectors.sanction_pages, selectors.sanction_lists, "secret-sanction"),
        (selectors.release_pages, selectors.release_lists, "secret-release"),
    ],
)
def test_what_only_a_draft_discusses_is_a_page_for_editors_only(
    admin_user, pages, lists, slug
):
    a_draft_and_what_only_it_discusses()
    assert not pages(PUBLIC).filter(slug=slug).exists()
    page = pages(admin_user).get(slug=slug)
    assert [brief.slug for brief in lists(page, admin_user, QueryDict())["briefs"]] == [
        "draft-brief"
    ]


def test_a_release_knows_whether_its_meeting_has_a_page():
    brief = make_publication()
    release = make_release(meeting=make_meeting("undiscussed"))
    release.publications.add(brief)
    assert not selectors.release_pages(PUBLIC).get(pk=release.pk).meeting_is_visible
    release.meeting.publications.add(brief)
    assert selectors.release_pages(PUBLIC).get(pk=release.pk).meeting_is_visible


def test_the_timeline_groups_readable_events_by_year_earliest_first():
    a_draft_and_what_only_it_discusses()
    brief = make_publication(publication_date=datetime.date(2025, 7, 15))
    for meeting in [
        make_meeting("later", date=datetime.date(2024, 5, 29)),
        make_meeting("earlier", date=datetime.date(2024, 2, 1), precision="month"),
    ]:
        meeting.publications.add(brief)

    years = [
        (year, [event.title for event in events])
        for year, events in selectors.by_year(selectors.timeline_events(PUBLIC))
    ]

    assert years == [(2024, ["Earlier", "Later"]), (2025, ["A brief"])]
