"""Brief bundles: `export_brief` writes one brief as a self-contained fixture,
`import_brief` loads it into any database, all or nothing."""

import io
import json

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import CommandError, call_command
from django.utils import timezone
from simple_history.models import HistoricalChanges

from briefs.domain import publishing
from briefs.exchange.bundles import bundle_models
from briefs.models import Actor, Meeting, PrisonerRelease, Publication
from tests.factories import (
    make_actor,
    make_author,
    make_contribution,
    make_meeting,
    make_nationality_count,
    make_participant,
    make_publication,
    make_release,
    make_sanction,
    make_section,
)
from tests.helpers import (
    SEED_SLUG,
    canonical,
    empty_database,
    exported_bundle,
    is_key_list,
    row_counts,
    shipped_fixture,
)

pytestmark = pytest.mark.django_db

KELLOGG_MEETING = "kellogg-lukashenko-minsk-2025-06-21"
RELEASE = "belarus-prisoner-release-2025-06"


def import_bundle(tmp_path, text, *args):
    path = tmp_path / "bundle.json"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_brief", str(path), *args, stdout=out)
    return out.getvalue()


def history_count():
    return sum(
        model.objects.count()
        for model in apps.get_app_config("briefs").get_models()
        if issubclass(model, HistoricalChanges)
    )


def updated_ats():
    return {
        (model._meta.label_lower, pk): updated_at
        for model in bundle_models()
        for pk, updated_at in model.objects.values_list("pk", "updated_at")
    }


def position(objects, model, **fields):
    """The 1-based position of the first object of ``model`` with these field values."""
    return next(
        index
        for index, obj in enumerate(objects, 1)
        if obj["model"] == model
        and all(obj["fields"].get(name) == value for name, value in fields.items())
    )


# --- Export ---------------------------------------------------------------------


def test_bundle_of_the_seeded_brief_is_the_shipped_fixture(seeded):
    shipped = shipped_fixture()
    bundle = json.loads(exported_bundle())
    assert len(bundle) == len(shipped) == 184  # 171 of the English edition
    assert canonical(bundle) == canonical(shipped)


def test_export_is_ordered_and_formatted_deterministically(seeded):
    text = exported_bundle()
    assert text == exported_bundle()
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
            if is_key_list(value):
                assert value == sorted(value), (obj["model"], name)


def test_same_rows_inserted_in_another_order_export_the_same_bytes(seeded, tmp_path):
    text = exported_bundle()
    empty_database()
    # Reversed, every reference points further down the file, and the rows get
    # other ids: neither may change the export.
    import_bundle(tmp_path, json.dumps(json.loads(text)[::-1]))
    assert exported_bundle() == text


def test_export_brief_writes_the_bundle_to_the_file_given_with_o(seeded, tmp_path):
    path = tmp_path / "brief.json"
    out = io.StringIO()
    call_command("export_brief", SEED_SLUG, "-o", str(path), stdout=out)
    assert path.read_text(encoding="utf-8") == exported_bundle()
    assert "184 objects" in out.getvalue()


def test_export_of_an_unknown_slug_names_it(db):
    with pytest.raises(CommandError, match="No brief with slug “no-such-brief”"):
        exported_bundle("no-such-brief")


def second_brief(seeded):
    """Another brief sharing an actor and the Kellogg meeting, with rows of its own,
    published as every door publishes (with its number in the series)."""
    second = make_publication("second-brief", status=Publication.Status.DRAFT)
    publishing.publication_publish(publication=second, user=None)
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
    before = exported_bundle()
    second_brief(seeded)
    assert exported_bundle() == before
    # The shared meeting is in the second brief's bundle, discussed by it alone.
    bundle = json.loads(exported_bundle("second-brief"))
    meeting = bundle[position(bundle, "briefs.meeting", slug=KELLOGG_MEETING) - 1]
    assert meeting["fields"]["publications"] == [["second-brief"]]
    assert {"newcomer", "belarus"} <= {
        obj["fields"]["slug"] for obj in bundle if obj["model"] == "briefs.actor"
    }
    assert SEED_SLUG not in json.dumps(bundle)


def test_a_second_brief_bundle_loads_into_an_empty_database(seeded, tmp_path):
    second_brief(seeded)
    text = exported_bundle("second-brief")
    empty_database()
    import_bundle(tmp_path, text)
    assert exported_bundle("second-brief") == text


