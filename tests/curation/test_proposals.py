"""What a brief's text proposes: actors by name or alias, dates with their precision."""

import datetime

import pytest

from briefs.domain.proposals import find_dates, find_proposals, sentences_of
from briefs.exchange.texts import read_brief_text
from briefs.models import IngestProposal
from tests.factories import make_actor, make_alias
from tests.helpers import SEED_SOURCE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("sentence", "words", "date", "precision"),
    [
        ("On June 21, Keith Kellogg arrived.", "June 21", "2025-06-21", "day"),
        ("In February 2023, he came.", "February 2023", "2023-02-01", "month"),
        (
            "He came again in the fall of 2023.",
            "the fall of 2023",
            "2023-09-01",
            "season",
        ),
        ("And on May 29, 2024.", "May 29, 2024", "2024-05-29", "day"),
        (
            "At the end of June 2025, he left.",
            "the end of June 2025",
            "2025-06-01",
            "month",
        ),
        (
            "It comes in the summer of 2025.",
            "the summer of 2025",
            "2025-06-01",
            "season",
        ),
        ("First used on 12 June 2025.", "12 June 2025", "2025-06-12", "day"),
        ("Before the winter of 2025.", "the winter of 2025", "2025-12-01", "season"),
    ],
)
def test_a_date_mention_is_proposed_with_its_precision(
    sentence, words, date, precision
):
    ((found, found_precision, found_words, said),) = find_dates([sentence], 2025)
    assert (found.isoformat(), found_precision, found_words, said) == (
        date,
        precision,
        words,
        sentence,
    )


def test_a_day_without_its_year_takes_the_last_year_the_text_gave():
    found = find_dates(["In March 2023 it began.", "On June 21, it ended."], 2025)
    assert found[1][0] == datetime.date(2023, 6, 21)


def test_words_that_only_look_like_dates_are_not_proposed():
    assert (
        find_dates(
            ["Belarus may become a platform.", "The Zapad-2025 exercises."], 2025
        )
        == []
    )
    assert find_dates(["It was February 30, 2024."], 2025) == []


def test_abbreviations_do_not_end_a_sentence():
    assert sentences_of("U.S. Special Representative Keith Kellogg came. He left.") == [
        "U.S. Special Representative Keith Kellogg came.",
        "He left.",
    ]


def test_the_seed_text_proposes_every_date_it_gives():
    brief = read_brief_text(SEED_SOURCE.read_text())
    events = [p for p in find_proposals(brief) if p.kind == IngestProposal.Kind.EVENT]
    assert [(p.mention, str(p.when)) for p in events] == [
        ("the end of June 2025", "June 2025"),
        ("June 21", "21 June 2025"),
        ("February 2023", "February 2023"),
        ("the fall of 2023", "autumn 2023"),
        ("May 29, 2024", "29 May 2024"),
    ]
    # The summary and the first paragraph both say "At the end of June 2025".
    assert len(events[0].sentence_list) == 2


def test_actors_are_found_by_name_alias_case_possessive_and_accents():
    kellogg = make_actor("kellogg", name="Keith Kellogg", kind="person")
    make_alias(kellogg, "Kellogg")
    make_actor("szijjarto", name="Péter Szijjártó", kind="person")
    lukashenko = make_actor("lukashenko", name="Alexander Lukashenko", kind="person")
    make_alias(lukashenko, "Lukashenka")
    make_actor("eu", name="EU", kind="organization")
    make_actor("japan", name="Japan")  # named nowhere in the seed's prose

    brief = read_brief_text(SEED_SOURCE.read_text())
    actors = {
        p.actor.slug: p
        for p in find_proposals(brief)
        if p.kind == IngestProposal.Kind.ACTOR
    }
    assert set(actors) == {"kellogg", "szijjarto", "lukashenko", "eu"}
    assert any("Kellogg's mission" in s for s in actors["kellogg"].sentence_list)
    assert any("Lukashenka is wary" in s for s in actors["lukashenko"].sentence_list)
    assert actors["szijjarto"].mention == "Péter Szijjártó"
    # An abbreviation matches in its own case only: "eu" inside a word never does.
    assert all("EU" in s for s in actors["eu"].sentence_list)


def test_an_actor_spelt_without_accents_is_still_found():
    make_actor("szijjarto", name="Péter Szijjártó", kind="person")
    text = SEED_SOURCE.read_text().replace("Szijjártó", "Szijjarto")
    (proposal,) = [p for p in find_proposals(read_brief_text(text)) if p.actor_id]
    assert proposal.mention == "Péter Szijjarto"


def test_an_actor_already_linked_to_the_draft_is_not_proposed_again(seeded):
    brief = read_brief_text(SEED_SOURCE.read_text())
    assert not [p for p in find_proposals(brief, linked=seeded) if p.actor_id]
