"""
The curation roles, as auth groups: an **Editor** adds, changes, deletes,
views, imports and exports every model of the briefs' content and publishes
briefs; a **Reader** views it. A member also needs ``is_staff`` to reach the
admin at all.

The migrations made the groups (0003, 0007b, 0008b: a migration does not
call this live code). After every ``migrate``, and after every ``flush``
(which empties the groups with every other table, as a transactional test
does when it ends), a role whose group is missing gets it again with its
permissions, as Django makes the permissions again then. A group that
exists is left as its administrators keep it.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

EDITOR = "Editor"
READER = "Reader"
ACTIONS = {
    EDITOR: ("add", "change", "delete", "view", "import", "export"),
    READER: ("view",),
}
PUBLISH = "publish_publication"


def permissions_of(role):
    """The codenames of the briefs permissions ``role``'s group holds."""
    curated = global_apps.get_app_config("briefs").domain_models()
    codenames = {
        f"{action}_{model._meta.model_name}"
        for model in curated
        for action in ACTIONS[role]
    }
    return codenames | {PUBLISH} if role == EDITOR else codenames


def ensure_roles(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """A ``post_migrate`` receiver (``sender`` the briefs app): each role's
    group, made with its permissions where it is missing."""
    # Django makes the app's permissions in this same signal, but after this
    # receiver (the app comes first in INSTALLED_APPS): make them now, as the
    # migrations do; rows that exist are skipped.
    create_permissions(sender, verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in ACTIONS:
        group, created = Group.objects.using(using).get_or_create(name=role)
        if created:
            group.permissions.set(
                Permission.objects.using(using).filter(
                    content_type__app_label=sender.label,
                    codename__in=permissions_of(role),
                )
            )
