"""Exporting whole tables: the admin's cells, the same bytes every time, safe for spreadsheets."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from briefs.domain import derived
from briefs.exchange.formats import CSV, JSON, XLSX
from briefs.exchange.resources import RESOURCES
from briefs.models import (
    Actor,
    Publication,
)
from tests.factories import (
    make_actor,
    make_sanction,
)
from tests.helpers import (
    exported_table,
    load_table,
)

FORMATS = {"csv": CSV, "json": JSON, "xlsx": XLSX}


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
    with derived.write():
        publication = Publication.objects.create(
            slug="p",
            title="P",
            series="S",
            publisher="X",
            publication_date="2025-01-01",
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
    load_table("actor", data)
    assert Actor.objects.get().name == '=HYPERLINK("http://evil")'


def test_a_carriage_return_in_a_cell_is_quoted_on_either_database(db):
    make_actor("hungary", description="line one\rline two")
    data = exported_table("actor")
    # Its Hungarian description, empty, is the last column.
    assert data.endswith(b',"line one\rline two",\n')
    Actor.objects.all().delete()
    load_table("actor", data)
    assert Actor.objects.get().description == "line one\rline two"
