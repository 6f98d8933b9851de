"""
Evidence: a fact's value as a brief states it, with the quoted words and source notes.
"""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ('briefs', '0010_dataset_release'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalEvidence",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "number",
                    models.PositiveIntegerField(
                        help_text="Numbers the brief's evidence; the page's anchor is evidence-N."
                    ),
                ),
                (
                    "fact",
                    models.CharField(
                        choices=[
                            ("date", "Date"),
                            ("place", "Place"),
                            ("duration", "Duration"),
                            ("participant", "Participant"),
                            ("status", "Status"),
                            ("sector", "Sector"),
                            ("total", "Total released"),
                            ("nationality", "Nationality count"),
                        ],
                        max_length=11,
                    ),
                ),
                (
                    "value",
                    models.CharField(
                        help_text="The value as this text gives it: “14”, “dozens”, “about six hours”.",
                        max_length=200,
                    ),
                ),
                (
                    "rank",
                    models.CharField(
                        choices=[
                            ("preferred", "Preferred"),
                            ("normal", "Normal"),
                            ("deprecated", "Deprecated"),
                        ],
                        default="normal",
                        max_length=10,
                    ),
                ),
                (
                    "section",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="The position of the section that states it; empty for the abstract.",
                        null=True,
                    ),
                ),
                (
                    "quote",
                    models.TextField(
                        help_text="The exact words of the text, as a reader reads them (without note numbers)."
                    ),
                ),
                (
                    "sources",
                    models.CharField(
                        blank=True,
                        help_text="The numbers of the source notes that back it, separated by commas.",
                        max_length=100,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\s*[1-9][0-9]*(\\s*,\\s*[1-9][0-9]*)*\\s*$",
                                "The numbers of the brief's source notes, separated by commas: 16, 17.",
                            )
                        ],
                    ),
                ),
                ("note", models.TextField(blank=True)),
                (
                    "quote_found",
                    models.BooleanField(
                        default=True,
                        editable=False,
                        help_text="False once a later edit of the text no longer has the quote.",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="For a participant, the participant; for a nationality count, the country.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.actor",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.meeting",
                    ),
                ),
                (
                    "publication",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.publication",
                    ),
                ),
                (
                    "release",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.prisonerrelease",
                    ),
                ),
                (
                    "sanction",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.sanction",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical evidence",
                "verbose_name_plural": "historical evidence",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Evidence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "number",
                    models.PositiveIntegerField(
                        help_text="Numbers the brief's evidence; the page's anchor is evidence-N."
                    ),
                ),
                (
                    "fact",
                    models.CharField(
                        choices=[
                            ("date", "Date"),
                            ("place", "Place"),
                            ("duration", "Duration"),
                            ("participant", "Participant"),
                            ("status", "Status"),
                            ("sector", "Sector"),
                            ("total", "Total released"),
                            ("nationality", "Nationality count"),
                        ],
                        max_length=11,
                    ),
                ),
                (
                    "value",
                    models.CharField(
                        help_text="The value as this text gives it: “14”, “dozens”, “about six hours”.",
                        max_length=200,
                    ),
                ),
                (
                    "rank",
                    models.CharField(
                        choices=[
                            ("preferred", "Preferred"),
                            ("normal", "Normal"),
                            ("deprecated", "Deprecated"),
                        ],
                        default="normal",
                        max_length=10,
                    ),
                ),
                (
                    "section",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="The position of the section that states it; empty for the abstract.",
                        null=True,
                    ),
                ),
                (
                    "quote",
                    models.TextField(
                        help_text="The exact words of the text, as a reader reads them (without note numbers)."
                    ),
                ),
                (
                    "sources",
                    models.CharField(
                        blank=True,
                        help_text="The numbers of the source notes that back it, separated by commas.",
                        max_length=100,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\s*[1-9][0-9]*(\\s*,\\s*[1-9][0-9]*)*\\s*$",
                                "The numbers of the brief's source notes, separated by commas: 16, 17.",
                            )
                        ],
                    ),
                ),
                ("note", models.TextField(blank=True)),
                (
                    "quote_found",
                    models.BooleanField(
                        default=True,
                        editable=False,
                        help_text="False once a later edit of the text no longer has the quote.",
                    ),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        help_text="For a participant, the participant; for a nationality count, the country.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="evidence",
                        to="briefs.actor",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="briefs.meeting",
                    ),
                ),
                (
                    "publication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="briefs.publication",
                    ),
                ),
                (
                    "release",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="briefs.prisonerrelease",
                    ),
                ),
                (
                    "sanction",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="briefs.sanction",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "evidence",
                "ordering": ["publication", "number"],
                "default_permissions": (
                    "add",
                    "change",
                    "delete",
                    "view",
                    "import",
                    "export",
                ),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("publication", "number"),
                        name="briefs_evidence_unique_number",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("number__gte", 1)),
                        name="briefs_evidence_number_positive",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("rank__in", ["preferred", "normal", "deprecated"])
                        ),
                        name="briefs_evidence_rank_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("meeting__isnull", False),
                                ("release__isnull", True),
                                ("sanction__isnull", True),
                            ),
                            models.Q(
                                ("sanction__isnull", False),
                                ("meeting__isnull", True),
                                ("release__isnull", True),
                            ),
                            models.Q(
                                ("release__isnull", False),
                                ("meeting__isnull", True),
                                ("sanction__isnull", True),
                            ),
                            _connector="OR",
                        ),
                        name="briefs_evidence_one_subject",
                        violation_error_message="Evidence states a fact of exactly one meeting, sanction or release.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("meeting__isnull", True),
                            ("fact__in", ["date", "place", "duration", "participant"]),
                            _connector="OR",
                        ),
                        name="briefs_evidence_meeting_fact",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("sanction__isnull", True),
                            ("fact__in", ["status", "sector"]),
                            _connector="OR",
                        ),
                        name="briefs_evidence_sanction_fact",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("release__isnull", True),
                            ("fact__in", ["date", "total", "nationality"]),
                            _connector="OR",
                        ),
                        name="briefs_evidence_release_fact",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("fact__in", ["participant", "nationality"]),
                                ("actor__isnull", False),
                            ),
                            models.Q(
                                models.Q(
                                    ("fact__in", ["participant", "nationality"]),
                                    _negated=True,
                                ),
                                ("actor__isnull", True),
                            ),
                            _connector="OR",
                        ),
                        name="briefs_evidence_actor_for_actor_facts",
                    ),
                ],
            },
        ),
    ]