# --- Import ---------------------------------------------------------------------


def test_round_trip_through_an_empty_database_is_byte_identical(seeded, tmp_path):
    text = exported_bundle()
    empty_database()
    assert Publication.objects.count() == 0
    output = import_bundle(tmp_path, text)
    assert "briefs.actor: 23 created, 0 updated, 0 unchanged" in output
    assert "Imported 184 objects." in output
    assert exported_bundle() == text


def test_a_time_within_a_millisecond_of_the_second_round_trips(seeded, tmp_path):
    # JSON fixtures keep milliseconds: 12:00:00.000500 is written ".000",
    # which loads back as a whole second and would then be written without it.
    on_the_second = seeded.updated_at.replace(microsecond=500)
    Publication.objects.filter(pk=seeded.pk).update(updated_at=on_the_second)
    text = exported_bundle()
    empty_database()
    import_bundle(tmp_path, text)
    assert exported_bundle() == text


def test_bundle_loads_with_loaddata_into_an_empty_database(seeded, tmp_path):
    text = exported_bundle()
    empty_database()
    path = tmp_path / "bundle.json"
    path.write_text(text, encoding="utf-8")
    call_command("loaddata", str(path), verbosity=0)
    assert exported_bundle() == text


def test_importing_twice_changes_nothing_the_second_time(seeded, tmp_path):
    text = exported_bundle()
    empty_database()
    import_bundle(tmp_path, text)
    history, stamps = history_count(), updated_ats()
    assert history == 184  # one record per row loaded

    output = import_bundle(tmp_path, text)
    assert output.count(" 0 created, 0 updated, ") == 13
    # 21 of the English edition, 4 of the Hungarian.
    assert "briefs.sourcereference: 0 created, 0 updated, 25 unchanged" in output
    assert history_count() == history
    assert updated_ats() == stamps


def test_a_row_differing_only_in_its_timestamps_is_left_alone(seeded, tmp_path):
    text = exported_bundle()
    Meeting.objects.filter(slug=KELLOGG_MEETING).update(updated_at=timezone.now())
    stamps, history = updated_ats(), history_count()
    output = import_bundle(tmp_path, text)
    assert "briefs.meeting: 0 created, 0 updated, 5 unchanged" in output
    assert updated_ats() == stamps
    assert history_count() == history


def test_a_changed_field_updates_that_row_only(seeded, tmp_path):
    objects = json.loads(exported_bundle())
    index = position(objects, "briefs.meeting", slug=KELLOGG_MEETING)
    objects[index - 1]["fields"]["place_en"] = "Minsk, Palace of Independence"
    history = history_count()

    output = import_bundle(tmp_path, json.dumps(objects))

    assert "briefs.meeting: 0 created, 1 updated, 4 unchanged" in output
    assert "briefs.actor: 0 created, 0 updated, 23 unchanged" in output
    meeting = Meeting.objects.get(slug=KELLOGG_MEETING)
    assert meeting.place == "Minsk, Palace of Independence"
    assert history_count() == history + 1
    assert meeting.history.first().place_en == "Minsk, Palace of Independence"


def test_a_bundle_sets_the_links_among_its_own_rows(seeded, tmp_path):
    objects = json.loads(exported_bundle())
    index = position(objects, "briefs.prisonerrelease", slug=RELEASE)
    objects[index - 1]["fields"]["sanctions_relief"] = [["us-sanctions-belarus-potash"]]
    output = import_bundle(tmp_path, json.dumps(objects))
    assert "briefs.prisonerrelease: 0 created, 1 updated, 0 unchanged" in output
    release = PrisonerRelease.objects.get(slug=RELEASE)
    assert [s.slug for s in release.sanctions_relief.all()] == [
        "us-sanctions-belarus-potash"
    ]


def test_links_to_another_brief_survive_importing_a_bundle(seeded, tmp_path):
    text = exported_bundle()
    second = second_brief(seeded)
    import_bundle(tmp_path, text)
    meeting = Meeting.objects.get(slug=KELLOGG_MEETING)
    assert set(meeting.publications.all()) == {seeded, second}
    assert set(second.actors.values_list("slug", flat=True)) == {"belarus", "newcomer"}


