"""
Briefs' texts rendered once, when written: the abstract's HTML and each
section's, stored beside their Markdown, then filled for the rows there are.
"""

from django.db import migrations, models


def render_existing_briefs(apps, schema_editor):
    # The app's own renderer, not a frozen copy: the stored HTML must be what
    # a save would store now. It reads only the columns it names, so later
    # migrations adding columns do not break this one.
    from briefs.reading.rendering import store_rendered_html

    Publication = apps.get_model("briefs", "Publication")
    store_rendered_html(Publication.objects.values_list("pk", flat=True))


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
        migrations.RunPython(render_existing_briefs, migrations.RunPython.noop),
    ]
