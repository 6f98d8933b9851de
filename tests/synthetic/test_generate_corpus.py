"""The generate_corpus command: a deterministic, valid, readable synthetic corpus."""

import datetime
import io
import re
from collections import Counter

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains

from briefs.domain import dates
from briefs.models import (
    Actor,
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
from briefs.reading import caching
from briefs.synthetic.corpus import corpus_prefix
from tests.factories import make_actor
from tests.helpers import canonical, row_counts
from tests.snapshots import restored, take_snapshot

CITATION = re.compile(r"\[[^\[\]]+\]\[([0-9]+)\]")


def generate(**options):
    call_command("generate_corpus", verbosity=0, **options)


def briefs_models(include_auto_created=False):
    """The app's content models and their link tables: no history tables, no proposals."""
    app = apps.get_app_config("briefs")
    content = set(app.domain_models())
    return [
        model
        for model in app.get_models(include_auto_created=include_auto_created)
        if model in content or model._meta.auto_created in content
    ]


def dump():
    """Every row of the app, history included, canonical and without numeric ids:
    those depend on what the database handed out before, not on the corpus.
    Not the rows the site derives for itself (the page generation)."""
    records = []
    app = apps.get_app_config("briefs")
    for model in app.get_models():
        if model in app.derived_models():
            continue
        for record in serializers.serialize(
            "python",
            model.objects.all(),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        ):
            record.pop("pk", None)
            record["fields"].pop("id", None)  # A history record's copy of the row's id.
            records.append(record)
    return canonical(records)


def generated_then_rolled_back(**options):
    with transaction.atomic():
        generate(**options)
        snapshot = dump()
        transaction.set_rollback(True)
    return snapshot


def make_corpus():
    """A small corpus with a row in every table (seed chosen for that)."""
    generate(briefs=12, seed=4, actors=120, drafts=0.25)
    return corpus_prefix(4)


@pytest.fixture(scope="module")
def corpus_snapshot(django_db_setup, django_db_blocker):
    """``make_corpus()`` taken once for the module's tests that only read it."""
    with django_db_blocker.unblock():
        return take_snapshot(make_corpus)


@pytest.fixture
def corpus(db, corpus_snapshot):
    """``make_corpus()``'s rows restored for the test; the corpus's prefix."""
    return restored(corpus_snapshot, make_corpus)


# --- Size ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_number_of_rows_grows_with_the_number_of_briefs():
    generate(briefs=2, seed=1)
    generate(briefs=20, seed=2)

    def counted(model, seed, **filters):
        return model.objects.filter(**filters, slug__startswith=f"gen-{seed}-").count()

    assert counted(Publication, 1) == 2
    assert counted(Publication, 2) == 20
    # Thirty actors a brief by default.
    assert counted(Actor, 1) == 60
    assert counted(Actor, 2) == 600
    # At least one meeting and three sections a brief, at most twelve.
    sections = Section.objects.filter(publication__slug__startswith="gen-2-")
    per_brief = sections.values("publication").annotate(n=Count("id"))
    assert {row["n"] for row in per_brief} <= set(range(3, 13))
    assert len(per_brief) == 20
    assert counted(Meeting, 2) >= 20 > counted(Meeting, 1)
    assert Actor.objects.filter(slug__startswith="gen-2-", kind="person").count() > 400


@pytest.mark.django_db
def test_actors_option_sets_the_number_of_actors():
    generate(briefs=3, seed=1, actors=25)

    assert Actor.objects.count() == 25
    kinds = set(Actor.objects.values_list("kind", flat=True))
    assert kinds == {"state", "person", "organization", "group"}


@pytest.mark.django_db
def test_drafts_option_leaves_the_newest_briefs_as_drafts(client):
    generate(briefs=8, seed=1, drafts=0.25)

    drafts = Publication.objects.filter(status=Publication.Status.DRAFT)
    published = Publication.objects.published()
    assert drafts.count() == 2
    assert all(draft.published_at is None for draft in drafts)
    newest_published = max(p.publication_date for p in published)
    assert all(draft.publication_date >= newest_published for draft in drafts)
    assert client.get(drafts.first().get_absolute_url()).status_code == 404


# --- Determinism and collisions ----------------------------------------------


@pytest.mark.django_db
def test_same_seed_and_options_give_the_same_corpus():
    first = generated_then_rolled_back(briefs=4, seed=7, drafts=0.25)
    assert not Publication.objects.exists()
    second = generated_then_rolled_back(briefs=4, seed=7, drafts=0.25)

    assert len(first) > 500
    assert first == second


@pytest.mark.django_db
def test_another_seed_adds_a_second_corpus_and_leaves_the_first_alone():
    generate(briefs=3, seed=1)
    before = dump()

    generate(briefs=3, seed=2)

    after = dump()
    assert Publication.objects.count() == 6
    assert Counter(before) - Counter(after) == Counter()  # Nothing changed or went.
    slugs = [
        slug
        for model in (Actor, Publication, Meeting, Sanction, PrisonerRelease)
        for slug in model.objects.values_list("slug", flat=True)
    ]
    assert len(slugs) == len(set(slugs))
    # The second corpus is self-contained: it never links to the first.
    second = Publication.objects.filter(slug__startswith="gen-2-")
    assert not second.filter(actors__slug__startswith="gen-1-").exists()
    assert not MeetingParticipant.objects.filter(
        meeting__slug__startswith="gen-2-", actor__slug__startswith="gen-1-"
    ).exists()


@pytest.mark.django_db
def test_same_seed_twice_is_refused_and_writes_nothing():
    generate(briefs=3, seed=3)
    before = row_counts()

    with pytest.raises(CommandError, match="corpus for seed 3 already exists"):
        generate(briefs=1, seed=3, actors=10)

    assert row_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "options",
    [
        {"briefs": 0, "seed": 1},
        {"briefs": 2, "seed": -1},
        {"briefs": 2, "seed": 10**100},
        {"briefs": 2, "seed": 1, "actors": 9},
        {"briefs": 2, "seed": 1, "drafts": 1.5},
    ],
)
def test_impossible_options_are_refused(options):
    with pytest.raises(CommandError):
        generate(**options)

    assert not Actor.objects.exists()


