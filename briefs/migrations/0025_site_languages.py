"""
The site in two languages (issue 23): a brief's stored article is kept once a
language (its page's words, dates and links are the reader's language's);
and the app's labels become translatable.

A stored article is derived data, rendered again on demand: the table is
made anew rather than its primary key changed.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import briefs.models.publications
from briefs.migrations._labels import LabelsOnly


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0024_author_orcid"),
    ]

    operations = [
        migrations.DeleteModel(name="StoredArticle"),
        migrations.CreateModel(
            name="StoredArticle",
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
                (
                    "language",
                    models.CharField(
                        help_text="The language it was rendered in (LANGUAGES).",
                        max_length=10,
                    ),
                ),
                (
                    "generation",
                    models.BigIntegerField(
                        help_text="The page generation the article was rendered at.",
                        null=True,
                    ),
                ),
                (
                    "origin",
                    models.CharField(
                        blank=True,
                        help_text="Scheme and host of its absolute links.",
                        max_length=300,
                    ),
                ),
                ("head_html", models.TextField(blank=True)),
                ("article_html", models.TextField(blank=True)),
                (
                    "publication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="stored_articles",
                        to="briefs.publication",
                    ),
                ),
            ],
            options={
                "ordering": ["publication", "language"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("publication", "language"),
                        name="briefs_storedarticle_one_a_language",
                    )
                ],
            },
        ),
        # Labels only: briefs/migrations/_labels.py.
        LabelsOnly(
            [
                # Every label of the app translatable (verbose names, help texts, choices).
                migrations.AlterModelOptions(
                    name="actor",
                    options={
                        "default_permissions": (
                            "add",
                            "change",
                            "delete",
                            "view",
                            "import",
                            "export",
                        ),
                        "ordering": ["name"],
                        "verbose_name": "actor",
                        "verbose_name_plural": "actors",
                    },
                ),
                migrations.AlterModelOptions(
                    name="actoralias",
                    options={
                        "default_permissions": (
                            "add",
                            "change",
                            "delete",
                            "view",
                            "import",
                            "export",
                        ),
                        "ordering": ["actor__name", "name"],
                        "verbose_name": "actor alias",
                        "verbose_name_plural": "actor aliases",
                    },
                ),
                migrations.AlterModelOptions(
                    name="author",
                    options={
                        "default_permissions": (
                            "add",
                            "change",
                            "delete",
                            "view",
                            "import",
                            "export",
                        ),
                        "ordering": ["name"],
                        "verbose_name": "author",
                        "verbose_name_plural": "authors",
                    },
                ),
                migrations.AlterModelOptions(
                    name="contribution",
                    options={
                        "default_permissions": (
                            "add",
                            "change",
                            "delete",
                            "view",
                            "import",
                            "export",
                        ),
                        "ordering": ["publication", "position"],
                        "verbose_name": "contribution",
                        "verbose_name_plural": "contributions",
                    },
                ),
                migrations.AlterModelOptions(
                    name="evidence",
                    options={
                        "default_permissions": (
                            "add",
                            "change",
                            "delete",
                            "view",
                            "import",
                            "export",
                        ),
                        "ordering": ["publication", "number"],
                        "verbose_name": "evidence",
                        "verbose_name_plural": "evidence",
                    },
                ),
                migrations.AlterModelOptions(
                    name="ingestproposal",
                    options={
                        "default_permissions": (),
                        "ordering": ["publication", "kind", "position"],
                        "verbose_name": "ingest proposal",
                        "verbose_name_plural": "ingest proposals",
                    },
                ),
                migrations.AlterModelOptions(
                    name="meeting",
                    options={
                        "default_permissions": (
                            "add",
                            "change",
                            "delete",
                            "view",
                            "import",
                            "export",
                        ),
                        "default_related_name": "meetings",
                        "ordering": ["date", "title"],
                        "verbose_name": "meeting",
                        "verbose_name_plural": "meetings",
                    },
                ),
                migrations.AlterModelOptions(
                    name="meetingparticipant",
                    options={
                        "default_permissions": (
                            "add",
                            "change",
                            "delete",
                            "view",
                            "import",
                            "export",
                        ),
                        "ordering": ["meeting", "position"],
                        "verbose_name": "meeting participant",
                        "verbose_name_plural": "meeting participants",
                    },
                ),
                migrations.AlterModelOptions(
                    name="nationalitycount",
                    options={
                        "default_permissions": (
                            "add",
                            "change",
                            "delete",
                            "view",
                            "import",
                            "export",
                        ),
                        "ordering": ["release", "-count", "country__name"],
                        "verbose_name": "nationality count",
                        "verbose_name_plural": "nationality counts",
                    },
                ),
                migrations.AlterModelOptions(
                    name="previewlink",
                    options={
                        "default_permissions": (),
                        "ordering": ["-created_at"],
                        "verbose_name": "preview link",
                        "verbose_name_plural": "preview links",
                    },
                ),
                migrations.AlterModelOptions(
                    name="prisonerrelease",
                    options={
                        "default_permissions": (
                            "add",
                            "change",
                            "delete",
                            "view",
                            "import",
                            "export",
                        ),
                        "default_related_name": "releases",
                        "ordering": ["date", "title"],
                        "verbose_name": "prisoner release",
                        "verbose_name_plural": "prisoner releases",
                    },
                ),
                migrations.AlterModelOptions(
                    name="publication",
                    options={
                        "default_permissions": (
                            "add",
                            "change",
                            "delete",
                            "view",
                            "import",
                            "export",
                        ),
                        "ordering": ["-publication_date", "title"],
                        "permissions": [
                            ("publish_publication", "Can publish and schedule briefs")
                        ],
                        "verbose_name": "publication",
                        "verbose_name_plural": "publications",
                    },
                ),
                migrations.AlterModelOptions(
                    name="sanction",
                    options={
                        "default_permissions": (
                            "add",
                            "change",
                            "delete",
                            "view",
                            "import",
                            "export",
                        ),
                        "default_related_name": "sanctions",
                        "ordering": ["title"],
                        "verbose_name": "sanction",
                        "verbose_name_plural": "sanctions",
                    },
                ),
                migrations.AlterModelOptions(
                    name="section",
                    options={
                        "default_permissions": (
                            "add",
                            "change",
                            "delete",
                            "view",
                            "import",
                            "export",
                        ),
                        "ordering": ["publication", "position"],
                        "verbose_name": "section",
                        "verbose_name_plural": "sections",
                    },
                ),
                migrations.AlterModelOptions(
                    name="sourcereference",
                    options={
                        "default_permissions": (
                            "add",
                            "change",
                            "delete",
                            "view",
                            "import",
                            "export",
                        ),
                        "ordering": ["publication", "number"],
                        "verbose_name": "source reference",
                        "verbose_name_plural": "source references",
                    },
                ),
                migrations.AlterField(
                    model_name="actor",
                    name="country",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="For persons and organizations: the state they belong to.",
                        limit_choices_to={"kind": "state"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="nationals",
                        to="briefs.actor",
                        verbose_name="country",
                    ),
                ),
                migrations.AlterField(
                    model_name="actor",
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="actor",
                    name="description",
                    field=models.TextField(blank=True, verbose_name="description"),
                ),
                migrations.AlterField(
                    model_name="actor",
                    name="is_public",
                    field=models.BooleanField(
                        default=False,
                        editable=False,
                        help_text="Whether a published brief mentions it or discusses what it takes part in.",
                        serialize=False,
                        verbose_name="is public",
                    ),
                ),
                migrations.AlterField(
                    model_name="actor",
                    name="kind",
                    field=models.CharField(
                        choices=[
                            ("person", "Person"),
                            ("state", "State"),
                            ("organization", "Organization"),
                            ("group", "Group"),
                        ],
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                migrations.AlterField(
                    model_name="actor",
                    name="name",
                    field=models.CharField(max_length=200, verbose_name="name"),
                ),
                migrations.AlterField(
                    model_name="actor",
                    name="position",
                    field=models.CharField(
                        blank=True,
                        help_text="Title or office, as the brief gives it.",
                        max_length=300,
                        verbose_name="position",
                    ),
                ),
                migrations.AlterField(
                    model_name="actor",
                    name="slug",
                    field=models.SlugField(
                        max_length=120, unique=True, verbose_name="slug"
                    ),
                ),
                migrations.AlterField(
                    model_name="actor",
                    name="updated_at",
                    field=models.DateTimeField(
                        auto_now=True, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="actoralias",
                    name="actor",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="aliases",
                        to="briefs.actor",
                        verbose_name="actor",
                    ),
                ),
                migrations.AlterField(
                    model_name="actoralias",
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="actoralias",
                    name="name",
                    field=models.CharField(max_length=200, verbose_name="name"),
                ),
                migrations.AlterField(
                    model_name="actoralias",
                    name="updated_at",
                    field=models.DateTimeField(
                        auto_now=True, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="author",
                    name="affiliation",
                    field=models.CharField(
                        blank=True, max_length=200, verbose_name="affiliation"
                    ),
                ),
                migrations.AlterField(
                    model_name="author",
                    name="biography",
                    field=models.TextField(blank=True, verbose_name="biography"),
                ),
                migrations.AlterField(
                    model_name="author",
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="author",
                    name="name",
                    field=models.CharField(max_length=200, verbose_name="name"),
                ),
                migrations.AlterField(
                    model_name="author",
                    name="position",
                    field=models.CharField(
                        blank=True, max_length=200, verbose_name="position"
                    ),
                ),
                migrations.AlterField(
                    model_name="author",
                    name="slug",
                    field=models.SlugField(
                        max_length=120, unique=True, verbose_name="slug"
                    ),
                ),
                migrations.AlterField(
                    model_name="author",
                    name="updated_at",
                    field=models.DateTimeField(
                        auto_now=True, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="contribution",
                    name="author",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contributions",
                        to="briefs.author",
                        verbose_name="author",
                    ),
                ),
                migrations.AlterField(
                    model_name="contribution",
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="contribution",
                    name="position",
                    field=models.PositiveIntegerField(
                        default=1, verbose_name="position"
                    ),
                ),
                migrations.AlterField(
                    model_name="contribution",
                    name="publication",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contributions",
                        to="briefs.publication",
                        verbose_name="publication",
                    ),
                ),
                migrations.AlterField(
                    model_name="contribution",
                    name="role",
                    field=models.CharField(
                        choices=[
                            ("author", "Author"),
                            ("editor", "Editor"),
                            ("copy_editor", "Copy editor"),
                            ("translator", "Translator"),
                        ],
                        default="author",
                        max_length=11,
                        verbose_name="role",
                    ),
                ),
                migrations.AlterField(
                    model_name="contribution",
                    name="updated_at",
                    field=models.DateTimeField(
                        auto_now=True, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="actor",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="For a participant, the participant; for a nationality count, the country.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="evidence",
                        to="briefs.actor",
                        verbose_name="actor",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="fact",
                    field=models.CharField(
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
                        verbose_name="fact",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="meeting",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="briefs.meeting",
                        verbose_name="meeting",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="note",
                    field=models.TextField(blank=True, verbose_name="note"),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="number",
                    field=models.PositiveIntegerField(
                        help_text="Numbers the brief's evidence; the page's anchor is evidence-N.",
                        verbose_name="number",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="publication",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="briefs.publication",
                        verbose_name="publication",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="quote",
                    field=models.TextField(
                        help_text="The exact words of the text, as a reader reads them (without note numbers).",
                        verbose_name="quote",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="quote_found",
                    field=models.BooleanField(
                        default=True,
                        editable=False,
                        help_text="False once a later edit of the text no longer has the quote.",
                        verbose_name="quote found",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="rank",
                    field=models.CharField(
                        choices=[
                            ("preferred", "Preferred"),
                            ("normal", "Normal"),
                            ("deprecated", "Deprecated"),
                        ],
                        default="normal",
                        max_length=10,
                        verbose_name="rank",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="release",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="briefs.prisonerrelease",
                        verbose_name="prisoner release",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="sanction",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="briefs.sanction",
                        verbose_name="sanction",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="section",
                    field=models.PositiveIntegerField(
                        blank=True,
                        help_text="The position of the section that states it; empty for the abstract.",
                        null=True,
                        verbose_name="section",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="sources",
                    field=models.CharField(
                        blank=True,
                        help_text="The numbers of the source notes that back it, separated by commas.",
                        max_length=100,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\s*[1-9][0-9]*(\\s*,\\s*[1-9][0-9]*)*\\s*$",
                                "The numbers of the brief's source notes, separated by commas: 16, 17.",
                            )
                        ],
                        verbose_name="sources",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="updated_at",
                    field=models.DateTimeField(
                        auto_now=True, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="value",
                    field=models.CharField(
                        help_text="The value as this text gives it: “14”, “dozens”, “about six hours”.",
                        max_length=200,
                        verbose_name="value",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalactor",
                    name="country",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="For persons and organizations: the state they belong to.",
                        limit_choices_to={"kind": "state"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.actor",
                        verbose_name="country",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalactor",
                    name="created_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalactor",
                    name="description",
                    field=models.TextField(blank=True, verbose_name="description"),
                ),
                migrations.AlterField(
                    model_name="historicalactor",
                    name="kind",
                    field=models.CharField(
                        choices=[
                            ("person", "Person"),
                            ("state", "State"),
                            ("organization", "Organization"),
                            ("group", "Group"),
                        ],
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalactor",
                    name="name",
                    field=models.CharField(max_length=200, verbose_name="name"),
                ),
                migrations.AlterField(
                    model_name="historicalactor",
                    name="position",
                    field=models.CharField(
                        blank=True,
                        help_text="Title or office, as the brief gives it.",
                        max_length=300,
                        verbose_name="position",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalactor",
                    name="slug",
                    field=models.SlugField(max_length=120, verbose_name="slug"),
                ),
                migrations.AlterField(
                    model_name="historicalactor",
                    name="updated_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalactoralias",
                    name="actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.actor",
                        verbose_name="actor",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalactoralias",
                    name="created_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalactoralias",
                    name="name",
                    field=models.CharField(max_length=200, verbose_name="name"),
                ),
                migrations.AlterField(
                    model_name="historicalactoralias",
                    name="updated_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalauthor",
                    name="affiliation",
                    field=models.CharField(
                        blank=True, max_length=200, verbose_name="affiliation"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalauthor",
                    name="biography",
                    field=models.TextField(blank=True, verbose_name="biography"),
                ),
                migrations.AlterField(
                    model_name="historicalauthor",
                    name="created_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalauthor",
                    name="name",
                    field=models.CharField(max_length=200, verbose_name="name"),
                ),
                migrations.AlterField(
                    model_name="historicalauthor",
                    name="position",
                    field=models.CharField(
                        blank=True, max_length=200, verbose_name="position"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalauthor",
                    name="slug",
                    field=models.SlugField(max_length=120, verbose_name="slug"),
                ),
                migrations.AlterField(
                    model_name="historicalauthor",
                    name="updated_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalcontribution",
                    name="author",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.author",
                        verbose_name="author",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalcontribution",
                    name="created_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalcontribution",
                    name="position",
                    field=models.PositiveIntegerField(
                        default=1, verbose_name="position"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalcontribution",
                    name="publication",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.publication",
                        verbose_name="publication",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalcontribution",
                    name="role",
                    field=models.CharField(
                        choices=[
                            ("author", "Author"),
                            ("editor", "Editor"),
                            ("copy_editor", "Copy editor"),
                            ("translator", "Translator"),
                        ],
                        default="author",
                        max_length=11,
                        verbose_name="role",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalcontribution",
                    name="updated_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="For a participant, the participant; for a nationality count, the country.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.actor",
                        verbose_name="actor",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="created_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="fact",
                    field=models.CharField(
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
                        verbose_name="fact",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="meeting",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.meeting",
                        verbose_name="meeting",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="note",
                    field=models.TextField(blank=True, verbose_name="note"),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="number",
                    field=models.PositiveIntegerField(
                        help_text="Numbers the brief's evidence; the page's anchor is evidence-N.",
                        verbose_name="number",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="publication",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.publication",
                        verbose_name="publication",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="quote",
                    field=models.TextField(
                        help_text="The exact words of the text, as a reader reads them (without note numbers).",
                        verbose_name="quote",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="quote_found",
                    field=models.BooleanField(
                        default=True,
                        editable=False,
                        help_text="False once a later edit of the text no longer has the quote.",
                        verbose_name="quote found",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="rank",
                    field=models.CharField(
                        choices=[
                            ("preferred", "Preferred"),
                            ("normal", "Normal"),
                            ("deprecated", "Deprecated"),
                        ],
                        default="normal",
                        max_length=10,
                        verbose_name="rank",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="release",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.prisonerrelease",
                        verbose_name="prisoner release",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="sanction",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.sanction",
                        verbose_name="sanction",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="section",
                    field=models.PositiveIntegerField(
                        blank=True,
                        help_text="The position of the section that states it; empty for the abstract.",
                        null=True,
                        verbose_name="section",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="sources",
                    field=models.CharField(
                        blank=True,
                        help_text="The numbers of the source notes that back it, separated by commas.",
                        max_length=100,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\s*[1-9][0-9]*(\\s*,\\s*[1-9][0-9]*)*\\s*$",
                                "The numbers of the brief's source notes, separated by commas: 16, 17.",
                            )
                        ],
                        verbose_name="sources",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="updated_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalevidence",
                    name="value",
                    field=models.CharField(
                        help_text="The value as this text gives it: “14”, “dozens”, “about six hours”.",
                        max_length=200,
                        verbose_name="value",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalmeeting",
                    name="country",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        limit_choices_to={"kind": "state"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.actor",
                        verbose_name="country",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalmeeting",
                    name="created_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalmeeting",
                    name="duration_approximate",
                    field=models.BooleanField(
                        default=False, verbose_name="duration approximate"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalmeeting",
                    name="duration_hours",
                    field=models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="How long it lasted.",
                        max_digits=5,
                        null=True,
                        verbose_name="duration hours",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalmeeting",
                    name="outcome",
                    field=models.TextField(blank=True, verbose_name="outcome"),
                ),
                migrations.AlterField(
                    model_name="historicalmeeting",
                    name="place",
                    field=models.CharField(
                        blank=True, max_length=200, verbose_name="place"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalmeeting",
                    name="significance",
                    field=models.TextField(blank=True, verbose_name="significance"),
                ),
                migrations.AlterField(
                    model_name="historicalmeeting",
                    name="slug",
                    field=models.SlugField(max_length=120, verbose_name="slug"),
                ),
                migrations.AlterField(
                    model_name="historicalmeeting",
                    name="title",
                    field=models.CharField(max_length=300, verbose_name="title"),
                ),
                migrations.AlterField(
                    model_name="historicalmeeting",
                    name="topics",
                    field=models.TextField(
                        blank=True,
                        help_text="What was discussed, one topic per line.",
                        verbose_name="topics",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalmeeting",
                    name="updated_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalmeetingparticipant",
                    name="actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.actor",
                        verbose_name="actor",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalmeetingparticipant",
                    name="created_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalmeetingparticipant",
                    name="meeting",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.meeting",
                        verbose_name="meeting",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalmeetingparticipant",
                    name="position",
                    field=models.PositiveIntegerField(
                        default=1, verbose_name="position"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalmeetingparticipant",
                    name="role",
                    field=models.CharField(
                        choices=[
                            ("host", "Host"),
                            ("visitor", "Visitor"),
                            ("delegation", "Delegation"),
                            ("participant", "Participant"),
                        ],
                        default="participant",
                        max_length=11,
                        verbose_name="role",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalmeetingparticipant",
                    name="updated_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalnationalitycount",
                    name="count",
                    field=models.PositiveIntegerField(verbose_name="count"),
                ),
                migrations.AlterField(
                    model_name="historicalnationalitycount",
                    name="country",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        limit_choices_to={"kind": "state"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.actor",
                        verbose_name="country",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalnationalitycount",
                    name="created_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalnationalitycount",
                    name="release",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.prisonerrelease",
                        verbose_name="release",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalnationalitycount",
                    name="updated_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalprisonerrelease",
                    name="created_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalprisonerrelease",
                    name="description",
                    field=models.TextField(blank=True, verbose_name="description"),
                ),
                migrations.AlterField(
                    model_name="historicalprisonerrelease",
                    name="meeting",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The meeting through which it was agreed.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.meeting",
                        verbose_name="meeting",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalprisonerrelease",
                    name="released_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.actor",
                        verbose_name="released by",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalprisonerrelease",
                    name="released_to",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.actor",
                        verbose_name="released to",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalprisonerrelease",
                    name="slug",
                    field=models.SlugField(max_length=120, verbose_name="slug"),
                ),
                migrations.AlterField(
                    model_name="historicalprisonerrelease",
                    name="title",
                    field=models.CharField(max_length=300, verbose_name="title"),
                ),
                migrations.AlterField(
                    model_name="historicalprisonerrelease",
                    name="total",
                    field=models.PositiveIntegerField(
                        help_text="How many were released in all.", verbose_name="total"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalprisonerrelease",
                    name="updated_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalpublication",
                    name="copyright_line",
                    field=models.CharField(
                        blank=True, max_length=300, verbose_name="copyright line"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalpublication",
                    name="cover_photo_credit",
                    field=models.CharField(
                        blank=True, max_length=200, verbose_name="cover photo credit"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalpublication",
                    name="created_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalpublication",
                    name="language",
                    field=models.CharField(
                        choices=[("en", "English"), ("hu", "Hungarian")],
                        default="en",
                        max_length=2,
                        verbose_name="language",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalpublication",
                    name="publication_date",
                    field=models.DateField(verbose_name="publication date"),
                ),
                migrations.AlterField(
                    model_name="historicalpublication",
                    name="published_at",
                    field=models.DateTimeField(
                        blank=True, null=True, verbose_name="published at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalpublication",
                    name="publisher",
                    field=models.CharField(max_length=200, verbose_name="publisher"),
                ),
                migrations.AlterField(
                    model_name="historicalpublication",
                    name="publisher_url",
                    field=models.URLField(blank=True, verbose_name="publisher url"),
                ),
                migrations.AlterField(
                    model_name="historicalpublication",
                    name="series",
                    field=models.CharField(
                        help_text="For example “HIIA Perspective”.",
                        max_length=200,
                        verbose_name="series",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalpublication",
                    name="series_year",
                    field=models.PositiveSmallIntegerField(
                        blank=True,
                        editable=False,
                        null=True,
                        verbose_name="series year",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalpublication",
                    name="slug",
                    field=models.SlugField(max_length=120, verbose_name="slug"),
                ),
                migrations.AlterField(
                    model_name="historicalpublication",
                    name="status",
                    field=models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("in_review", "In review"),
                            ("published", "Published"),
                        ],
                        default="draft",
                        max_length=9,
                        verbose_name="status",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalpublication",
                    name="title",
                    field=models.CharField(max_length=300, verbose_name="title"),
                ),
                migrations.AlterField(
                    model_name="historicalpublication",
                    name="updated_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsanction",
                    name="created_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsanction",
                    name="description",
                    field=models.TextField(blank=True, verbose_name="description"),
                ),
                migrations.AlterField(
                    model_name="historicalsanction",
                    name="imposed_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.actor",
                        verbose_name="imposed by",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsanction",
                    name="sector",
                    field=models.CharField(
                        blank=True, max_length=200, verbose_name="sector"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsanction",
                    name="slug",
                    field=models.SlugField(max_length=120, verbose_name="slug"),
                ),
                migrations.AlterField(
                    model_name="historicalsanction",
                    name="status",
                    field=models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("in_force", "In force"),
                            ("eased", "Eased"),
                            ("lifted", "Lifted"),
                        ],
                        default="in_force",
                        max_length=8,
                        verbose_name="status",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsanction",
                    name="status_note",
                    field=models.TextField(
                        blank=True,
                        help_text="Where the sanction stands, in the brief's own terms.",
                        verbose_name="status note",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsanction",
                    name="target",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.actor",
                        verbose_name="target",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsanction",
                    name="title",
                    field=models.CharField(max_length=300, verbose_name="title"),
                ),
                migrations.AlterField(
                    model_name="historicalsanction",
                    name="updated_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsection",
                    name="body",
                    field=models.TextField(
                        blank=True,
                        help_text="Markdown. Paragraphs are separated by a blank line; [anchor text][N] marks source reference number N.",
                        verbose_name="body",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsection",
                    name="created_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsection",
                    name="heading",
                    field=models.CharField(
                        blank=True, max_length=300, verbose_name="heading"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsection",
                    name="position",
                    field=models.PositiveIntegerField(verbose_name="position"),
                ),
                migrations.AlterField(
                    model_name="historicalsection",
                    name="publication",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.publication",
                        verbose_name="publication",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsection",
                    name="updated_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsourcereference",
                    name="anchor_text",
                    field=models.CharField(max_length=300, verbose_name="anchor text"),
                ),
                migrations.AlterField(
                    model_name="historicalsourcereference",
                    name="created_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsourcereference",
                    name="number",
                    field=models.PositiveIntegerField(verbose_name="number"),
                ),
                migrations.AlterField(
                    model_name="historicalsourcereference",
                    name="publication",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="briefs.publication",
                        verbose_name="publication",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsourcereference",
                    name="updated_at",
                    field=models.DateTimeField(
                        blank=True, editable=False, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalsourcereference",
                    name="url",
                    field=models.URLField(
                        blank=True,
                        help_text="Empty until a curator finds it.",
                        max_length=500,
                        verbose_name="url",
                    ),
                ),
                migrations.AlterField(
                    model_name="ingestproposal",
                    name="actor",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="proposals",
                        to="briefs.actor",
                        verbose_name="actor",
                    ),
                ),
                migrations.AlterField(
                    model_name="ingestproposal",
                    name="count",
                    field=models.PositiveIntegerField(
                        blank=True,
                        help_text="How many of that nationality.",
                        null=True,
                        verbose_name="count",
                    ),
                ),
                migrations.AlterField(
                    model_name="ingestproposal",
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="ingestproposal",
                    name="kind",
                    field=models.CharField(
                        choices=[
                            ("actor", "Actor mentioned"),
                            ("new_actor", "New actor named"),
                            ("nationality", "Nationality count"),
                            ("event", "Date mentioned"),
                        ],
                        max_length=11,
                        verbose_name="kind",
                    ),
                ),
                migrations.AlterField(
                    model_name="ingestproposal",
                    name="mention",
                    field=models.CharField(
                        help_text="The words of the text: “Kellogg's”, “May 29, 2024”.",
                        max_length=300,
                        verbose_name="mention",
                    ),
                ),
                migrations.AlterField(
                    model_name="ingestproposal",
                    name="name",
                    field=models.CharField(
                        blank=True,
                        help_text="A new actor's name, or the state of a nationality count.",
                        max_length=200,
                        verbose_name="name",
                    ),
                ),
                migrations.AlterField(
                    model_name="ingestproposal",
                    name="position",
                    field=models.PositiveIntegerField(
                        help_text="Order of first mention.", verbose_name="position"
                    ),
                ),
                migrations.AlterField(
                    model_name="ingestproposal",
                    name="publication",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="proposals",
                        to="briefs.publication",
                        verbose_name="publication",
                    ),
                ),
                migrations.AlterField(
                    model_name="ingestproposal",
                    name="sentences",
                    field=models.TextField(
                        help_text="The sentences that say it, one a line.",
                        verbose_name="sentences",
                    ),
                ),
                migrations.AlterField(
                    model_name="ingestproposal",
                    name="status",
                    field=models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("accepted", "Accepted"),
                            ("dismissed", "Dismissed"),
                        ],
                        default="proposed",
                        max_length=9,
                        verbose_name="status",
                    ),
                ),
                migrations.AlterField(
                    model_name="ingestproposal",
                    name="updated_at",
                    field=models.DateTimeField(
                        auto_now=True, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="country",
                    field=models.ForeignKey(
                        blank=True,
                        limit_choices_to={"kind": "state"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="meetings_hosted_in",
                        to="briefs.actor",
                        verbose_name="country",
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="duration_approximate",
                    field=models.BooleanField(
                        default=False, verbose_name="duration approximate"
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="duration_hours",
                    field=models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="How long it lasted.",
                        max_digits=5,
                        null=True,
                        verbose_name="duration hours",
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="outcome",
                    field=models.TextField(blank=True, verbose_name="outcome"),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="participants",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="meetings",
                        through="briefs.MeetingParticipant",
                        to="briefs.actor",
                        verbose_name="participants",
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="place",
                    field=models.CharField(
                        blank=True, max_length=200, verbose_name="place"
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="publications",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="Briefs that discuss it.",
                        to="briefs.publication",
                        verbose_name="publications",
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="significance",
                    field=models.TextField(blank=True, verbose_name="significance"),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="slug",
                    field=models.SlugField(
                        max_length=120, unique=True, verbose_name="slug"
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="title",
                    field=models.CharField(max_length=300, verbose_name="title"),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="topics",
                    field=models.TextField(
                        blank=True,
                        help_text="What was discussed, one topic per line.",
                        verbose_name="topics",
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="updated_at",
                    field=models.DateTimeField(
                        auto_now=True, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="meetingparticipant",
                    name="actor",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="participations",
                        to="briefs.actor",
                        verbose_name="actor",
                    ),
                ),
                migrations.AlterField(
                    model_name="meetingparticipant",
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="meetingparticipant",
                    name="meeting",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participations",
                        to="briefs.meeting",
                        verbose_name="meeting",
                    ),
                ),
                migrations.AlterField(
                    model_name="meetingparticipant",
                    name="position",
                    field=models.PositiveIntegerField(
                        default=1, verbose_name="position"
                    ),
                ),
                migrations.AlterField(
                    model_name="meetingparticipant",
                    name="role",
                    field=models.CharField(
                        choices=[
                            ("host", "Host"),
                            ("visitor", "Visitor"),
                            ("delegation", "Delegation"),
                            ("participant", "Participant"),
                        ],
                        default="participant",
                        max_length=11,
                        verbose_name="role",
                    ),
                ),
                migrations.AlterField(
                    model_name="meetingparticipant",
                    name="updated_at",
                    field=models.DateTimeField(
                        auto_now=True, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="nationalitycount",
                    name="count",
                    field=models.PositiveIntegerField(verbose_name="count"),
                ),
                migrations.AlterField(
                    model_name="nationalitycount",
                    name="country",
                    field=models.ForeignKey(
                        limit_choices_to={"kind": "state"},
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="nationality_counts",
                        to="briefs.actor",
                        verbose_name="country",
                    ),
                ),
                migrations.AlterField(
                    model_name="nationalitycount",
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="nationalitycount",
                    name="release",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="nationality_counts",
                        to="briefs.prisonerrelease",
                        verbose_name="release",
                    ),
                ),
                migrations.AlterField(
                    model_name="nationalitycount",
                    name="updated_at",
                    field=models.DateTimeField(
                        auto_now=True, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="previewlink",
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="previewlink",
                    name="created_by",
                    field=models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                migrations.AlterField(
                    model_name="previewlink",
                    name="publication",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="preview_links",
                        to="briefs.publication",
                        verbose_name="publication",
                    ),
                ),
                migrations.AlterField(
                    model_name="previewlink",
                    name="revoked",
                    field=models.BooleanField(
                        default=False,
                        help_text="The link stops working at once.",
                        verbose_name="revoked",
                    ),
                ),
                migrations.AlterField(
                    model_name="previewlink",
                    name="sent_to",
                    field=models.CharField(
                        blank=True,
                        help_text="Whom the link is for, as a reminder.",
                        max_length=200,
                        verbose_name="sent to",
                    ),
                ),
                migrations.AlterField(
                    model_name="previewlink",
                    name="token",
                    field=models.CharField(
                        default=briefs.models.publications.new_preview_token,
                        editable=False,
                        max_length=64,
                        unique=True,
                        verbose_name="token",
                    ),
                ),
                migrations.AlterField(
                    model_name="previewlink",
                    name="updated_at",
                    field=models.DateTimeField(
                        auto_now=True, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="prisonerrelease",
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="prisonerrelease",
                    name="description",
                    field=models.TextField(blank=True, verbose_name="description"),
                ),
                migrations.AlterField(
                    model_name="prisonerrelease",
                    name="meeting",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="The meeting through which it was agreed.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="releases",
                        to="briefs.meeting",
                        verbose_name="meeting",
                    ),
                ),
                migrations.AlterField(
                    model_name="prisonerrelease",
                    name="publications",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="Briefs that discuss it.",
                        to="briefs.publication",
                        verbose_name="publications",
                    ),
                ),
                migrations.AlterField(
                    model_name="prisonerrelease",
                    name="released_by",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="releases_made",
                        to="briefs.actor",
                        verbose_name="released by",
                    ),
                ),
                migrations.AlterField(
                    model_name="prisonerrelease",
                    name="released_to",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="releases_received",
                        to="briefs.actor",
                        verbose_name="released to",
                    ),
                ),
                migrations.AlterField(
                    model_name="prisonerrelease",
                    name="sanctions_relief",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="The sanctions whose easing it was traded for.",
                        related_name="releases",
                        to="briefs.sanction",
                        verbose_name="sanctions relief",
                    ),
                ),
                migrations.AlterField(
                    model_name="prisonerrelease",
                    name="slug",
                    field=models.SlugField(
                        max_length=120, unique=True, verbose_name="slug"
                    ),
                ),
                migrations.AlterField(
                    model_name="prisonerrelease",
                    name="title",
                    field=models.CharField(max_length=300, verbose_name="title"),
                ),
                migrations.AlterField(
                    model_name="prisonerrelease",
                    name="total",
                    field=models.PositiveIntegerField(
                        help_text="How many were released in all.", verbose_name="total"
                    ),
                ),
                migrations.AlterField(
                    model_name="prisonerrelease",
                    name="updated_at",
                    field=models.DateTimeField(
                        auto_now=True, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="actors",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="Actors the brief mentions; their names link to their pages.",
                        related_name="publications",
                        to="briefs.actor",
                        verbose_name="actors",
                    ),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="authors",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="publications",
                        through="briefs.Contribution",
                        to="briefs.author",
                        verbose_name="authors",
                    ),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="copyright_line",
                    field=models.CharField(
                        blank=True, max_length=300, verbose_name="copyright line"
                    ),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="cover_photo_credit",
                    field=models.CharField(
                        blank=True, max_length=200, verbose_name="cover photo credit"
                    ),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="language",
                    field=models.CharField(
                        choices=[("en", "English"), ("hu", "Hungarian")],
                        default="en",
                        max_length=2,
                        verbose_name="language",
                    ),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="publication_date",
                    field=models.DateField(verbose_name="publication date"),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="published_at",
                    field=models.DateTimeField(
                        blank=True, null=True, verbose_name="published at"
                    ),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="publisher",
                    field=models.CharField(max_length=200, verbose_name="publisher"),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="publisher_url",
                    field=models.URLField(blank=True, verbose_name="publisher url"),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="series",
                    field=models.CharField(
                        help_text="For example “HIIA Perspective”.",
                        max_length=200,
                        verbose_name="series",
                    ),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="series_year",
                    field=models.PositiveSmallIntegerField(
                        blank=True,
                        editable=False,
                        null=True,
                        verbose_name="series year",
                    ),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="slug",
                    field=models.SlugField(
                        max_length=120, unique=True, verbose_name="slug"
                    ),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="status",
                    field=models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("in_review", "In review"),
                            ("published", "Published"),
                        ],
                        default="draft",
                        max_length=9,
                        verbose_name="status",
                    ),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="title",
                    field=models.CharField(max_length=300, verbose_name="title"),
                ),
                migrations.AlterField(
                    model_name="publication",
                    name="updated_at",
                    field=models.DateTimeField(
                        auto_now=True, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="sanction",
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="sanction",
                    name="description",
                    field=models.TextField(blank=True, verbose_name="description"),
                ),
                migrations.AlterField(
                    model_name="sanction",
                    name="imposed_by",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sanctions_imposed",
                        to="briefs.actor",
                        verbose_name="imposed by",
                    ),
                ),
                migrations.AlterField(
                    model_name="sanction",
                    name="publications",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="Briefs that discuss it.",
                        to="briefs.publication",
                        verbose_name="publications",
                    ),
                ),
                migrations.AlterField(
                    model_name="sanction",
                    name="sector",
                    field=models.CharField(
                        blank=True, max_length=200, verbose_name="sector"
                    ),
                ),
                migrations.AlterField(
                    model_name="sanction",
                    name="slug",
                    field=models.SlugField(
                        max_length=120, unique=True, verbose_name="slug"
                    ),
                ),
                migrations.AlterField(
                    model_name="sanction",
                    name="status",
                    field=models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("in_force", "In force"),
                            ("eased", "Eased"),
                            ("lifted", "Lifted"),
                        ],
                        default="in_force",
                        max_length=8,
                        verbose_name="status",
                    ),
                ),
                migrations.AlterField(
                    model_name="sanction",
                    name="status_note",
                    field=models.TextField(
                        blank=True,
                        help_text="Where the sanction stands, in the brief's own terms.",
                        verbose_name="status note",
                    ),
                ),
                migrations.AlterField(
                    model_name="sanction",
                    name="target",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sanctions_borne",
                        to="briefs.actor",
                        verbose_name="target",
                    ),
                ),
                migrations.AlterField(
                    model_name="sanction",
                    name="title",
                    field=models.CharField(max_length=300, verbose_name="title"),
                ),
                migrations.AlterField(
                    model_name="sanction",
                    name="updated_at",
                    field=models.DateTimeField(
                        auto_now=True, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="section",
                    name="body",
                    field=models.TextField(
                        blank=True,
                        help_text="Markdown. Paragraphs are separated by a blank line; [anchor text][N] marks source reference number N.",
                        verbose_name="body",
                    ),
                ),
                migrations.AlterField(
                    model_name="section",
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="section",
                    name="heading",
                    field=models.CharField(
                        blank=True, max_length=300, verbose_name="heading"
                    ),
                ),
                migrations.AlterField(
                    model_name="section",
                    name="position",
                    field=models.PositiveIntegerField(verbose_name="position"),
                ),
                migrations.AlterField(
                    model_name="section",
                    name="publication",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sections",
                        to="briefs.publication",
                        verbose_name="publication",
                    ),
                ),
                migrations.AlterField(
                    model_name="section",
                    name="updated_at",
                    field=models.DateTimeField(
                        auto_now=True, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="sourcereference",
                    name="anchor_text",
                    field=models.CharField(max_length=300, verbose_name="anchor text"),
                ),
                migrations.AlterField(
                    model_name="sourcereference",
                    name="created_at",
                    field=models.DateTimeField(
                        auto_now_add=True, verbose_name="created at"
                    ),
                ),
                migrations.AlterField(
                    model_name="sourcereference",
                    name="number",
                    field=models.PositiveIntegerField(verbose_name="number"),
                ),
                migrations.AlterField(
                    model_name="sourcereference",
                    name="publication",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="source_references",
                        to="briefs.publication",
                        verbose_name="publication",
                    ),
                ),
                migrations.AlterField(
                    model_name="sourcereference",
                    name="updated_at",
                    field=models.DateTimeField(
                        auto_now=True, verbose_name="updated at"
                    ),
                ),
                migrations.AlterField(
                    model_name="sourcereference",
                    name="url",
                    field=models.URLField(
                        blank=True,
                        help_text="Empty until a curator finds it.",
                        max_length=500,
                        verbose_name="url",
                    ),
                ),
            ]
        ),
    ]
