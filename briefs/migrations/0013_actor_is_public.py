"""
Whether the public may read an actor, stored on the actor (briefs.publicity),
then filled for the actors there are.
"""

from django.db import migrations, models


def store_existing_actors(apps, schema_editor):
    # The app's own rule, not a frozen copy: the flag must be what a save
    # would store now. It names only the columns it reads and writes, so
    # later migrations adding columns do not break this one.
    from briefs.publicity import store_public_actors

    store_public_actors()


class Migration(migrations.Migration):
    dependencies = [("briefs", "0012_search_documents")]

    operations = [
        migrations.AddField(
            model_name="actor",
            name="is_public",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Whether a published brief mentions it or discusses "
                "what it takes part in.",
                serialize=False,
            ),
        ),
        migrations.AddIndex(
            model_name="actor",
            index=models.Index(
                fields=["is_public", "name"], name="briefs_actor_public_name"
            ),
        ),
        migrations.RunPython(store_existing_actors, migrations.RunPython.noop),
    ]
