"""Loading or importing what the database already holds writes no history."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from briefs.exchange.formats import CSV
from briefs.exchange.resources import RESOURCES
from briefs.exchange.tables import export_table, import_table
from briefs.models import Actor
from tests.helpers import SEED_FIXTURE, SEED_SLUG

pytestmark = pytest.mark.django_db


def history_counts():
    return {
        model._meta.label: model.history.count()
        for model in apps.get_app_config("briefs").get_models()
        if hasattr(model, "history")
    }


def test_loading_the_same_fixture_twice_records_history_once(db):
    call_command("loaddata", str(SEED_FIXTURE), verbosity=0)
    first = history_counts()
    assert first["briefs.Actor"] == Actor.objects.count()
    call_command("loaddata", str(SEED_FIXTURE), verbosity=0)
    assert history_counts() == first


def test_loading_a_fixture_over_a_changed_row_records_that_row_again(seeded):
    actor = Actor.objects.get(slug="belarus")
    Actor.objects.filter(pk=actor.pk).update(name_en="Changed")
    before = history_counts()
    call_command("loaddata", str(SEED_FIXTURE), verbosity=0)
    after = history_counts()
    assert after.pop("briefs.Actor") == before.pop("briefs.Actor") + 1
    assert after == before
    assert actor.history.first().name_en == "Belarus"


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_import_table_of_an_unchanged_table_writes_no_history(seeded, file_format):
    before = history_counts()
    for name in RESOURCES:
        stream = io.BytesIO()
        export_table(name, stream, file_format)
        result = import_table(name, stream.getvalue(), file_format)
        assert (result.created, result.updated) == (0, 0), name
    assert history_counts() == before


def test_import_brief_of_an_unchanged_brief_writes_no_history(seeded, tmp_path):
    out = io.StringIO()
    call_command("export_brief", SEED_SLUG, stdout=out)
    path = tmp_path / "bundle.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    before = history_counts()
    call_command("import_brief", str(path), stdout=io.StringIO())
    assert history_counts() == before


def test_the_admins_import_of_an_unchanged_table_writes_no_history(seeded):
    before = history_counts()
    for name, resource_class in RESOURCES.items():
        resource = resource_class()
        data = CSV().export_data(resource.export())
        dataset = CSV().create_dataset(data)
        result = resource.import_data(dataset, dry_run=False)
        assert not result.has_errors(), name
        assert result.totals["update"] == result.totals["new"] == 0, name
    assert history_counts() == before
