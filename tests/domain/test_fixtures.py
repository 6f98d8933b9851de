"""The shipped fixtures: they load anywhere, round-trip, and hold the brief's facts.

These tests check loading itself: ``seeded`` here is what ``load_initial_data``
loads, not the suite's snapshot of it (tests/domain/test_seed_snapshot.py),
run once for the module's tests.
"""

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from briefs.models import Actor, Meeting, PrisonerRelease, Publication, Sanction
from tests.helpers import (
    SEED_FIXTURE,
    SEED_SLUG,
    SEED_SOURCE,
    canonical,
    load_seed,
    shipped_fixture,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded_by_the_command(django_db_setup, django_db_blocker):
    """``load_initial_data`` run once for the module's tests, in a transaction
    that each test's own nests in (a savepoint: what a test writes is undone
    after it, and no test sees another's writes), rolled back after the last."""
    with django_db_blocker.unblock():
        held = transaction.atomic()
        held.__enter__()
        try:
            load_seed()
        except BaseException as error:
            held.__exit__(type(error), error, error.__traceback__)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        held.__exit__(None, None, None)


@pytest.fixture
def seeded(loaded_by_the_command, db):
    """The seeded brief as the command loaded it (not conftest's snapshot)."""
    return Publication.objects.get(slug=SEED_SLUG)


def dump_briefs():
    """What `dumpdata --natural-foreign --natural-primary` gives for the app's data."""
    out = io.StringIO()
    models = apps.get_app_config("briefs").domain_models()
    call_command(
        "dumpdata",
        *[model._meta.label for model in models],
        natural_foreign=True,
        natural_primary=True,
        stdout=out,
    )
    return json.loads(out.getvalue())


def test_fixture_uses_natural_keys_only():
    for obj in json.loads(SEED_FIXTURE.read_text()):
        assert "pk" not in obj, obj["model"]


def test_fixture_round_trips_through_dumpdata(seeded):
    shipped = shipped_fixture()
    assert canonical(dump_briefs()) == canonical(shipped)


def test_loading_the_fixtures_twice_changes_nothing(seeded):
    first = dump_briefs()
    call_command("load_initial_data", verbosity=0)
    assert canonical(dump_briefs()) == canonical(first)
    assert Publication.objects.count() == 2  # the seed brief's two editions


# --- The brief's text --------------------------------------------------------


def plain(text):
    """Text with its link markup removed and white space folded."""
    text = re.sub(r"\[([^\]]+)\]\((?:#|[^)]*)\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\[\d+\]", r"\1", text)
    return " ".join(text.split())


def source_body():
    text = SEED_SOURCE.read_text()
    return text[text.index("A SURPRISE VISIT TO AN") :]


def test_every_paragraph_of_the_source_is_present_in_order(seeded):
    headings = [section.heading.upper() for section in seeded.sections.all()]
    body = plain(source_body())
    for heading in headings:
        body = body.replace(heading, "", 1)
    stored = " ".join(
        plain(paragraph)
        for section in seeded.sections.all()
        for paragraph in section.paragraphs
    )
    assert " ".join(body.split()) == stored


def test_no_paragraph_is_cut_mid_sentence(seeded):
    paragraphs = [p for s in seeded.sections.all() for p in s.paragraphs]
    assert len(paragraphs) == 17
    for paragraph in paragraphs:
        assert re.search(r"[.?!”\"]$", paragraph), paragraph[-60:]
    joined = " ".join(paragraphs)
    for split in (
        "tactical move against the backdrop of stagnation",
        "positioned the talks as purely diplomatic",
        "[the lifting of][16] [some EU sanctions][17] on Minsk",
    ):
        assert split in joined


def test_section_headings_are_the_headings_of_the_source(seeded):
    assert [s.heading for s in seeded.sections.all()] == [
        "A Surprise Visit to an “Old Friend”?",
        "Why Now, and Why Minsk?",
        "The Role of Budapest's Diplomacy",
    ]


def test_the_21_source_references_keep_their_anchor_text_and_an_empty_url(seeded):
    references = list(seeded.source_references.all())
    assert [r.number for r in references] == list(range(1, 22))
    assert all(r.url == "" for r in references)
    anchors_in_source = re.findall(r"\[([^\]]+)\]\(#\)", SEED_SOURCE.read_text())
    assert [r.anchor_text for r in references] == anchors_in_source
    text = "\n\n".join(s.body for s in seeded.sections.all())
    for reference in references:
        assert f"[{reference.anchor_text}][{reference.number}]" in text


def test_the_brief_keeps_its_series_title_publisher_date_and_summary(seeded):
    assert seeded.series == "HIIA Perspective"
    assert seeded.title.startswith("A Turning Point or Merely a Tactical Move?")
    assert seeded.publisher == "Hungarian Institute of International Affairs"
    assert seeded.publisher_url == "https://www.hiia.hu/"
    assert seeded.publication_date == datetime.date(2025, 7, 15)
    assert seeded.summary.startswith(
        "At the end of June 2025, U.S. Special Representative"
    )
    assert seeded.cover_photo_credit == "RBC-UKRAINE"
    assert (
        seeded.copyright_line == "© Hungarian Institute of International Affairs, 2025."
    )
    assert seeded.is_published
    credits = [(c.author.name, c.role) for c in seeded.contributions.all()]
    assert credits == [("Ruslan Bortnik", "author"), ("Lillian Aronson", "copy_editor")]
    bortnik = seeded.contributions.first().author
    assert bortnik.position == "Senior Research Fellow"
    assert "HIIA" in bortnik.affiliation


# --- The facts ---------------------------------------------------------------


def test_kellogg_met_lukashenko_in_minsk_on_21_june_2025_for_about_six_hours(seeded):
    meeting = Meeting.objects.get(slug="kellogg-lukashenko-minsk-2025-06-21")
    assert str(meeting.when) == "21 June 2025"
    assert meeting.place == "Minsk"
    assert meeting.duration_hours == Decimal("6")
    assert meeting.duration_display == "about 6 hours"
    roles = {p.actor.slug: p.role for p in meeting.participations.all()}
    assert roles["keith-kellogg"] == "visitor"
    assert roles["alexander-lukashenko"] == "host"
    assert "since 2020" in meeting.significance
    assert "Zapad-2025" in meeting.topics
    assert "14 political prisoners" in meeting.outcome
    assert seeded in meeting.publications.all()


def test_szijjarto_visits_keep_their_precision(seeded):
    visits = Meeting.objects.filter(participations__actor__slug="peter-szijjarto")
    assert [str(visit.when) for visit in visits] == [
        "February 2023",
        "autumn 2023",
        "29 May 2024",
        "c. June 2025",
    ]
    assert "first visit to Minsk by a senior official" in visits[0].significance
    assert "nuclear" in visits[3].outcome


def test_fourteen_were_released_with_the_stated_nationalities(seeded):
    release = PrisonerRelease.objects.get()
    assert release.total == 14
    assert release.released_by.slug == "belarus"
    assert release.released_to.slug == "united-states"
    assert release.meeting.slug == "kellogg-lukashenko-minsk-2025-06-21"
    breakdown = {c.country.name: c.count for c in release.nationality_counts.all()}
    assert breakdown == {
        "Japan": 2,
        "Poland": 3,
        "Latvia": 2,
        "Estonia": 1,
        "Sweden": 1,
        "United States": 1,
    }
    assert release.unaccounted == 4
    assert sorted(s.slug for s in release.sanctions_relief.all()) == [
        "us-sanctions-belarus-banking",
        "us-sanctions-belarus-potash",
    ]


def test_us_and_eu_sanctions_with_sectors_and_statuses(seeded):
    sanctions = {
        s.slug: (s.imposed_by.slug, s.target.slug, s.sector, s.status)
        for s in Sanction.objects.all()
    }
    assert sanctions == {
        "us-sanctions-belarus-banking": (
            "united-states",
            "belarus",
            "Banking",
            "in_force",
        ),
        "us-sanctions-belarus-potash": (
            "united-states",
            "belarus",
            "Potash fertilizers",
            "in_force",
        ),
        "eu-sanctions-belarus": ("european-union", "belarus", "", "in_force"),
    }
    assert (
        "not lifted de jure"
        in Sanction.objects.get(slug="us-sanctions-belarus-potash").status_note
    )
    assert "Hungary" in Sanction.objects.get(slug="eu-sanctions-belarus").status_note


def test_actors_of_the_brief_with_their_aliases_and_positions(seeded):
    lukashenko = Actor.objects.get(slug="alexander-lukashenko")
    assert {"Lukashenko", "Lukashenka"} <= set(lukashenko.names)
    assert "Keitt Kellogg" in Actor.objects.get(slug="keith-kellogg").names
    positions = dict(
        Actor.objects.filter(kind="person").values_list("slug", "position_en")
    )
    assert positions["keith-kellogg"] == "U.S. Special Representative for Ukraine"
    assert positions["natallia-pyatkevich"] == "Deputy Prime Minister of Belarus"
    assert (
        "Head of the Office of the President of Ukraine"
        in positions["mykhailo-podolyak"]
    )
    states = set(Actor.objects.filter(kind="state").values_list("name_en", flat=True))
    assert {
        "United States",
        "Belarus",
        "Russia",
        "Ukraine",
        "Hungary",
        "Poland",
        "China",
        "Japan",
        "Latvia",
        "Estonia",
        "Sweden",
    } <= states
    organizations = set(
        Actor.objects.filter(kind="organization").values_list("name_en", flat=True)
    )
    assert {
        "European Union",
        "NATO",
        "White House",
        "Republican Party",
    } <= organizations
    assert Actor.objects.get(slug="baltic-states").kind == "group"
    assert seeded.actors.count() == Actor.objects.count()