def test_dry_run_reports_and_writes_nothing(seeded, tmp_path):
    text = exported_bundle()
    empty_database()
    output = import_bundle(tmp_path, text, "--dry-run")
    assert "briefs.actor: 23 to create, 0 to update, 0 unchanged" in output
    assert "Dry run: nothing was written." in output
    assert set(row_counts().values()) == {0}
    assert history_count() == 0


def test_dry_run_of_a_change_leaves_the_row_as_it_was(seeded, tmp_path):
    objects = json.loads(exported_bundle())
    index = position(objects, "briefs.meeting", slug=KELLOGG_MEETING)
    objects[index - 1]["fields"]["place_en"] = "Elsewhere"
    history = history_count()
    output = import_bundle(tmp_path, json.dumps(objects), "--dry-run")
    assert "briefs.meeting: 0 to create, 1 to update, 4 unchanged" in output
    assert Meeting.objects.get(slug=KELLOGG_MEETING).place == "Minsk"
    assert history_count() == history


# --- Bad bundles ---------------------------------------------------------------


def assert_rejected(tmp_path, text, message):
    """Importing ``text`` into an empty database fails with ``message`` and writes nothing."""
    empty_database()
    with pytest.raises(CommandError) as error:
        import_bundle(tmp_path, text)
    assert message in str(error.value)
    assert "Nothing was imported." in str(error.value)
    assert set(row_counts().values()) == {0}
    assert history_count() == 0
    return str(error.value)


def test_a_breakdown_above_its_total_is_named_at_the_releases_last_count(
    seeded, tmp_path
):
    # Checked on what the whole bundle leaves, as every door checks it.
    objects = json.loads(exported_bundle())
    changed = position(objects, "briefs.nationalitycount", country=["japan"])
    objects[changed - 1]["fields"]["count"] = 20
    last = max(
        index
        for index, obj in enumerate(objects, 1)
        if obj["model"] == "briefs.nationalitycount"
    )
    message = assert_rejected(
        tmp_path,
        json.dumps(objects),
        "count: The nationality breakdown (28) may not exceed the total released (14).",
    )
    assert f"Object {last} (briefs.nationalitycount" in message


def test_a_missing_reference_is_named_and_nothing_is_written(seeded, tmp_path):
    objects = json.loads(exported_bundle())
    index = position(objects, "briefs.meeting", slug=KELLOGG_MEETING)
    objects[index - 1]["fields"]["country"] = ["no-such-actor"]
    # The meeting comes after 70 rows the import would otherwise have created.
    assert index > 70
    assert_rejected(
        tmp_path,
        json.dumps(objects),
        f"Object {index} (briefs.meeting “{KELLOGG_MEETING}”), country: "
        "actor “no-such-actor” is neither in the bundle nor in the database.",
    )


def test_a_missing_reference_of_a_part_is_named(seeded, tmp_path):
    objects = json.loads(exported_bundle())
    index = position(objects, "briefs.meetingparticipant", actor=["keith-kellogg"])
    objects[index - 1]["fields"]["actor"] = ["keitt-kellogg"]
    assert_rejected(
        tmp_path,
        json.dumps(objects),
        f"Object {index} (briefs.meetingparticipant), actor: "
        "actor “keitt-kellogg” is neither in the bundle nor in the database.",
    )


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "The file: the file is empty: it has no header and no rows."),
        ("  \n", "The file: the file is empty: it has no header and no rows."),
        ('[{"model": "briefs.actor",', "The file: the file is not valid JSON: "),
        (
            '{"model": "briefs.actor"}',
            "A bundle is a JSON list of objects, not a dict.",
        ),
        ("[]", "The bundle holds no objects."),
        ("[1]", "Object 1 is not a fixture object with “model” and “fields”."),
        (
            '[{"model": "briefs.treaty", "fields": {}}]',
            "Object 1: unknown model “briefs.treaty”.",
        ),
        (
            '[{"model": "auth.user", "fields": {"username": "x"}}]',
            "Object 1: unknown model “auth.user”.",
        ),
    ],
)
def test_a_file_that_is_not_a_bundle_is_refused(db, tmp_path, text, message):
    assert_rejected(tmp_path, text, message)


def test_an_unknown_model_among_good_objects_writes_nothing(seeded, tmp_path):
    objects = json.loads(exported_bundle())
    objects.append({"model": "briefs.historicalactor", "fields": {}})
    assert_rejected(
        tmp_path,
        json.dumps(objects),
        "Object 185: unknown model “briefs.historicalactor”.",
    )


