# The user a history record names, without a foreign key the database checks:
# PostgreSQL checked one a record at commit, half a second of an import of
# 50,000 meetings and their participants by a curator. Django clears the
# user of the records of a user it deletes (SET_NULL), as before.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from briefs.migrations._fields import AlterFieldsAtOnce

HISTORY_MODELS = [
    "historicalactor",
    "historicalactoralias",
    "historicalauthor",
    "historicalcontribution",
    "historicalevidence",
    "historicalmeeting",
    "historicalmeetingparticipant",
    "historicalnationalitycount",
    "historicalprisonerrelease",
    "historicalpublication",
    "historicalsanction",
    "historicalsection",
    "historicalsourcereference",
]


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0029_history_indexed_by_row"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        AlterFieldsAtOnce(
            [
                migrations.AlterField(
                    model_name=model_name,
                    name="history_user",
                    field=models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                )
                for model_name in HISTORY_MODELS
            ]
        ),
    ]
