"""Whole tables on the command line: export, import, every kind of bad file, atomicity."""

import csv
import datetime
import io
import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import CheckConstraint, Q
from openpyxl import Workbook, load_workbook

from briefs.exchange.formats import CSV, JSON, XLSX
from briefs.exchange.resources import RESOURCES
from briefs.exchange.tables import TableError, import_table, importing
from briefs.exchange.tables.rules import check_constraints, compile_condition
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
    make_author,
    make_nationality_count,
    make_publication,
    make_release,
    make_sanction,
    make_user,
)
from tests.helpers import SEED_SLUG, empty_database, exported_table, row_counts

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
]
FORMATS = {"csv": CSV, "json": JSON, "xlsx": XLSX}


def load(name, data, file_format="csv", **options):
    if isinstance(data, str):
        data = data.encode()
    return import_table(name, data, file_format, **options)


def problems(name, data, file_format="csv"):
    before = row_counts()
    with pytest.raises(TableError) as raised:
        load(name, data, file_format)
    assert row_counts() == before, "a refused file wrote something"
    return [str(problem) for problem in raised.value.problems]


def csv_text(rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


# --- Export ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(RESOURCES))
@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_the_command_line_exports_what_the_admin_exports(seeded, name, file_format):
    resource = RESOURCES[name]()
    admin = FORMATS[file_format]().export_data(resource.export())
    ours = exported_table(name, file_format).decode()
    if file_format == "json":
        assert json.loads(ours) == json.loads(admin)
    else:
        # The admin (tablib) ends lines with CRLF; the command line with LF,
        # as PostgreSQL's COPY does. The cells are the same.
        assert ours == admin.replace("\r\n", "\n")


def test_an_xlsx_export_has_the_admins_cells(seeded):
    admin = load_workbook(
        io.BytesIO(XLSX().export_data(RESOURCES["meeting"]().export()))
    )
    ours = load_workbook(io.BytesIO(exported_table("meeting", "xlsx")))
    assert list(ours.active.values) == list(admin.active.values)


def test_the_same_database_always_exports_the_same_bytes(seeded):
    assert exported_table("actor") == exported_table("actor")
    slugs = [
        row[0] for row in csv.reader(io.StringIO(exported_table("actor").decode()))
    ][1:]
    assert slugs == sorted(slugs)


def test_an_export_costs_the_same_queries_at_any_size(
    db, django_assert_max_num_queries
):
    publication = Publication.objects.create(
        slug="p", title="P", series="S", publisher="X", publication_date="2025-01-01"
    )
    make_actor("state-a")
    make_actor("state-b")
    for number in range(300):
        sanction = make_sanction(
            f"s-{number:03}",
            imposed_by=Actor.objects.get(slug="state-a"),
            target=Actor.objects.get(slug="state-b"),
        )
        sanction.publications.add(publication)
    with django_assert_max_num_queries(6):
        assert exported_table("sanction").count(b"\n") == 301


def test_an_export_writes_formulae_as_text_and_imports_them_back(db):
    make_actor("hungary", name='=HYPERLINK("http://evil")')
    data = exported_table("actor")
    assert b"'=HYPERLINK" in data
    Actor.objects.all().delete()
    load("actor", data)
    assert Actor.objects.get().name == '=HYPERLINK("http://evil")'


# --- Round trips ------------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_every_table_exported_and_imported_into_an_empty_database_exports_the_same(
    seeded, file_format
):
    first = {name: exported_table(name, file_format) for name in LOAD_ORDER}
    empty_database()
    assert Publication.objects.count() == 0
    for name in LOAD_ORDER:
        load(name, first[name], file_format)
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
    assert Publication.objects.get().get_absolute_url().endswith(f"/{SEED_SLUG}/")


def test_importing_the_same_file_twice_changes_nothing_the_second_time(seeded):
    data = exported_table("meeting")
    history = Meeting.history.count()
    stamps = list(Meeting.objects.values_list("updated_at", flat=True))
    result = load("meeting", data)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)
    assert Meeting.history.count() == history
    assert list(Meeting.objects.values_list("updated_at", flat=True)) == stamps