# --- Validity --------------------------------------------------------------------


def test_every_generated_row_passes_full_clean(corpus):
    checked = Counter()
    for model in briefs_models(include_auto_created=True):
        for row in model.objects.all():
            stored = {f.attname: getattr(row, f.attname) for f in model._meta.fields}
            # Fields, clean() and every constraint, unique ones included.
            row.full_clean()
            # clean() would have normalized a partial date, say: nothing to do.
            assert {f.attname: getattr(row, f.attname) for f in model._meta.fields} == (
                stored
            ), row
            checked[model._meta.label] += 1

    assert set(checked) == {
        model._meta.label for model in briefs_models(include_auto_created=True)
    }


def test_partial_dates_of_every_precision_are_stored_normalized(db):
    # Precision and "about" are drawn at random: enough meetings to see each.
    generate(briefs=40, seed=5, actors=200)

    meetings = list(Meeting.objects.all())
    assert {m.date_precision for m in meetings} == {"day", "month", "season", "year"}
    assert any(m.date_approximate for m in meetings)
    for row, prefix in [
        *((m, "date") for m in meetings),
        *((r, "date") for r in PrisonerRelease.objects.all()),
        *((s, "start_date") for s in Sanction.objects.all()),
        *((s, "end_date") for s in Sanction.objects.all()),
    ]:
        date, precision = getattr(row, prefix), getattr(row, f"{prefix}_precision")
        assert dates.normalize(date, precision) == date
        assert (date is None) == (precision == "")
    for sanction in Sanction.objects.exclude(start_date=None).exclude(end_date=None):
        assert sanction.end_date >= sanction.start_date
    assert Sanction.objects.exclude(end_date=None).exists()


def test_release_breakdown_never_exceeds_total(db):
    generate(briefs=30, seed=6)

    releases = PrisonerRelease.objects.annotate(
        counted=Sum("nationality_counts__count")
    )
    assert releases.exclude(counted=None).exists()
    for release in releases:
        assert (release.counted or 0) <= release.total
    assert not NationalityCount.objects.exclude(country__kind="state").exists()


def test_meetings_have_a_host_a_visitor_and_each_actor_once(corpus):
    for meeting in Meeting.objects.prefetch_related("participations"):
        participations = list(meeting.participations.all())
        actors = [p.actor_id for p in participations]
        roles = Counter(p.role for p in participations)
        assert len(actors) == len(set(actors)), meeting
        assert roles["host"] == 1 and roles["visitor"] == 1, meeting
        assert [p.position for p in participations] == list(
            range(1, len(participations) + 1)
        )
        assert meeting.publications.exists()


def test_sanctions_are_imposed_on_someone_else(corpus):
    sanctions = Sanction.objects.all()
    assert sanctions.exists()
    for sanction in sanctions:
        assert sanction.imposed_by_id != sanction.target_id


