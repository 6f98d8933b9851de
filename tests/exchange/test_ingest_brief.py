"""``ingest_brief``: a brief's text becomes a draft with its parts, in one transaction."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from briefs.models import (
    Author,
    Contribution,
    IngestProposal,
    Publication,
    SourceReference,
)
from tests.factories import make_actor, make_alias, make_author
from tests.helpers import (
    SEED_SOURCE,
    TWO_AUTHORS_SLUG,
    prose_of,
    row_counts,
    shipped_prose,
)
from tests.helpers import TWO_AUTHORS_TEXT as TWO_AUTHORS

pytestmark = pytest.mark.django_db


def ingest(path, *args):
    out = io.StringIO()
    call_command("ingest_brief", str(path), *args, stdout=out)
    return out.getvalue()


def test_the_seed_text_ingests_to_the_prose_of_the_shipped_fixture():
    ingest(SEED_SOURCE)
    publication = Publication.objects.get()
    assert publication.status == Publication.Status.DRAFT
    assert publication.published_at is None
    assert prose_of(publication) == shipped_prose()


def test_two_authors_real_urls_cyrillic_and_page_breaks_each_land_in_place():
    known = make_author("lillian-aronson", name="Lillian Aronson")
    output = ingest(TWO_AUTHORS)
    publication = Publication.objects.get(slug=TWO_AUTHORS_SLUG)
    assert publication.publication_date.isoformat() == "2025-09-03"
    assert publication.cover_photo_credit == "MTI"
    credits = [
        (c.author.name, c.author.slug, c.role)
        for c in publication.contributions.select_related("author")
    ]
    assert credits == [
        ("Anna Kovács", "anna-kovacs", Contribution.Role.AUTHOR),
        ("Олена Коваль", "olena-koval", Contribution.Role.AUTHOR),
        ("Lillian Aronson", "lillian-aronson", Contribution.Role.COPY_EDITOR),
    ]
    assert Author.objects.get(slug="lillian-aronson") == known  # matched by name
    olena = Author.objects.get(slug="olena-koval")
    assert (olena.position, olena.affiliation) == (
        "Visiting Fellow",
        "Kyiv School of Economics",
    )
    assert [s.heading for s in publication.sections.all()] == [
        "Can the EU Talk to Lukashenka?",
        "What Washington Wants from NATO's Neighbour",
        "Что дальше для Минска?",
    ]
    first, second = publication.sections.first().paragraphs
    # Page breaks: after "and that", and inside a link's line ("on" / "[the grain routes]").
    assert "and that the door to Minsk stays open" in first
    assert "[briefing of the ministry][3] on [the grain routes][4] of the" in second
    assert "«білоруський коридор»" in second
    assert list(
        SourceReference.objects.filter(publication=publication).values_list(
            "number", "url"
        )
    ) == [
        (1, "https://www.europarl.europa.eu/news/en/press-room/20240314IPR19001"),
        (2, "https://www.consilium.europa.eu/en/policies/sanctions-against-belarus/"),
        (3, "https://en.wikipedia.org/wiki/Ministry_(Ukraine)"),
        (4, ""),
    ]
    assert "New author: Олена Коваль" in output
    assert "Known author: Lillian Aronson" in output


def test_a_dry_run_shows_what_would_be_created_and_writes_nothing():
    before = row_counts()
    output = ingest(TWO_AUTHORS, "--dry-run")
    assert row_counts() == before
    assert "would be created" in output
    assert "3 sections, 4 paragraphs, 4 source references" in output
    assert "Dry run: nothing was written." in output


def test_a_brief_already_here_is_left_alone_unless_asked_to_update_its_draft():
    ingest(TWO_AUTHORS)
    publication = Publication.objects.get(slug=TWO_AUTHORS_SLUG)
    publication.sections.filter(position=1).update(heading="Edited")
    before = row_counts()
    with pytest.raises(CommandError, match="already here"):
        ingest(TWO_AUTHORS)
    assert row_counts() == before

    ingest(TWO_AUTHORS, "--update")
    assert publication.sections.get(position=1).heading == (
        "Can the EU Talk to Lukashenka?"
    )
    assert Publication.objects.count() == 1


def test_an_update_drops_the_parts_the_text_no_longer_has(tmp_path):
    ingest(TWO_AUTHORS)
    shorter = tmp_path / "shorter.txt"
    text = TWO_AUTHORS.read_text()
    shorter.write_text(text[: text.index("ЧТО ДАЛЬШЕ")])
    ingest(shorter, "--update")
    publication = Publication.objects.get(slug=TWO_AUTHORS_SLUG)
    assert publication.sections.count() == 2


def test_a_published_brief_is_never_updated_from_a_text():
    ingest(TWO_AUTHORS)
    Publication.objects.filter(slug=TWO_AUTHORS_SLUG).update(
        status=Publication.Status.PUBLISHED, published_at="2025-09-03T08:00:00Z"
    )
    before = row_counts()
    with pytest.raises(CommandError, match="not a draft"):
        ingest(TWO_AUTHORS, "--update")
    assert row_counts() == before


def test_the_seed_text_over_the_seeded_brief_is_found_by_title_and_date(seeded):
    before = row_counts()
    with pytest.raises(CommandError, match=seeded.slug):
        ingest(SEED_SOURCE)
    assert row_counts() == before


def test_the_draft_gets_proposals_never_facts():
    lukashenko = make_actor("lukashenko", name="Alexander Lukashenko", kind="person")
    make_alias(lukashenko, "Lukashenka")
    ingest(TWO_AUTHORS)
    publication = Publication.objects.get(slug=TWO_AUTHORS_SLUG)
    assert not publication.actors.exists()
    proposal = publication.proposals.get(kind=IngestProposal.Kind.ACTOR)
    assert proposal.actor == lukashenko
    assert proposal.mention == "Lukashenka"
    assert proposal.sentence_list == [
        "Lukashenka's answer will come before the winter of 2025."
    ]
    assert publication.proposals.filter(kind=IngestProposal.Kind.EVENT).count() == 7
