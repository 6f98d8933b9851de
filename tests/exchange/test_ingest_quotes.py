"""A brief's text brought in again (``ingest_brief --update``, or the admin's
"Add a brief from its text" with update) rechecks the quotes of its evidence:
one the new text no longer has is flagged, never dropped."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from briefs.models import Evidence, Publication
from tests.factories import make_sanction
from tests.helpers import TWO_AUTHORS_SLUG, TWO_AUTHORS_TEXT

pytestmark = pytest.mark.django_db

QUOTED = "asked for more sanctions"
CHANGED = "asked for no further sanctions"
FROM_TEXT = reverse("admin:briefs_publication_from_text")


def ingest(path, *args):
    call_command("ingest_brief", str(path), *args, stdout=io.StringIO())


def quoting_section_one():
    publication = Publication.objects.get(slug=TWO_AUTHORS_SLUG)
    sanction = make_sanction("eu-sanctions")
    sanction.publications.add(publication)
    evidence = Evidence(
        publication=publication,
        number=1,
        sanction=sanction,
        fact="status",
        value="asked for",
        section=1,
        quote=QUOTED,
    )
    evidence.full_clean()
    evidence.save()
    return evidence


def with_the_quote_changed(tmp_path):
    text = TWO_AUTHORS_TEXT.read_text()
    assert QUOTED in text
    changed = tmp_path / "changed.txt"
    changed.write_text(text.replace(QUOTED, CHANGED))
    return changed


def test_ingest_update_flags_evidence_whose_quote_the_new_text_lost(tmp_path):
    ingest(TWO_AUTHORS_TEXT)
    evidence = quoting_section_one()
    assert evidence.quote_found

    ingest(with_the_quote_changed(tmp_path), "--update")
    evidence.refresh_from_db()
    assert not evidence.quote_found

    ingest(TWO_AUTHORS_TEXT, "--update")  # and found again once restored
    evidence.refresh_from_db()
    assert evidence.quote_found


def test_the_admins_update_from_a_text_flags_it_too(tmp_path, editor_client):
    ingest(TWO_AUTHORS_TEXT)
    evidence = quoting_section_one()
    data = with_the_quote_changed(tmp_path).read_bytes()
    preview = editor_client.post(
        FROM_TEXT,
        {"text_file": SimpleUploadedFile("brief.txt", data), "update": "on"},
    )
    editor_client.post(
        FROM_TEXT, {**preview.context["confirm_form"].initial, "_confirm": "1"}
    )
    assert Publication.objects.get(slug=TWO_AUTHORS_SLUG).sections.filter(
        body__contains=CHANGED
    )
    evidence.refresh_from_db()
    assert not evidence.quote_found