def test_a_changed_row_is_updated_with_a_history_record_naming_user_and_file(seeded):
    editor = make_user("edna", "Editor")
    rows = list(csv.reader(io.StringIO(exported_table("sanction").decode())))
    header = rows[0]
    rows[1][header.index("status")] = "lifted"
    rows[1][header.index("publications")] = ""
    result = load("sanction", csv_text(rows), user=editor, file_name="sanctions.csv")
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
    load("actor", "slug,name,kind\nhungary,Hungary,state\n")
    assert Actor.history.filter(slug="hungary", history_type="+").count() == 1
    load("actor", "slug,name,kind\npoland,Poland,state\n", history=False)
    assert not Actor.history.filter(slug="poland").exists()


def test_rows_of_a_file_may_name_each_other_in_any_order(db):
    load(
        "actor",
        "slug,name,kind,country\n"
        "alexander-lukashenko,Alexander Lukashenko,person,belarus\n"
        "belarus,Belarus,state,\n",
    )
    person = Actor.objects.get(slug="alexander-lukashenko")
    assert person.country == Actor.objects.get(slug="belarus")


def test_columns_the_file_leaves_out_keep_their_stored_values(seeded):
    before = Meeting.objects.get(slug="kellogg-lukashenko-minsk-2025-06-21")
    load(
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
    result = load(
        "actor",
        "slug,name,kind\niceland,Iceland,state\nbelarus,Belarus,state\n",
        dry_run=True,
    )
    assert (result.created, result.updated, result.unchanged) == (1, 0, 1)
    assert row_counts() == before


def test_a_partial_date_is_stored_as_the_first_day_of_its_period(db):
    load("meeting", "slug,title,date,date_precision\nm,A meeting,2023-10-17,season\n")
    assert Meeting.objects.get().date == datetime.date(2023, 9, 1)


# --- Bad files: every problem named, nothing written -------------------------------


@pytest.fixture
def actors(db):
    make_actor("belarus")
    make_actor("united-states")


SANCTION = "slug,title,imposed_by,target,start_date,start_date_precision\n"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "s,T,united-states,nowhere,,",
            "Row 1, column “target” (value “nowhere”): No actor with slug “nowhere”.",
        ),
        (
            "s,T,united-states,belarus,2025-13-01,month",
            "Row 1, column “start_date” (value “2025-13-01”): “2025-13-01” is not a date",
        ),
        (
            "s,T,united-states,belarus,2025-06-01,week",
            "Row 1, column “start_date_precision” (value “week”): “week” is not one of",
        ),
        (
            "s,T,united-states,belarus,2025-06-01,",
            "Row 1, column “start_date_precision”: Give the precision of this date.",
        ),
        (
            "s,,united-states,belarus,,",
            "Row 1, column “title”: This field cannot be blank.",
        ),
        (
            f"s,{'x' * 301},united-states,belarus,,",
            "Row 1, column “title” (value “xxxx",
        ),
        (
            "S P A C E,T,united-states,belarus,,",
            "Row 1, column “slug” (value “S P A C E”): Enter a valid “slug”",
        ),
        (
            "s,T,belarus,belarus,,",
            "Row 1, column “target” (value “belarus”): A sanction is imposed on someone else.",
        ),
    ],
)
def test_a_bad_value_is_named_by_row_column_value_and_reason(actors, row, expected):
    found = problems(
        "sanction",
        SANCTION + "t,Fine,united-states,belarus,,\n" + row.replace("Row 1", "") + "\n",
    )
    expected = expected.replace("Row 1", "Row 2")
    assert any(problem.startswith(expected) for problem in found), found


def test_a_text_too_long_says_how_long_it_may_be(actors):
    [problem] = problems(
        "sanction", SANCTION + f"s,{'x' * 301},united-states,belarus,,\n"
    )
    assert "at most 300 characters (it has 301)" in problem


def test_a_negative_count_is_refused(db):
    make_release("r", total=5)
    make_actor("japan")
    [problem] = problems("nationalitycount", "release,country,count\nr,japan,-1\n")
    assert problem.startswith("Row 1, column “count” (value “-1”)")


def test_a_count_of_zero_breaks_a_check_constraint_and_is_refused(db):
    make_release("r", total=5)
    make_actor("japan")
    [problem] = problems("nationalitycount", "release,country,count\nr,japan,0\n")
    assert "briefs_nationality_count_positive" in problem


def test_a_breakdown_above_the_total_is_refused_across_the_rows_of_the_file(db):
    make_release("r", total=4)
    make_actor("japan")
    make_actor("poland")
    [problem] = problems(
        "nationalitycount", "release,country,count\nr,japan,2\nr,poland,3\n"
    )
    assert problem == (
        "Row 2, column “count” (value “3”): The nationality breakdown (5) may not "
        "exceed the total released (4)."
    )


