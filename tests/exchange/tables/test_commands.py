"""The import_table and export_table commands: output, exit codes, flags."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from briefs.models import (
    Actor,
    Sanction,
)
from tests.factories import (
    make_user,
)
from tests.helpers import (
    SANCTION_HEADER,
)


def test_import_table_lists_every_problem_and_exits_non_zero(actors, tmp_path):
    path = tmp_path / "sanctions.csv"
    path.write_text(SANCTION_HEADER + "a,T,nowhere,belarus,,\n")
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
