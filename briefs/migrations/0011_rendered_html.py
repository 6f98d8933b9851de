"""
Briefs' texts rendered once, when written: the abstract's HTML and each
section's, stored beside their Markdown. The rows there are get theirs from
``briefs.domain.derived``, which every ``migrate`` runs once the schema is
in place (and ``manage.py rebuild_derived``): not from code in a migration,
which would run against models newer than the schema it sees.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("briefs", "0007b_evidence_permissions")]

    operations = [
        migrations.AddField(
            model_name="publication",
            name="summary_html",
            field=models.TextField(blank=True, editable=False, serialize=False),
        ),
        migrations.AddField(
            model_name="section",
            name="body_html",
            field=models.TextField(blank=True, editable=False, serialize=False),
        ),
    ]
