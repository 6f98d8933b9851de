"""Importing whole tables: round trips, updates with history, rows in any order."""

import csv
import datetime
import io
import json

import pytest
from django.db import IntegrityError
from openpyxl import Workbook, load_workbook

from briefs.exchange.tables import importing
from briefs.exchange.tables.columns import columns_of
from briefs.models import (
    Actor,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    Publication,
    Sanction,
)
from tests.factories import (
    make_actor,
    make_publication,
    make_release,
    make_user,
)
from tests.helpers import (
    SEED_SLUG,
    csv_text,
    empty_database,
    exported_table,
    load_table,
    row_counts,
)

# Every rule holds whether the file is read whole or a row at a time.
pytestmark = pytest.mark.usefixtures("parts")


# Parents before the rows that name them.
LOAD_ORDER = [
    "author",
    "actor",
    "actoralias",
    "publication",
    "section",
    "contribution",
    "sourcereference",
    "meeting",
    "meetingparticipant",
    "sanction",
    "prisonerrelease",
    "nationalitycount",
    "evidence",
]


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_every_table_exported_and_imported_into_an_empty_database_exports_the_same(
    seeded, file_format
):
    first = {name: exported_table(name, file_format) for name in LOAD_ORDER}
    empty_database()
    assert Publication.objects.count() == 0
    for name in LOAD_ORDER:
        load_table(name, first[name], file_format)
    again = {name: exported_table(name, file_format) for name in LOAD_ORDER}
    if file_format == "xlsx":
        # A workbook is a zip with timestamps inside: compare its cells.
        first = {
            name: list(load_workbook(io.BytesIO(data)).active.values)
            for name, data in first.items()
        }
        again = {
            name: list(load_workbook(io.BytesIO(data)).active.values)
            for name, data in again.items()
        }
    assert again == first
    original = Publication.objects.get(translation_of=None)
    assert original.get_absolute_url().endswith(f"/{SEED_SLUG}/")
    assert original.translations.get().language == "hu"


def test_importing_the_same_file_twice_changes_nothing_the_second_time(seeded):
    data = exported_table("meeting")
    history = Meeting.history.count()
    stamps = list(Meeting.objects.values_list("updated_at", flat=True))
    result = load_table("meeting", data)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)
    assert Meeting.history.count() == history
    assert list(Meeting.objects.values_list("updated_at", flat=True)) == stamps


def test_a_changed_row_is_updated_with_a_history_record_naming_user_and_file(seeded):
    editor = make_user("edna", "Editor")
    rows = list(csv.reader(io.StringIO(exported_table("sanction").decode())))
    header = rows[0]
    rows[1][header.index("status")] = "lifted"
    rows[1][header.index("publications")] = ""
    result = load_table(
        "sanction", csv_text(rows), user=editor, file_name="sanctions.csv"
    )
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    sanction = Sanction.objects.get(slug=rows[1][0])
    assert sanction.status == "lifted"
    assert list(sanction.publications.all()) == []
    record = sanction.history.first()
    assert record.history_type == "~"
    assert record.history_user == editor
    assert record.history_change_reason == "Imported from sanctions.csv"
    assert record.status == "lifted"
    assert record.prev_record.status != "lifted"


def test_new_rows_get_a_history_record_unless_asked_not_to(db):
    load_table("actor", "slug,name,kind\nhungary,Hungary,state\n")
    assert Actor.history.filter(slug="hungary", history_type="+").count() == 1
    load_table("actor", "slug,name,kind\npoland,Poland,state\n", history=False)
    assert not Actor.history.filter(slug="poland").exists()


def test_rows_of_a_file_may_name_each_other_in_any_order(db):
    load_table(
        "actor",
        "slug,name,kind,country\n"
        "alexander-lukashenko,Alexander Lukashenko,person,belarus\n"
        "belarus,Belarus,state,\n",
    )
    person = Actor.objects.get(slug="alexander-lukashenko")
    assert person.country == Actor.objects.get(slug="belarus")


def test_columns_the_file_leaves_out_keep_their_stored_values(seeded):
    before = Meeting.objects.get(slug="kellogg-lukashenko-minsk-2025-06-21")
    load_table(
        "meeting",
        "slug,place\nkellogg-lukashenko-minsk-2025-06-21,Minsk (Independence Palace)\n",
    )
    after = Meeting.objects.get(slug=before.slug)
    assert after.place == "Minsk (Independence Palace)"
    assert (after.date, after.duration_hours, after.title) == (
        before.date,
        before.duration_hours,
        before.title,
    )


def test_a_dry_run_says_what_would_change_and_writes_nothing(seeded):
    before = row_counts()
    result = load_table(
        "actor",
        "slug,name,kind\niceland,Iceland,state\nbelarus,Belarus,state\n",
        dry_run=True,
    )
    assert (result.created, result.updated, result.unchanged) == (1, 0, 1)
    assert row_counts() == before


def test_a_partial_date_is_stored_as_the_first_day_of_its_period(db):
    load_table(
        "meeting", "slug,title,date,date_precision\nm,A meeting,2023-10-17,season\n"
    )
    assert Meeting.objects.get().date == datetime.date(2023, 9, 1)


def test_the_site_shows_what_an_import_changed(seeded, client):
    url = seeded.get_absolute_url()
    assert "Bielorussia" not in client.get(url).content.decode()  # now cached
    load_table("actor", "slug,name,kind\nbelarus,Bielorussia,state\n")
    assert "Bielorussia" in client.get(url).content.decode()