@pytest.mark.parametrize(
    "model, match, key",
    [
        ("briefs.actor", {"slug": "belarus"}, "belarus"),
        ("briefs.section", {"position": 2}, f"{SEED_SLUG}, 2"),
    ],
)
def test_a_row_given_twice_is_refused(seeded, tmp_path, model, match, key):
    objects = json.loads(exported_bundle())
    index = position(objects, model, **match)
    objects.append(objects[index - 1])
    assert_rejected(
        tmp_path,
        json.dumps(objects),
        f"Object 185 ({model} “{key}”): the same row as object {index}.",
    )


def test_a_part_without_its_parent_is_refused(seeded, tmp_path):
    objects = json.loads(exported_bundle())
    index = position(objects, "briefs.section", position=1)
    del objects[index - 1]["fields"]["publication"]
    assert_rejected(
        tmp_path,
        json.dumps(objects),
        f"Object {index} (briefs.section): Section has no publication.",
    )


COUNT_KEY = f"{RELEASE}, japan"


@pytest.mark.parametrize(
    "model, match, changes, message",
    [
        (
            "briefs.nationalitycount",
            {"country": ["japan"]},
            {"count": -2},
            f"(briefs.nationalitycount “{COUNT_KEY}”), count: Ensure this value is "
            "greater than or equal to 0.",
        ),
        (
            "briefs.meeting",
            {"slug": KELLOGG_MEETING},
            {"date": "2025-06-31"},
            f"(briefs.meeting “{KELLOGG_MEETING}”), date: “2025-06-31” is not a "
            "date: write it as YYYY-MM-DD, such as 2025-06-21.",
        ),
        (
            "briefs.actor",
            {"slug": "belarus"},
            {"kind": "empire"},
            "(briefs.actor “belarus”), kind: “empire” is not one of group, "
            "organization, person, state.",
        ),
        (
            "briefs.actor",
            {"slug": "belarus"},
            {"capital": "Minsk"},
            "(briefs.actor “belarus”), capital: no such field.",
        ),
        (
            "briefs.publication",
            {"slug": SEED_SLUG},
            {"authors": [["ruslan-bortnik"]]},
            f"(briefs.publication “{SEED_SLUG}”), authors: set by "
            "briefs.contribution objects of their own.",
        ),
    ],
)
def test_an_invalid_value_names_object_and_field(
    seeded, tmp_path, model, match, changes, message
):
    objects = json.loads(exported_bundle())
    index = position(objects, model, **match)
    objects[index - 1]["fields"].update(changes)
    assert_rejected(tmp_path, json.dumps(objects), f"Object {index} {message}")


def test_a_bad_bundle_names_every_problem_at_once(seeded, tmp_path):
    objects = json.loads(exported_bundle())
    belarus = position(objects, "briefs.actor", slug="belarus")
    objects[belarus - 1]["fields"]["kind"] = "empire"
    author = position(objects, "briefs.author", slug="ruslan-bortnik")
    objects[author - 1]["fields"]["name"] = ""
    message = assert_rejected(
        tmp_path,
        json.dumps(objects),
        f"Object {belarus} (briefs.actor “belarus”), kind: ",
    )
    assert f"Object {author} (briefs.author “ruslan-bortnik”), name: " in message
    # Rows that refer to the invalid one say so, rather than call it missing.
    assert f"actor “belarus” (object {belarus}) is not valid." in message
    assert "neither in the bundle" not in message


def test_a_breakdown_is_checked_against_the_bundle_as_a_whole(tmp_path):
    # 7 + 7 of 14 becoming 10 + 2: row by row the first would read 10 + 7.
    publication = make_publication("a-brief")
    release = make_release("release", total=14)
    release.publications.add(publication)
    make_nationality_count(release, make_actor("japan"), 7)
    make_nationality_count(release, make_actor("poland"), 7)
    objects = json.loads(exported_bundle("a-brief"))
    for obj in objects:
        if obj["model"] == "briefs.nationalitycount":
            country = obj["fields"]["country"]
            obj["fields"]["count"] = 10 if country == ["japan"] else 2

    import_bundle(tmp_path, json.dumps(objects))

    counts = dict(release.nationality_counts.values_list("country__slug", "count"))
    assert counts == {"japan": 10, "poland": 2}