def test_a_breakdown_counts_the_stored_rows_the_file_does_not_replace(db):
    release = make_release("r", total=4)
    make_nationality_count(release, make_actor("japan"), 3)
    make_actor("poland")
    [problem] = problems("nationalitycount", "release,country,count\nr,poland,2\n")
    assert (
        "The nationality breakdown (5) may not exceed the total released (4)."
        in problem
    )
    # Replacing the stored count instead stays within the total.
    load("nationalitycount", "release,country,count\nr,japan,1\nr,poland,2\n")
    assert sorted(NationalityCount.objects.values_list("count", flat=True)) == [1, 2]


def test_a_total_below_the_stored_breakdown_is_refused(seeded):
    rows = list(csv.reader(io.StringIO(exported_table("prisonerrelease").decode())))
    rows[1][rows[0].index("total")] = "3"
    [problem] = problems("prisonerrelease", csv_text(rows))
    assert (
        "The nationality breakdown (10) may not exceed the total released (3)."
        in problem
    )


def test_a_slug_given_twice_names_both_rows(actors):
    found = problems(
        "actor", "slug,name,kind\nhungary,Hungary,state\nhungary,Magyarország,state\n"
    )
    assert found == [
        "Row 2, column “slug” (value “hungary”): Row 1 already has slug “hungary”: "
        "a file may give each row once."
    ]


def test_unknown_and_missing_columns_are_named(db):
    found = problems("actor", "name,kind,colour\nHungary,state,red\n")
    assert any("column “colour”: actors have no such column" in p for p in found)
    assert any(
        "column “slug”: the file has no such column, which names each row" in p
        for p in found
    )


def test_a_row_with_too_many_cells_is_named(db):
    [problem] = problems("actor", "slug,name,kind\nhungary,Hungary,state,extra\n")
    assert problem == "Row 1: the row has 4 cells, the header has 3."


def test_every_problem_of_a_file_is_reported_at_once(actors):
    found = problems(
        "sanction",
        SANCTION + "a,T,nowhere,belarus,,\nb,,united-states,belarus,2025-99-01,day\n",
    )
    assert [problem.split(":")[0] for problem in found] == [
        "Row 1, column “imposed_by” (value “nowhere”)",
        "Row 2, column “title”",
        "Row 2, column “start_date” (value “2025-99-01”)",
    ]


