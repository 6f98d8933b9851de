"""
Editors publish: the Editor group gets ``publish_publication``, as 0003 gave
it the rest (see there why permissions are created here). A member of
another group, or an editor it is taken from, submits briefs for review.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Editor"
PUBLISH = "publish_publication"


def give_editors_publishing(apps, schema_editor):
    """Also used by tests, after a transactional test emptied the tables."""
    app_config = apps.get_app_config("briefs")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    publish = Permission.objects.get(content_type__app_label="briefs", codename=PUBLISH)
    group, _created = Group.objects.get_or_create(name=EDITOR)
    group.permissions.add(publish)


def take_publishing_from_editors(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="briefs", codename=PUBLISH).delete()


class Migration(migrations.Migration):
    dependencies = [("briefs", "0008_review_workflow")]

    operations = [
        migrations.RunPython(give_editors_publishing, take_publishing_from_editors)
    ]
