"""``loaddata`` applies the rules ``import_brief`` applies, in the same words:
a bad fixture is refused in one line per problem, with no traceback, and
writes nothing."""

import json

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.helpers import SEED_FIXTURE, row_counts

pytestmark = pytest.mark.django_db

RELEASE = "belarus-prisoner-release-2025-06"
MEETING = "kellogg-lukashenko-minsk-2025-06-21"


def shipped():
    return json.loads(SEED_FIXTURE.read_text())


def first(objects, model, **fields):
    return next(
        obj
        for obj in objects
        if obj["model"] == model
        and all(obj["fields"].get(name) == value for name, value in fields.items())
    )


def total_below_breakdown(objects):
    first(objects, "briefs.prisonerrelease", slug=RELEASE)["fields"]["total"] = 5


def a_person_as_a_nationality(objects):
    count = first(objects, "briefs.nationalitycount", country=["japan"])
    count["fields"]["country"] = ["keith-kellogg"]


def a_status_no_sanction_has(objects):
    first(objects, "briefs.sanction")["fields"]["status"] = "paused"


def a_quote_the_text_does_not_hold(objects):
    first(objects, "briefs.evidence")["fields"]["quote"] = "words the brief never says"


def a_superuser(objects):
    objects.append(
        {
            "model": "auth.user",
            "fields": {
                "username": "mallory",
                "password": "x",
                "is_superuser": True,
                "is_staff": True,
            },
        }
    )


def an_impossible_date(objects):
    first(objects, "briefs.meeting", slug=MEETING)["fields"]["date"] = "2025-02-30"


def an_unknown_reference(objects):
    first(objects, "briefs.meeting", slug=MEETING)["fields"]["country"] = ["atlantis"]


def a_negative_count(objects):
    first(objects, "briefs.nationalitycount", country=["japan"])["fields"]["count"] = -1


BREAKAGES = [
    total_below_breakdown,
    a_person_as_a_nationality,
    a_status_no_sanction_has,
    a_quote_the_text_does_not_hold,
    a_superuser,
    an_impossible_date,
    an_unknown_reference,
    a_negative_count,
]


def refusal(command, path):
    with pytest.raises(CommandError) as refused:
        call_command(command, str(path), verbosity=0)
    return str(refused.value).splitlines()


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_loaddata_refuses_what_import_brief_refuses_in_the_same_words(
    tmp_path, breakage
):
    objects = shipped()
    breakage(objects)
    path = tmp_path / "brief.json"
    path.write_text(json.dumps(objects))

    by_import_brief = refusal("import_brief", path)
    by_loaddata = refusal("loaddata", path)

    assert by_import_brief[-1] == "Nothing was imported."
    assert by_loaddata[0] == "brief.json:"
    assert by_loaddata[-1] == "Nothing was loaded."
    assert by_loaddata[1:-1] == by_import_brief[:-1]
    assert set(row_counts().values()) == {0}
    assert not User.objects.filter(username="mallory").exists()


def test_the_shipped_fixture_loads_with_loaddata(db):
    call_command("loaddata", str(SEED_FIXTURE), verbosity=0)
    # The seed brief's two editions.
    assert row_counts()["briefs.Publication"] == 2
