"""The PDF edition: made by a job once a brief is published or its text
changes, in the Perspective's layout, tagged PDF/UA-1, every font embedded;
served with its ETag, linked from the page; a failed job keeps the last good
PDF and says why on the brief's admin page."""

import functools
import io
import os
import re
import shutil
import subprocess
import sys

import pdfplumber
import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from briefs.domain import publishing
from briefs.editions import pdf as editions
from briefs.models import PdfEdition, Publication
from tests.factories import make_publication, make_section, make_source_reference
from tests.helpers import (
    BRIEF_URL,
    ROOT,
    SEED_SLUG,
    admin_url,
    load_seed,
    shipped_edition,
)

pytestmark = pytest.mark.django_db

PDF_URL = BRIEF_URL + "edition.pdf"


@pytest.fixture(scope="module")
def seed_pdf(django_db_setup, django_db_blocker, seed_snapshot):
    """The seed brief's edition, typeset once for the module's tests."""
    from django.db import transaction

    from tests.snapshots import restored

    with django_db_blocker.unblock(), transaction.atomic():
        restored(seed_snapshot, load_seed)
        publication = Publication.objects.get(slug=SEED_SLUG)
        assert editions.make_edition(publication.pk) == "made"
        data = bytes(PdfEdition.objects.get(pk=publication.pk).pdf)
        transaction.set_rollback(True)
    return data


