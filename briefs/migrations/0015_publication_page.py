"""
Render once, serve many: a published brief's public article stored at the
page generation it was rendered at, and that generation kept in the
database (one row) so every process reads the same number.
"""

import django.db.models.deletion
from django.db import migrations, models


def first_generation(apps, schema_editor):
    apps.get_model("briefs", "PageGeneration").objects.create(id=1, value=0)


class Migration(migrations.Migration):

    dependencies = [
        ('briefs', '0014_search_speed'),
    ]

    operations = [
        migrations.CreateModel(
            name='StoredArticle',
            fields=[
                ('publication', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='stored_article', serialize=False, to='briefs.publication')),
                ('generation', models.BigIntegerField(help_text='The page generation the article was rendered at.', null=True)),
                ('origin', models.CharField(blank=True, help_text='Scheme and host of its absolute links.', max_length=300)),
                ('head_html', models.TextField(blank=True)),
                ('article_html', models.TextField(blank=True)),
            ],
            options={
                'ordering': ['publication'],
            },
        ),
        migrations.CreateModel(
            name='PageGeneration',
            fields=[
                ('id', models.PositiveSmallIntegerField(default=1, editable=False, primary_key=True, serialize=False)),
                ('value', models.BigIntegerField(default=0)),
            ],
            options={
                'ordering': ['id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('id', 1)), name='briefs_pagegeneration_one_row')],
            },
        ),
        migrations.RunPython(first_generation, migrations.RunPython.noop),
    ]
