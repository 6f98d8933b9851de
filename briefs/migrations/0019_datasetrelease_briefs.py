# The briefs each dataset release holds, so /data/ can mark a release that
# holds one since withdrawn. Releases made before are read from their stored
# zips (publication.csv, its slug column), with this migration's own code.

import csv
import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import migrations, models


def briefs_in_zip(path):
    """The slugs in a stored package's publication.csv; None if it cannot be read."""
    try:
        with zipfile.ZipFile(path) as archive:
            [name] = [n for n in archive.namelist() if n.endswith("/publication.csv")]
            text = archive.read(name).decode("utf-8")
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return None
    rows = csv.DictReader(io.StringIO(text))
    return sorted(row["slug"] for row in rows)


def read_stored_packages(apps, schema_editor):
    DatasetRelease = apps.get_model("briefs", "DatasetRelease")
    root = Path(settings.DATASET_ROOT)
    for release in DatasetRelease.objects.all():
        release.briefs = briefs_in_zip(root / release.file_name)
        release.save(update_fields=["briefs"])


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0018_proposals_of_new_actors"),
    ]

    operations = [
        migrations.AddField(
            model_name="datasetrelease",
            name="briefs",
            field=models.JSONField(
                blank=True,
                help_text="The slugs of the briefs it holds, so /data/ can mark one "
                "since withdrawn; null when not known (the package's file was missing).",
                null=True,
            ),
        ),
        migrations.RunPython(read_stored_packages, migrations.RunPython.noop),
    ]