@functools.lru_cache(maxsize=4)  # the seed's edition is read by several tests
def text_of_pdf(data):
    with pdfplumber.open(io.BytesIO(data)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_the_edition_has_the_cover_imprint_and_numbered_pages(seed_pdf):
    reader = PdfReader(io.BytesIO(seed_pdf))
    pages = len(reader.pages)
    assert pages >= 4
    cover = reader.pages[0].extract_text()
    assert "HIIA PERSPECTIVE" in cover and "2025/1" in cover
    assert "Ruslan Bortnik" in cover and "15 July 2025" in cover
    imprint = reader.pages[1].extract_text()
    assert "10.5555/hiia-perspective.2025.1" in imprint
    assert "Copy editor" in imprint
    third = reader.pages[2].extract_text()
    assert f"Page 3 of {pages}" in third
    # The running header: the short title, up to its question mark.
    header = "A Turning Point or Merely a Tactical Move? HIIA Perspective 2025/1"
    assert header in reader.pages[3].extract_text().splitlines()


def test_the_edition_is_tagged_pdf_ua_with_its_language_and_title(seed_pdf):
    reader = PdfReader(io.BytesIO(seed_pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title.startswith(
        "A Turning Point or Merely a Tactical Move?"
    )
    assert b"pdfuaid" in reader.xmp_metadata.stream.get_data()


def test_the_notes_are_numbered_and_the_text_points_to_them(seed_pdf, seeded):
    notes = text_of_pdf(seed_pdf).split("\nNotes\n")[1].splitlines()
    references = list(seeded.source_references.all())
    assert notes[: len(references)] == [
        f"{reference.number}. {reference.anchor_text} (link not recorded)"
        for reference in references
    ]


def test_a_note_gives_its_url_and_the_text_its_number(editor):
    brief = make_publication("with-urls")
    make_section(brief, body="As [one report][1] and [another][2] say.")
    make_source_reference(brief, 1, "one report", "https://example.org/one")
    make_source_reference(
        brief, 2, "another", "https://example.org/a/very/long/path/" + "x" * 60
    )
    editions.make_edition(brief.pk)
    text = text_of_pdf(bytes(PdfEdition.objects.get().pdf))
    assert "As one report1 and another2 say." in text
    notes = text.split("\nNotes\n")[1].replace("\n", "")
    assert "1. one report: https://example.org/one" in notes
    assert "2. another: https://example.org/a/very/long/path/" + "x" * 60 in notes


def test_the_key_facts_are_in_a_box(seed_pdf):
    text = text_of_pdf(seed_pdf)
    assert "Key facts" in text
    assert "Kellogg meets Alexander Lukashenko in Minsk" in text


def test_an_unofficial_translation_says_so_in_its_imprint_and_names_its_original(
    seeded,
):
    hungarian = Publication.objects.get(slug=shipped_edition("hu")["slug"])
    assert editions.make_edition(hungarian.pk) == "made"
    text = " ".join(
        text_of_pdf(bytes(PdfEdition.objects.get(pk=hungarian.pk).pdf)).split()
    )
    assert "Nem hivatalos fordítás" in text
    assert " ".join(hungarian.translation_note.split()) in text
    # The original at its own (English) address, not under /hu/.
    assert f"{seeded.title}, {settings.SITE_ORIGIN}{BRIEF_URL}" in text


def test_an_institute_s_own_edition_has_no_translation_notice(seed_pdf):
    assert "Unofficial translation" not in text_of_pdf(seed_pdf)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils")
def test_every_font_is_embedded(seed_pdf, tmp_path):
    path = tmp_path / "edition.pdf"
    path.write_bytes(seed_pdf)
    lines = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        # name type encoding emb sub uni object ID: "emb" is the 4th from the end.
        assert line.split()[-5] == "yes", line


def hyphenated_words(data):
    """Words broken at a line's end with a hyphen (U+2010, as WeasyPrint
    sets it): "extra‐" + "ordinary" is "extraordinary"."""
    lines = text_of_pdf(data).splitlines()
    return [
        line.rsplit(" ", 1)[-1].rstrip("\u2010") + following.split(" ", 1)[0]
        for line, following in zip(lines, lines[1:], strict=False)
        if re.search(r"\w\u2010$", line)
    ]


LONG_ENGLISH = (
    "Internationalisation notwithstanding, extraordinarily uncharacteristic "
    "responsibilities characterised the counterproductive institutionalisation "
)
LONG_HUNGARIAN = (
    "Megszentségteleníthetetlenségeskedéseitekért a kormányközi "
    "tárgyalássorozatok együttműködési megállapodásainak végrehajtásáról "
)


@pytest.mark.parametrize(
    ("language", "words"), [("en", LONG_ENGLISH), ("hu", LONG_HUNGARIAN)]
)
def test_the_text_is_hyphenated_in_the_brief_s_language(editor, language, words):
    brief = make_publication(
        "a-long-brief", language=language, status=Publication.Status.DRAFT
    )
    make_section(brief, body=words * 12)
    publishing.publication_publish(publication=brief, user=editor)
    html = editions.edition_html(
        editions.selectors.brief_pages(AnonymousUser()).get(pk=brief.pk)
    )
    data = editions.typeset(html)
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == language
    broken = hyphenated_words(data)
    assert broken, "no word was hyphenated"
    for word in broken:
        assert word.rstrip(",.") in words, word


def test_publishing_a_brief_queues_its_edition_and_the_job_makes_it(
    client, editor, django_capture_on_commit_callbacks
):
    brief = make_publication("to-publish", status=Publication.Status.DRAFT)
    make_section(brief, body="The [first source][1] says so.")
    make_source_reference(brief, url="https://example.org/first")
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publication_publish(publication=brief, user=editor)
    [job] = DBTaskResult.objects.filter(task_path__endswith="make_pdf_edition")
    assert job.args_kwargs["args"] == [brief.pk]
    assert not PdfEdition.objects.exists()  # not in the request
    assert editions.make_edition(brief.pk) == "made"
    response = client.get(brief.get_absolute_url() + "edition.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = text_of_pdf(response.content)
    assert "https://example.org/first" in text
    etag = response["ETag"]
    assert (
        client.get(
            brief.get_absolute_url() + "edition.pdf", HTTP_IF_NONE_MATCH=etag
        ).status_code
        == 304
    )


def test_a_job_whose_brief_did_not_change_makes_nothing(editor):
    brief = make_publication("unchanged")
    make_section(brief)
    assert editions.make_edition(brief.pk) == "made"
    made_at = PdfEdition.objects.get().made_at
    assert editions.make_edition(brief.pk) == "unchanged"
    assert PdfEdition.objects.get().made_at == made_at


def test_a_change_of_the_published_text_queues_a_new_edition(
    editor, django_capture_on_commit_callbacks
):
    brief = make_publication("edited")
    section = make_section(brief)
    editions.make_edition(brief.pk)
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        section.body = "A new paragraph."
        section.save()
    assert (
        DBTaskResult.objects.filter(task_path__endswith="make_pdf_edition").count() == 1
    )
    assert editions.make_edition(brief.pk) == "made"


def test_a_draft_gets_no_edition_and_no_job(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        brief = make_publication("a-draft", status=Publication.Status.DRAFT)
        make_section(brief)
    assert not DBTaskResult.objects.exists()
    assert editions.make_edition(brief.pk) == "not published"


def test_a_failed_job_keeps_the_last_good_pdf_and_the_admin_says_why(
    admin_client, client, monkeypatch
):
    brief = make_publication("fails-later")
    section = make_section(brief)
    editions.make_edition(brief.pk)
    good = bytes(PdfEdition.objects.get().pdf)
    section.body = "Changed."
    section.save()

    def broken(html):
        raise OSError("no font could be loaded")

    monkeypatch.setattr(editions, "typeset", broken)
    with pytest.raises(OSError):
        editions.make_edition(brief.pk)
    assert client.get(brief.get_absolute_url() + "edition.pdf").content == good
    page = admin_client.get(admin_url(Publication, "change", brief.pk))
    assert "OSError: no font could be loaded" in page.content.decode()


def test_the_brief_page_links_its_pdf_and_names_it_in_the_head(client, seeded):
    assert "edition.pdf" not in client.get(BRIEF_URL).content.decode()
    editions.make_edition(seeded.pk)
    page = client.get(BRIEF_URL).content.decode()
    assert f'<a href="http://testserver{PDF_URL}" type="application/pdf">' in page
    assert (
        f'<meta name="citation_pdf_url" content="http://testserver{PDF_URL}">' in page
    )


def test_an_unpublished_brief_s_pdf_is_not_served(client, editor):
    brief = make_publication("taken-down")
    make_section(brief)
    editions.make_edition(brief.pk)
    publishing.publication_unpublish(publication=brief, user=editor)
    assert client.get(brief.get_absolute_url() + "edition.pdf").status_code == 404


def test_the_command_makes_editions_and_names_an_unknown_slug(db):
    from django.core.management import CommandError, call_command

    brief = make_publication("by-command")
    make_section(brief)
    out = io.StringIO()
    call_command("make_editions", "by-command", stdout=out)
    assert "by-command: made" in out.getvalue()
    assert PdfEdition.objects.get(pk=brief.pk).pages == 3
    with pytest.raises(CommandError, match="No published brief with slug “nope”"):
        call_command("make_editions", "nope")


def test_the_setting_turns_the_jobs_off(settings, django_capture_on_commit_callbacks):
    settings.PDF_EDITIONS = False
    with django_capture_on_commit_callbacks(execute=True):
        make_section(make_publication("no-jobs"))
    assert not DBTaskResult.objects.exists()


def test_a_process_that_typesets_nothing_never_loads_weasyprint():
    # Loading it (Pango through cffi) is a third of a second at the start of
    # every process: web workers, the task worker, each management command.
    started = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, django; django.setup();"
            "import briefs.editions.pdf, briefs.curation.admin;"
            "print('weasyprint' in sys.modules)",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "hiia.settings"},
        capture_output=True,
        text=True,
    )
    assert started.stdout.strip() == "False", started.stderr