def test_persons_belong_to_a_state(corpus):
    persons = Actor.objects.filter(kind="person")
    assert persons.exists()
    assert not persons.exclude(country__kind="state").exists()
    assert not Actor.objects.filter(kind="state", country__isnull=False).exists()


# --- The text of a brief ---------------------------------------------------------


def test_source_references_are_numbered_and_cited_in_the_text(corpus):
    for publication in Publication.objects.prefetch_related(
        "sections", "source_references"
    ):
        numbers = [r.number for r in publication.source_references.all()]
        text = "\n\n".join(s.body for s in publication.sections.all())
        cited = [int(n) for n in CITATION.findall(text)]
        assert numbers == list(range(1, len(numbers) + 1)), publication
        assert set(cited) == set(numbers), publication
        # In reading order: each source is first cited after the one before.
        first_citations = list(dict.fromkeys(cited))
        assert first_citations == sorted(first_citations), publication
    assert SourceReference.objects.exclude(url="").exists()
    assert SourceReference.objects.filter(url="").exists()


def test_every_actor_of_a_brief_is_named_in_it(corpus):
    for publication in Publication.objects.prefetch_related(
        "sections", "actors__aliases"
    ):
        text = " ".join(
            [publication.title, publication.summary]
            + [s.body for s in publication.sections.all()]
        )
        actors = publication.actors.all()
        assert actors, publication
        for actor in actors:
            assert any(name in text for name in actor.names), (publication, actor)


def test_every_brief_credits_an_author_first(corpus):
    for publication in Publication.objects.prefetch_related("contributions"):
        contributions = list(publication.contributions.all())
        assert contributions[0].role == Contribution.Role.AUTHOR
        assert [c.position for c in contributions] == list(
            range(1, len(contributions) + 1)
        )


def test_a_generated_brief_is_read_on_the_site(corpus, client):
    publication = Publication.objects.published().first()

    response = client.get(publication.get_absolute_url())

    assert response.status_code == 200
    for section in publication.sections.all():
        assertContains(response, f"<h2>{escape(section.heading)}</h2>", html=False)
    assertContains(response, 'class="actor"')


# --- Side effects ------------------------------------------------------------------


def test_kept_pages_go_stale_once_the_corpus_is_written(db):
    before = caching.generation()
    generate(briefs=1, seed=1)
    assert caching.generation() != before


def test_a_dry_run_generates_then_rolls_back_everything(
    db, django_capture_on_commit_callbacks
):
    out = io.StringIO()

    with django_capture_on_commit_callbacks() as callbacks:
        call_command("generate_corpus", briefs=2, seed=1, dry_run=True, stdout=out)

    assert "Rolled back" in out.getvalue()
    assert not any(row_counts().values())
    assert not callbacks


def test_every_generated_row_gets_one_first_history_record(corpus):
    for model in briefs_models():
        rows = model.objects.count()
        records = model.history.filter(
            history_type="+", history_change_reason="Generated corpus (seed 4)"
        )
        assert rows and records.count() == rows, model


@pytest.mark.django_db
def test_no_history_option_skips_the_history_records():
    generate(briefs=2, seed=1, no_history=True)

    assert Publication.objects.exists()
    assert not Publication.history.exists()
    assert not Actor.history.exists()


@pytest.mark.django_db
def test_timestamps_come_from_the_corpus_calendar_not_the_clock():
    generate(briefs=3, seed=1)
    latest = max(Publication.objects.values_list("updated_at", flat=True))
    assert latest < datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)

    # The clock is back for everything saved afterwards.
    actor = make_actor("saved-after-the-corpus")
    assert abs(actor.created_at - timezone.now()) < datetime.timedelta(minutes=1)


@pytest.mark.django_db
def test_command_reports_counts_and_time_unless_silenced():
    out = io.StringIO()
    call_command("generate_corpus", briefs=2, seed=1, stdout=out)
    quiet = io.StringIO()
    call_command("generate_corpus", briefs=2, seed=2, stdout=quiet, verbosity=0)

    report = out.getvalue()
    assert re.search(r"publications\s+2\n", report)
    assert re.search(r"actors\s+60\n", report)
    assert re.search(r"in [0-9.]+ s\.", report)
    assert quiet.getvalue() == ""


@pytest.mark.django_db
def test_the_corpus_leaves_the_planner_statistics_of_its_tables():
    generate(briefs=2, seed=5)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE relname = 'briefs_actor'"
            )
            assert cursor.fetchone()[0] == Actor.objects.count()
        else:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'briefs_actor'")
            assert cursor.fetchone() is not None
