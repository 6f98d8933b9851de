"""Brief bundles: `export_brief` writes one brief as a self-contained fixture,
`import_brief` loads it into any database, all or nothing."""

import io
import json

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import CommandError, call_command

from briefs.bundles import bundle_models
from briefs.models import (
    Actor,
    Meeting,
)
from tests.conftest import (
    SEED_FIXTURE,
    SEED_SLUG,
    make_actor,
    make_author,
    make_contribution,
    make_meeting,
    make_participant,
    make_publication,
    make_release,
    make_sanction,
    make_section,
)

pytestmark = pytest.mark.django_db

KELLOGG_MEETING = "kellogg-lukashenko-minsk-2025-06-21"
RELEASE = "belarus-prisoner-release-2025-06"


def export(slug=SEED_SLUG):
    out = io.StringIO()
    call_command("export_brief", slug, stdout=out)
    return out.getvalue()


def position(objects, model, **fields):
    """The 1-based position of the first object of ``model`` with these field values."""
    return next(
        index
        for index, obj in enumerate(objects, 1)
        if obj["model"] == model
        and all(obj["fields"].get(name) == value for name, value in fields.items())
    )


def canonical(objects):
    """Objects as sorted canonical JSON strings, many-to-many lists sorted too."""
    result = []
    for obj in objects:
        fields = {
            name: sorted(value)
            if isinstance(value, list) and value and isinstance(value[0], list)
            else value
            for name, value in obj["fields"].items()
        }
        result.append(json.dumps({**obj, "fields": fields}, sort_keys=True))
    return sorted(result)


# --- Export ---------------------------------------------------------------------


def test_bundle_of_the_seeded_brief_is_the_shipped_fixture(seeded):
    shipped = json.loads(SEED_FIXTURE.read_text())
    bundle = json.loads(export())
    assert len(bundle) == len(shipped) == 99
    assert canonical(bundle) == canonical(shipped)


def test_export_is_ordered_and_formatted_deterministically(seeded):
    text = export()
    assert text == export()
    assert text.startswith('[\n  {\n    "model": "briefs.author",\n')
    assert text.endswith("}\n]\n")
    assert "“Old Friend”" in text  # not escaped as \u201c
    objects = json.loads(text)
    # Dependency order, each model once, as loaddata needs it.
    labels = [obj["model"] for obj in objects]
    runs = [label for i, label in enumerate(labels) if i == 0 or labels[i - 1] != label]
    expected = serializers.sort_dependencies(
        [(apps.get_app_config("briefs"), bundle_models())]
    )
    assert runs == [model._meta.label_lower for model in expected]
    # Within a model, by natural key; many-to-many lists sorted.
    keys = {}
    for deserialized in serializers.deserialize("json", text):
        keys.setdefault(type(deserialized.object), []).append(
            deserialized.object.natural_key()
        )
    for model, model_keys in keys.items():
        assert model_keys == sorted(model_keys), model
    for obj in objects:
        for name, value in obj["fields"].items():
            if isinstance(value, list) and value and isinstance(value[0], list):
                assert value == sorted(value), (obj["model"], name)


def test_export_writes_a_file_with_o(seeded, tmp_path):
    path = tmp_path / "brief.json"
    out = io.StringIO()
    call_command("export_brief", SEED_SLUG, "-o", str(path), stdout=out)
    assert path.read_text(encoding="utf-8") == export()
    assert "99 objects" in out.getvalue()


def test_export_of_an_unknown_slug_names_it(db):
    with pytest.raises(CommandError, match="No brief with slug “no-such-brief”"):
        export("no-such-brief")


def second_brief(seeded):
    """Another brief sharing an actor and the Kellogg meeting, with rows of its own."""
    second = make_publication("second-brief")
    make_section(second)
    make_contribution(second, make_author("someone-else"))
    belarus = Actor.objects.get(slug="belarus")
    newcomer = make_actor("newcomer", kind=Actor.Kind.PERSON, country=belarus)
    second.actors.add(belarus, newcomer)
    Meeting.objects.get(slug=KELLOGG_MEETING).publications.add(second)
    other_meeting = make_meeting("other-meeting")
    make_participant(other_meeting, newcomer)
    other_meeting.publications.add(second)
    make_sanction("other-sanction", imposed_by=belarus).publications.add(second)
    make_release("other-release", meeting=other_meeting).publications.add(second)
    return second


def test_another_brief_does_not_leak_into_the_bundle(seeded):
    before = export()
    second_brief(seeded)
    assert export() == before
    # The shared meeting is in the second brief's bundle, discussed by it alone.
    bundle = json.loads(export("second-brief"))
    meeting = bundle[position(bundle, "briefs.meeting", slug=KELLOGG_MEETING) - 1]
    assert meeting["fields"]["publications"] == [["second-brief"]]
    assert {"newcomer", "belarus"} <= {
        obj["fields"]["slug"] for obj in bundle if obj["model"] == "briefs.actor"
    }
    assert SEED_SLUG not in json.dumps(bundle)
