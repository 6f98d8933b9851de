"""
The two curation roles, as auth groups.

Editor: add, change, delete, view, import and export every briefs model.
Reader: view every briefs model, nothing else. A member also needs is_staff
to reach the admin at all.

Permissions are normally created by the post_migrate signal, after every
migration has run, so on a fresh database they do not exist yet when this
migration runs; ``create_permissions`` makes them now (it skips rows that
already exist, so running it twice is harmless).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Editor"
READER = "Reader"
EDITOR_ACTIONS = ("add", "change", "delete", "view", "import", "export")
READER_ACTIONS = ("view",)

# The models curated in the admin. Their historical twins (simple-history) are
# left out: history is read and reverted through the models' own permissions.
MODELS = (
    "publication",
    "author",
    "actor",
    "meeting",
    "sanction",
    "prisonerrelease",
    "section",
    "contribution",
    "sourcereference",
    "actoralias",
    "meetingparticipant",
    "nationalitycount",
)


def briefs_permissions(apps, actions):
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model in MODELS for action in actions]
    permissions = Permission.objects.filter(
        content_type__app_label="briefs", codename__in=codenames
    )
    missing = set(codenames) - set(permissions.values_list("codename", flat=True))
    if missing:
        raise RuntimeError(f"Missing permissions: {', '.join(sorted(missing))}")
    return permissions


def make_groups(apps):
    """The two groups with exactly their permissions (also used by tests)."""
    Group = apps.get_model("auth", "Group")
    for name, actions in ((EDITOR, EDITOR_ACTIONS), (READER, READER_ACTIONS)):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(briefs_permissions(apps, actions))


def create_groups(apps, schema_editor):
    app_config = apps.get_app_config("briefs")
    # The migration state's app config has no models module; create_permissions
    # skips such apps unless told otherwise.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    make_groups(apps)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, READER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("briefs", "0002_curation_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
