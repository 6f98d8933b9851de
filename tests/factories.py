"""Builders for the rows tests need: one ``make_<model>()`` per model.

Defaults are neutral ("state-a", "author-a", "a-brief"), never the seed brief's
names: a test that needs a particular name or date passes it.
"""

import datetime

from django.contrib.auth.models import Group, User
from django.utils import timezone

from briefs.models import (
    Actor,
    ActorAlias,
    Author,
    Contribution,
    Evidence,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    PreviewLink,
    PrisonerRelease,
    Publication,
    Sanction,
    Section,
    SourceReference,
)

PASSWORD = "a-long-test-password"


def title_from(slug):
    return slug.replace("-", " ").capitalize()


def make_actor(slug="state-a", name=None, kind=Actor.Kind.STATE, **fields):
    name = name or slug.replace("-", " ").title()
    return Actor.objects.create(slug=slug, name=name, kind=kind, **fields)


def make_alias(actor, name):
    return ActorAlias.objects.create(actor=actor, name=name)


def make_author(slug="author-a", name=None, **fields):
    return Author.objects.create(
        slug=slug, name=name or slug.replace("-", " ").title(), **fields
    )


def make_publication(slug="a-brief", status=Publication.Status.PUBLISHED, **fields):
    fields.setdefault("title", title_from(slug))
    fields.setdefault("series", "A Series")
    fields.setdefault("publisher", "An Institute")
    fields.setdefault("publication_date", datetime.date(2025, 3, 1))
    if status == Publication.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now())
    return Publication.objects.create(slug=slug, status=status, **fields)


def make_translation(original, slug=None, language="hu", **fields):
    """An edition of ``original``'s brief in ``language`` (published, as builders are)."""
    return make_publication(
        slug or f"{original.slug}-{language}",
        translation_of=original,
        language=language,
        **{"series": original.series, "publication_date": original.publication_date}
        | fields,
    )


def make_section(publication, position=1, heading="Heading", body="A paragraph."):
    return Section.objects.create(
        publication=publication, position=position, heading=heading, body=body
    )


def make_contribution(publication, author, role=Contribution.Role.AUTHOR, position=1):
    return Contribution.objects.create(
        publication=publication, author=author, role=role, position=position
    )


def make_source_reference(publication, number=1, anchor_text="source", url=""):
    return SourceReference.objects.create(
        publication=publication, number=number, anchor_text=anchor_text, url=url
    )


def make_meeting(
    slug="a-meeting", date=datetime.date(2025, 2, 1), precision="day", **fields
):
    fields.setdefault("title", title_from(slug))
    return Meeting.objects.create(
        slug=slug, date=date, date_precision=precision, **fields
    )


def make_participant(
    meeting, actor, role=MeetingParticipant.Role.PARTICIPANT, position=1
):
    return MeetingParticipant.objects.create(
        meeting=meeting, actor=actor, role=role, position=position
    )


def make_sanction(slug="a-sanction", imposed_by=None, target=None, **fields):
    imposed_by = imposed_by or make_actor("imposer-" + slug)
    target = target or make_actor("target-" + slug)
    fields.setdefault("title", title_from(slug))
    return Sanction.objects.create(
        slug=slug, imposed_by=imposed_by, target=target, **fields
    )


def make_release(slug="a-release", released_by=None, total=10, **fields):
    released_by = released_by or make_actor("releaser-" + slug)
    fields.setdefault("title", title_from(slug))
    fields.setdefault("date", datetime.date(2025, 4, 1))
    fields.setdefault("date_precision", "month")
    return PrisonerRelease.objects.create(
        slug=slug, released_by=released_by, total=total, **fields
    )


def make_nationality_count(release, country, count):
    return NationalityCount.objects.create(
        release=release, country=country, count=count
    )


def make_user(username, group=None, is_staff=True):
    """A user (password ``PASSWORD``) in one of the groups the migrations create."""
    user = User.objects.create_user(username, password=PASSWORD, is_staff=is_staff)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_writer(username):
    """An editor without the publish permission: writes, and submits for review."""
    user = make_user(username)
    editor = Group.objects.get(name="Editor").permissions.all()
    user.user_permissions.set(editor.exclude(codename="publish_publication"))
    return user


def make_preview_link(publication, **fields):
    return PreviewLink.objects.create(publication=publication, **fields)


def make_draft_with_its_own_facts():
    """A draft brief and the facts only it discusses."""
    draft = make_publication("draft-brief", status=Publication.Status.DRAFT)
    author = make_author("draft-author")
    make_contribution(draft, author)
    actor = make_actor("secret-envoy", "Secret Envoy", kind=Actor.Kind.PERSON)
    draft.actors.add(actor)
    meeting = make_meeting("secret-meeting", title="A secret meeting")
    make_participant(meeting, actor)
    meeting.publications.add(draft)
    sanction = make_sanction("secret-sanction")
    sanction.publications.add(draft)
    release = make_release("secret-release", meeting=meeting)
    release.publications.add(draft)
    return draft, {
        "author": author,
        "actor": actor,
        "meeting": meeting,
        "sanction": sanction,
        "release": release,
    }


def make_draft_evidence_for_the_seed_meeting():
    """A draft that discusses the seed brief's Minsk meeting and states its
    duration as "a whole day": evidence no reader may see."""
    draft, _facts = make_draft_with_its_own_facts()
    meeting = Meeting.objects.get(slug="kellogg-lukashenko-minsk-2025-06-21")
    meeting.publications.add(draft)
    draft.sections.create(position=1, body="The talks lasted a whole day.")
    make_evidence(draft, meeting, "duration", "a whole day", "lasted a whole day")
    return meeting


def make_evidence(publication, meeting, fact, value, quote, number=1, section=1):
    """A meeting's ``fact`` as ``publication`` states it in section ``section``."""
    return Evidence.objects.create(
        publication=publication,
        number=number,
        meeting=meeting,
        fact=fact,
        value=value,
        section=section,
        quote=quote,
    )


def make_brief_in_two_editions():
    """An English original and its unofficial Hungarian translation, published
    through the service (numbered in the series): a meeting the original
    discusses, its place stated in the translation's own words."""
    from briefs.domain import publishing

    draft = Publication.Status.DRAFT
    original = make_publication("an-original", language="en", status=draft)
    make_section(original, body="They met in Minsk.")
    hungarian = make_translation(
        original,
        "egy-forditas",
        unofficial_translation=True,
        translation_note="Nem hivatalos.",
        status=draft,
    )
    for edition in (original, hungarian):
        publishing.publication_publish(publication=edition, user=None)
    make_section(hungarian, body="Minszkben találkoztak.")
    meeting = make_meeting("a-meeting", place="Minsk")
    meeting.publications.add(original)
    make_evidence(hungarian, meeting, "place", "Minszk", "Minszkben")
    return original, hungarian
