"""
Review and scheduled publishing: a brief goes draft → in review → published,
may be scheduled (``publish_at``) and previewed through links that expire.

Only holders of ``publish_publication`` publish: 0008b gives it to the
Editor group.
"""

import briefs.models
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('briefs', '0006_search_documents'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PreviewLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('token', models.CharField(default=briefs.models.new_preview_token, editable=False, max_length=64, unique=True)),
                ('sent_to', models.CharField(blank=True, help_text='Whom the link is for, as a reminder.', max_length=200)),
                ('expires_at', models.DateTimeField(default=briefs.models.default_preview_expiry, verbose_name='expires')),
                ('revoked', models.BooleanField(default=False, help_text='The link stops working at once.')),
            ],
            options={
                'ordering': ['-created_at'],
                'default_permissions': (),
            },
        ),
        migrations.AlterModelOptions(
            name='publication',
            options={'default_permissions': ('add', 'change', 'delete', 'view', 'import', 'export'), 'ordering': ['-publication_date', 'title'], 'permissions': [('publish_publication', 'Can publish and schedule briefs')]},
        ),
        migrations.RemoveConstraint(
            model_name='publication',
            name='briefs_publication_status_valid',
        ),
        migrations.RemoveConstraint(
            model_name='publication',
            name='briefs_publication_published_has_timestamp',
        ),
        migrations.AddField(
            model_name='historicalpublication',
            name='publish_at',
            field=models.DateTimeField(blank=True, help_text='Scheduled: the brief goes public at this time by itself.', null=True, verbose_name='publish at'),
        ),
        migrations.AddField(
            model_name='publication',
            name='publish_at',
            field=models.DateTimeField(blank=True, help_text='Scheduled: the brief goes public at this time by itself.', null=True, verbose_name='publish at'),
        ),
        migrations.AlterField(
            model_name='historicalpublication',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('published', 'Published')], default='draft', max_length=9),
        ),
        migrations.AlterField(
            model_name='publication',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('published', 'Published')], default='draft', max_length=9),
        ),
        migrations.AddConstraint(
            model_name='publication',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'in_review', 'published'])), name='briefs_publication_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='publication',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'published'), _negated=True), ('published_at__isnull', False), _connector='OR'), name='briefs_publication_published_has_timestamp'),
        ),
        migrations.AddConstraint(
            model_name='publication',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'published'), _negated=True), ('publish_at__isnull', True), _connector='OR'), name='briefs_publication_published_is_not_scheduled'),
        ),
        migrations.AddField(
            model_name='previewlink',
            name='created_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='previewlink',
            name='publication',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='preview_links', to='briefs.publication'),
        ),
    ]
