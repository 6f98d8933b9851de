"""What a brief's text proposes: actors by name or alias, new actors with a guessed
kind, nationality counts from demonyms, dates with their precision."""

import datetime

import pytest

from briefs.domain.mentions import find_nationalities, uninflected
from briefs.domain.proposals import find_dates, find_proposals, sentences_of
from briefs.exchange.texts import read_brief_text
from briefs.models import IngestProposal
from tests.factories import make_actor, make_alias
from tests.helpers import SEED_SOURCE, SEED_SOURCE_HU, shipped

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
    make_actor("japan", name="Japan", kind="state")  # named by its people only
    make_actor("brazil", name="Brazil", kind="state")  # named nowhere in the seed

    brief = read_brief_text(SEED_SOURCE.read_text())
    actors = {
        p.actor.slug: p
        for p in find_proposals(brief)
        if p.kind == IngestProposal.Kind.ACTOR
    }
    assert set(actors) == {"kellogg", "szijjarto", "lukashenko", "eu", "japan"}
    assert actors["japan"].mention == "Japanese"  # "two Japanese citizens"
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
    proposals = find_proposals(brief, linked=seeded)
    assert not [p for p in proposals if p.kind == IngestProposal.Kind.ACTOR]
    # Nor as new actors: the names of linked actors are known.
    new = {p.name for p in proposals if p.kind == IngestProposal.Kind.NEW_ACTOR}
    assert not new & {"Keith Kellogg", "European Union", "Belarus", "Latvia"}


# --- Names the database does not have yet, and nationality counts -------------------

FIXTURE_ACTORS = {(actor["name_en"], actor["kind"]) for actor in shipped("actor")}
# Named by the seed too, though the shipped brief does not keep them as actors.
ALSO_NAMED = {
    ("United Nations", "organization"),
    ("Office of the President of Ukraine", "organization"),
    ("Afghanistan", "state"),
    ("Syria", "state"),
}


def new_actors(proposals):
    return {p.name: p for p in proposals if p.kind == IngestProposal.Kind.NEW_ACTOR}


def test_a_text_proposes_the_actors_the_database_lacks_with_a_guessed_kind():
    brief = read_brief_text(SEED_SOURCE.read_text())
    proposed = new_actors(find_proposals(brief))
    # Every actor the curators made of the seed, of the kind they gave it,
    # and nothing that names no one ("Special Representative", "Minsk", "June").
    assert {(p.name, p.actor_kind) for p in proposed.values()} == (
        FIXTURE_ACTORS | ALSO_NAMED
    )
    kellogg = proposed["Keith Kellogg"].sentence_list
    assert any("Keitt Kellogg" in s for s in kellogg)  # another first name
    assert any(s.startswith("Kellogg's visit to Belarus") for s in kellogg)  # surname
    assert any(
        "Lukashenka is wary" in s
        for s in proposed["Alexander Lukashenko"].sentence_list
    )
    assert proposed["Latvia"].mention == "Latvians"  # by the word for its people
    assert proposed["Baltic states"].mention == "Baltic countries"


def test_a_known_actor_is_not_proposed_as_new_whatever_its_spelling():
    make_alias(make_actor("us", name="United States"), "U.S.")
    make_actor("latvia", name="Latvia")
    brief = read_brief_text(SEED_SOURCE.read_text())
    proposals = find_proposals(brief)
    assert not {"United States", "Latvia"} & set(new_actors(proposals))
    latvia = next(
        p
        for p in proposals
        if p.kind == IngestProposal.Kind.ACTOR and p.actor.slug == "latvia"
    )
    assert latvia.mention == "Latvians"


def test_the_seed_proposes_the_nationality_breakdown_the_curators_made():
    brief = read_brief_text(SEED_SOURCE.read_text())
    counts = {
        (p.name, p.count)
        for p in find_proposals(brief)
        if p.kind == IngestProposal.Kind.NATIONALITY
    }
    names = {actor["slug"]: actor["name_en"] for actor in shipped("actor")}
    assert counts == {
        (names[c["country"][0]], c["count"]) for c in shipped("nationalitycount")
    }


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        (
            "They freed two Latvians, an Estonian and six Poles.",
            {("Latvia", 2), ("Estonia", 1), ("Poland", 6)},
        ),
        (
            "Among them were 14 Belarusians and a Swede.",
            {("Belarus", 14), ("Sweden", 1)},
        ),
        (
            "Two Hungarians and a Slovak were released.",
            {("Hungary", 2), ("Slovakia", 1)},
        ),
        (
            "Three Polish citizens and two Japanese nationals.",
            {("Poland", 3), ("Japan", 2)},
        ),
        (
            "A szabadon engedettek között két lett és egy észt állampolgár volt.",
            {("Latvia", 2), ("Estonia", 1)},
        ),
        ("Minszk három lengyel állampolgárt engedett el.", {("Poland", 3)}),
        ("An American diplomat met a Swedish company.", set()),
        ("Két év után lett szabad.", set()),
    ],
)
def test_demonyms_and_plurals_give_nationality_counts(sentence, counts):
    found = {
        (state.name, count) for state, count, _, _ in find_nationalities([sentence])
    }
    assert found == counts


def test_a_nationality_count_names_its_state_once_stored():
    latvia = make_actor("latvia", name="Latvia")
    brief = read_brief_text(SEED_SOURCE.read_text())
    by_state = {
        p.name: p
        for p in find_proposals(brief)
        if p.kind == IngestProposal.Kind.NATIONALITY
    }
    assert by_state["Latvia"].actor == latvia
    assert by_state["Estonia"].actor is None


def test_a_hungarian_text_names_stored_actors_with_their_case_endings(seeded):
    brief = read_brief_text(SEED_SOURCE_HU.read_text(), language="hu")
    proposals = find_proposals(brief, language="hu")
    found = {
        p.actor.slug: p.mention
        for p in proposals
        if p.kind == IngestProposal.Kind.ACTOR
    }
    # "with Alexander Lukashenko", "in Ukraine", "with Russia": the stored actors.
    assert found["alexander-lukashenko"] == "Alekszandr Lukasenkóval"
    assert found["ukraine"] == "Ukrajnában"
    assert found["russia"] == "Oroszországgal"
    assert found["united-states"] == "Egyesült Államok"
    # None of them again as a new actor, nor a city ("in New York").
    assert set(new_actors(proposals)) == {
        "Fehérorosz Köztársaság",
        "Republikánus Pártja",  # "with the Republican Party"
        "Natallja Pjatkevics",
        "Andrej Dapkjunas",  # "with Andrej Dapkjunas"
    }
    assert new_actors(proposals)["Andrej Dapkjunas"].mention == "Andrej Dapkjunasszal"


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ("Andrej Dapkjunasszal", "Andrej Dapkjunas"),
        ("Donald Trumppal", "Donald Trump"),
        ("Keith Kellogg-gal", "Keith Kellogg"),
        ("Natallja Pjatkevicsnek", "Natallja Pjatkevics"),
        ("Alekszandr Lukasenkónak", "Alekszandr Lukasenko"),
        ("Republikánus Pártjával", "Republikánus Pártja"),
        ("Szijjártó Péter", "Szijjártó Péter"),  # no ending to take off
        ("Anna", "Anna"),
    ],
)
def test_a_new_name_in_a_hungarian_text_is_proposed_without_its_ending(given, name):
    assert uninflected(given, "hu") == name
    assert uninflected(given, "en") == given
