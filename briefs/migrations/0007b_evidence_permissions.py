"""
The Editor and Reader groups get evidence's permissions as they hold every
other model's (see 0003). A migration of its own, so the tests can run it
again after a transactional test has emptied the groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_evidence_permissions(apps, schema_editor):
    app_config = apps.get_app_config("briefs")
    # As in 0003: the migration state's app config has no models module.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    actions = {
        "Editor": ("add", "change", "delete", "view", "import", "export"),
        "Reader": ("view",),
    }
    for group in Group.objects.filter(name__in=actions):
        codenames = [f"{action}_evidence" for action in actions[group.name]]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="briefs", codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [("briefs", "0007_evidence")]

    operations = [
        migrations.RunPython(grant_evidence_permissions, migrations.RunPython.noop)
    ]