def test_a_large_file_reads_whole_tables_and_finds_the_same_rows(seeded, monkeypatch):
    # Above LARGE keys, related and stored rows are read in one pass, not by
    # lists of keys: the outcome must not change.
    monkeypatch.setattr(importing, "LARGE", 2)
    data = exported_table("meetingparticipant")
    result = load_table("meetingparticipant", data)
    assert (result.created, result.updated, result.unchanged) == (0, 0, result.rows)
    rows = list(csv.reader(io.StringIO(data.decode())))
    rows[1][rows[0].index("role")] = "delegation"
    result = load_table("meetingparticipant", csv_text(rows))
    assert (result.created, result.updated) == (0, 1)
    participant = MeetingParticipant.objects.get(
        meeting__slug=rows[1][0], actor__slug=rows[1][1]
    )
    assert participant.role == "delegation"


def test_a_row_the_database_refuses_stops_the_import_and_writes_nothing(
    db, monkeypatch
):
    # The checks in Python say what the database would refuse; with them set
    # aside, the database's own refusal, met while the rows before it are
    # being written, must still reach the caller and undo the whole file.
    make_actor("belarus")
    make_actor("lithuania")
    monkeypatch.setattr(Sanction, "clean", lambda sanction: None)
    monkeypatch.setattr(importing, "check_constraints", lambda model: [])
    with pytest.raises(IntegrityError):
        load_table(
            "sanction",
            "slug,title,imposed_by,target\n"
            "a,Fine,belarus,lithuania\n"
            "b,Self-imposed,belarus,belarus\n"
            "c,Fine too,lithuania,belarus\n",
        )
    assert not Sanction.objects.exists()
    assert not Sanction.history.exists()


@pytest.mark.parametrize("name", LOAD_ORDER)
def test_a_new_row_is_built_as_django_builds_it(name):
    model = columns_of(name)[1]
    row = [
        7 if field.is_relation else field.get_default()
        for field in model._meta.concrete_fields
    ]
    [built] = importing.instances_of(model, [row])
    django = model(*row)
    assert {**vars(built), "_state": None} == {**vars(django), "_state": None}
    assert (built._state.adding, built._state.db) == (True, None)
    assert built.get_deferred_fields() == django.get_deferred_fields() == set()


def test_new_rows_never_take_the_id_of_a_deleted_row(db):
    deleted = make_actor("gone")
    deleted_id = deleted.pk
    deleted.delete()
    load_table("actor", "slug,name,kind\nhungary,Hungary,state\n")
    assert Actor.objects.get(slug="hungary").pk > deleted_id


def test_native_spreadsheet_and_json_values_are_read_as_their_text(db):
    make_release("r", total=5)
    make_actor("japan")
    workbook = Workbook()
    workbook.active.append(
        ["slug", "title", "date", "date_precision", "date_approximate"]
    )
    workbook.active.append(["m", "Talks", datetime.datetime(2025, 6, 21), "day", False])
    data = io.BytesIO()
    workbook.save(data)
    load_table("meeting", data.getvalue(), "xlsx")
    meeting = Meeting.objects.get(slug="m")
    assert (meeting.date, meeting.date_approximate) == (
        datetime.date(2025, 6, 21),
        False,
    )
    make_publication("a-brief")
    load_table(
        "nationalitycount",
        json.dumps([{"release": "r", "country": "japan", "count": 2}]),
        "json",
    )
    load_table(
        "sanction",
        json.dumps(
            [
                {
                    "slug": "s",
                    "title": "T",
                    "imposed_by": "japan",
                    "target": "releaser-r",
                    "publications": ["a-brief"],
                }
            ]
        ),
        "json",
    )
    assert NationalityCount.objects.get().count == 2
    assert list(Sanction.objects.get().publications.values_list("slug", flat=True)) == [
        "a-brief"
    ]


def test_an_xlsx_and_a_json_file_import_too(db):
    workbook = Workbook()
    workbook.active.append(["slug", "name", "kind"])
    workbook.active.append(["hungary", "Hungary", "state"])
    data = io.BytesIO()
    workbook.save(data)
    load_table("actor", data.getvalue(), "xlsx")
    load_table(
        "actor",
        json.dumps([{"slug": "poland", "name": "Poland", "kind": "state"}]),
        "json",
    )
    assert list(Actor.objects.values_list("slug", flat=True)) == ["hungary", "poland"]


def test_an_import_of_a_brief_s_evidence_reads_each_of_its_texts_once(
    seeded, monkeypatch
):
    """Each quote is checked against its section; the brief's few sections are
    rendered and normalized once for the whole file, not once a row."""
    from briefs.domain import quotes
    from briefs.models import Evidence

    data = exported_table("evidence")
    texts = set(Evidence.objects.values_list("publication", "section"))
    Evidence.objects.all().delete()
    quotes.words_of.cache_clear()
    rendered = []

    def counted(markdown_text):
        rendered.append(markdown_text)
        return text_of(markdown_text)

    text_of = quotes.text_of
    monkeypatch.setattr(quotes, "text_of", counted)
    result = load_table("evidence", data)

    assert result.rows_written == len(data.splitlines()) - 1 > 2 * len(texts)
    assert len(rendered) == len(set(rendered)) <= len(texts)
