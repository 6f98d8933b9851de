"""
Whether the public may read an actor, stored on the actor. The actors there
are get theirs from ``briefs.domain.derived``, which every ``migrate`` runs
once the schema is in place (see 0011).
"""

from django.db import migrations, models

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
    ]
