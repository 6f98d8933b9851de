"""
An index of briefs by status and id, so the public's filter on every fact
("discussed by a published brief") reads which briefs are public from the
index alone rather than from the table of whole briefs.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("briefs", "0015_publication_page")]

    operations = [
        migrations.AddIndex(
            model_name="publication",
            index=models.Index(
                fields=["status", "id"], name="briefs_publication_status_id"
            ),
        ),
    ]