@pytest.mark.parametrize(
    ("data", "file_format", "expected"),
    [
        (b"", "csv", "the file is empty"),
        (b"\n\n", "csv", "the file is empty"),
        (b"slug,name,kind\n", "csv", "a header but no rows"),
        (
            "slug,name,kind\nmagyarorsz\u00e1g,Magyar,state\n".encode("latin-1"),
            "csv",
            "not UTF-8 text: byte 0xe1 on line 2",
        ),
        (b"slug,name\x00,kind\nh,H,state\n", "csv", "binary data"),
        (b'slug,name,kind\nh,"Hungary,state\n', "csv", "not valid CSV"),
        (b"PK\x03\x04 not really a zip", "csv", "not CSV text"),
        (b"slug,name,kind\nh,H,state\n", "xlsx", "not an XLSX workbook"),
        (b"PK\x03\x04broken", "xlsx", "not a readable XLSX workbook"),
        (b"{not json", "json", "not valid JSON: Expecting property name"),
        (b'{"slug": "h"}', "json", "must be a list of objects"),
        (b"[]", "json", "a header but no rows"),
        (
            b'[{"slug": "h", "name": {"a": 1}, "kind": "state"}]',
            "json",
            "a cell holds text",
        ),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_whole(
    db, data, file_format, expected
):
    found = problems("actor", data, file_format)
    assert any(expected in problem for problem in found), found


def test_a_bad_row_after_thousands_of_written_ones_still_writes_nothing(
    db, monkeypatch
):
    monkeypatch.setattr(importing, "BATCH", 50)
    make_actor("belarus")
    make_actor("united-states")
    rows = [f"s-{number},T,united-states,belarus,," for number in range(400)]
    rows.append("bad,T,belarus,belarus,,")  # caught only when its batch is checked
    found = problems("sanction", SANCTION + "\n".join(rows) + "\n")
    assert found == [
        "Row 401, column “target” (value “belarus”): A sanction is imposed on someone else."
    ]
    assert not Sanction.objects.exists()


def test_an_xlsx_and_a_json_file_import_too(db):
    workbook = Workbook()
    workbook.active.append(["slug", "name", "kind"])
    workbook.active.append(["hungary", "Hungary", "state"])
    data = io.BytesIO()
    workbook.save(data)
    load("actor", data.getvalue(), "xlsx")
    load(
        "actor",
        json.dumps([{"slug": "poland", "name": "Poland", "kind": "state"}]),
        "json",
    )
    assert list(Actor.objects.values_list("slug", flat=True)) == ["hungary", "poland"]


# --- Check constraints in Python ----------------------------------------------------


@pytest.mark.parametrize(
    "model", list(apps.get_app_config("briefs").get_models()), ids=str
)
def test_every_check_constraint_of_the_app_can_be_checked_before_writing(model):
    check_constraints(model)  # raises for a lookup rules.py cannot evaluate


def test_a_comparison_with_null_is_unknown_and_does_not_break_a_constraint():
    ends_after_start = compile_condition(
        Sanction, Q(end_date__gte=models_f("start_date")) | Q(end_date__isnull=True)
    )
    sanction = Sanction(start_date=None, end_date=datetime.date(2025, 1, 1))
    assert ends_after_start(sanction) is None
    sanction.start_date = datetime.date(2025, 2, 1)
    assert ends_after_start(sanction) is False
    sanction.end_date = None
    assert ends_after_start(sanction) is True


def models_f(name):
    from django.db.models import F

    return F(name)


def test_a_lookup_rules_py_does_not_know_fails_loudly():
    with pytest.raises(NotImplementedError, match="icontains"):
        compile_condition(
            Actor, CheckConstraint(condition=Q(name__icontains="x"), name="n").condition
        )


# --- The commands -----------------------------------------------------------------


def test_import_table_lists_every_problem_and_exits_non_zero(actors, tmp_path):
    path = tmp_path / "sanctions.csv"
    path.write_text(SANCTION + "a,T,nowhere,belarus,,\n")
    errors = io.StringIO()
    with pytest.raises(
        CommandError, match=r"Nothing was imported: 1 problem in .*sanctions.csv"
    ):
        call_command("import_table", "sanction", str(path), stderr=errors)
    assert (
        "Row 1, column “imposed_by” (value “nowhere”): No actor with slug “nowhere”."
        in errors.getvalue()
    )
    assert not Sanction.objects.exists()


def test_import_table_says_what_it_did_and_draws_no_bar_off_a_terminal(db, tmp_path):
    path = tmp_path / "actors.json"
    path.write_text(
        json.dumps([{"slug": "hungary", "name": "Hungary", "kind": "state"}])
    )
    out, errors = io.StringIO(), io.StringIO()
    call_command("import_table", "actor", str(path), stdout=out, stderr=errors)
    assert "Imported 1 actors from" in out.getvalue()
    assert "1 created, 0 updated, 0 unchanged" in out.getvalue()
    assert errors.getvalue() == ""


def test_import_table_needs_a_format_it_can_tell(db, tmp_path):
    path = tmp_path / "actors.txt"
    path.write_text("slug,name,kind\nh,H,state\n")
    with pytest.raises(CommandError, match="give --format csv, xlsx or json"):
        call_command("import_table", "actor", str(path), stderr=io.StringIO())
    call_command(
        "import_table", "actor", str(path), "--format", "csv", stdout=io.StringIO()
    )
    assert Actor.objects.filter(slug="h").exists()


def test_import_table_dry_run_writes_nothing(db, tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("slug,name,kind\nh,H,state\n")
    out = io.StringIO()
    call_command("import_table", "actor", str(path), "--dry-run", stdout=out)
    assert "Would import 1 actors" in out.getvalue()
    assert not Actor.objects.exists()


def test_import_table_records_the_named_user(db, tmp_path):
    editor = make_user("edna", "Editor")
    path = tmp_path / "actors.csv"
    path.write_text("slug,name,kind\nh,H,state\n")
    call_command(
        "import_table", "actor", str(path), "--user", "edna", stdout=io.StringIO()
    )
    assert Actor.history.get().history_user == editor
    with pytest.raises(CommandError, match="No user named “nobody”"):
        call_command("import_table", "actor", str(path), "--user", "nobody")


def test_export_table_writes_a_file_of_the_format_its_name_says(seeded, tmp_path):
    path = tmp_path / "meetings.xlsx"
    out = io.StringIO()
    call_command("export_table", "meeting", "-o", str(path), stdout=out)
    assert "Exported 5 rows" in out.getvalue()
    assert load_workbook(path).active["A1"].value == "slug"


def test_export_table_writes_csv_to_standard_output(seeded, capsysbinary):
    call_command("export_table", "nationalitycount")
    lines = capsysbinary.readouterr().out.decode().splitlines()
    assert lines[0] == "release,country,count"
    assert len(lines) == 7


def test_the_site_shows_what_an_import_changed(seeded, client):
    url = Publication.objects.get().get_absolute_url()
    assert "Bielorussia" not in client.get(url).content.decode()  # now cached
    load("actor", "slug,name,kind\nbelarus,Bielorussia,state\n")
    assert "Bielorussia" in client.get(url).content.decode()


def test_a_unique_constraint_besides_the_key_holds_across_file_and_table(seeded):
    make_author("jane-doe")
    make_author("john-roe")
    # Position 1 is the brief's author's, stored and not in the file.
    [problem] = problems(
        "contribution",
        f"publication,author,role,position\n{SEED_SLUG},jane-doe,editor,1\n",
    )
    assert problem == (
        "Row 1, column “position” (value “1”): Another row already has this "
        "publication and position."
    )
    found = problems(
        "contribution",
        "publication,author,role,position\n"
        f"{SEED_SLUG},jane-doe,editor,7\n{SEED_SLUG},john-roe,editor,7\n",
    )
    assert found == [
        "Row 2, column “position” (value “7”): Another row already has this "
        "publication and position."
    ]


def test_a_progress_bar_is_drawn_on_a_terminal_only():
    from briefs.exchange.tables.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress(stream)
        progress("importing", 5000, 10000)
        progress("importing", 10000, 10000)
        progress.close()
    assert "importing" in terminal.getvalue() and "10000/10000" in terminal.getvalue()
    assert pipe.getvalue() == ""


def test_a_large_file_reads_whole_tables_and_finds_the_same_rows(seeded, monkeypatch):
    # Above LARGE keys, related and stored rows are read in one pass, not by
    # lists of keys: the outcome must not change.
    monkeypatch.setattr(importing, "LARGE", 2)
    data = exported_table("meetingparticipant")
    result = load("meetingparticipant", data)
    assert (result.created, result.updated, result.unchanged) == (0, 0, result.rows)
    rows = list(csv.reader(io.StringIO(data.decode())))
    rows[1][rows[0].index("role")] = "delegation"
    result = load("meetingparticipant", csv_text(rows))
    assert (result.created, result.updated) == (0, 1)
    participant = MeetingParticipant.objects.get(
        meeting__slug=rows[1][0], actor__slug=rows[1][1]
    )
    assert participant.role == "delegation"


def test_a_carriage_return_in_a_cell_is_quoted_on_either_database(db):
    make_actor("hungary", description="line one\rline two")
    data = exported_table("actor")
    assert data.endswith(b',"line one\rline two"\n')
    Actor.objects.all().delete()
    load("actor", data)
    assert Actor.objects.get().description == "line one\rline two"


def test_import_table_no_history_flag_writes_no_history_records(db, tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("slug,name,kind\nh,H,state\n")
    call_command(
        "import_table", "actor", str(path), "--no-history", stdout=io.StringIO()
    )
    assert Actor.objects.filter(slug="h").exists()
    assert not Actor.history.exists()


def test_import_table_names_a_file_it_cannot_read(db, tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*missing.csv"):
        call_command("import_table", "actor", str(tmp_path / "missing.csv"))


def test_new_rows_never_take_the_id_of_a_deleted_row(db):
    deleted = make_actor("gone")
    deleted_id = deleted.pk
    deleted.delete()
    load("actor", "slug,name,kind\nhungary,Hungary,state\n")
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
    load("meeting", data.getvalue(), "xlsx")
    meeting = Meeting.objects.get(slug="m")
    assert (meeting.date, meeting.date_approximate) == (
        datetime.date(2025, 6, 21),
        False,
    )
    make_publication("a-brief")
    load(
        "nationalitycount",
        json.dumps([{"release": "r", "country": "japan", "count": 2}]),
        "json",
    )
    load(
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
