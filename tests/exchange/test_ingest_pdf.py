"""``ingest_brief FILE.pdf`` and the admin's upload of a PDF: a brief comes in
from the PDF it was published as, its notes' URLs recovered from the links."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pytest_django.asserts import assertContains

from briefs.exchange.pdfs import MAX_PDF_BYTES, read_pdf
from briefs.exchange.texts import read_brief_text
from briefs.models import Publication
from briefs.synthetic.pdfs import encrypted_pdf, image_only_pdf, perspective_pdf
from tests.helpers import (
    SEED_SOURCE,
    prose_of,
    row_counts,
    seed_brief_text,
    shipped_prose,
    text_of,
)

pytestmark = pytest.mark.django_db

FROM_TEXT = reverse("admin:briefs_publication_from_text")
URL = "https://example.org/sources/{number}"


@pytest.fixture(scope="module")
def seed_pdf():
    return perspective_pdf(seed_brief_text(URL))


def ingest(tmp_path, data, name="brief.pdf", *args):
    path = tmp_path / name
    path.write_bytes(data)
    out = io.StringIO()
    call_command("ingest_brief", str(path), *args, stdout=out)
    return out.getvalue()


def with_urls(prose):
    """The shipped prose with each source's URL as the PDF's link gives it."""
    return {
        **prose,
        "source_references": [
            (number, anchor, URL.format(number=number))
            for number, anchor, _ in prose["source_references"]
        ],
    }


@pytest.mark.parametrize(
    "layout",
    [
        {},
        # Each link followed by a raised note number; the notes close the brief.
        {"notes": True},
        # Ragged right, paragraphs parted by an indent only, "Page N" footers.
        {"indented": True},
    ],
    ids=["perspective", "with-notes", "indented"],
)
def test_a_pdf_of_the_seed_brief_ingests_into_the_prose_of_the_fixture(
    tmp_path, seed_pdf, layout
):
    ingest(
        tmp_path,
        perspective_pdf(seed_brief_text(URL), **layout) if layout else seed_pdf,
    )
    publication = Publication.objects.get()
    assert publication.status == Publication.Status.DRAFT
    # Title, imprint, date, contributors, sections, paragraphs, and every
    # source with the URL of its link.
    assert prose_of(publication) == with_urls(shipped_prose())


def test_the_pdf_has_what_a_reader_must_undo(seed_pdf):
    """The acceptance above is not won by a PDF without page furniture."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(seed_pdf)) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
        links = sum(len(page.hyperlinks) for page in pdf.pages)
    assert len(pages) >= 5
    assert all(
        page.splitlines()[0].startswith("HIIA Perspective") for page in pages[1:]
    )
    assert all(page.splitlines()[-1] == str(n) for n, page in enumerate(pages[1:], 2))
    assert re.search(r"[a-z]-\n[a-z]", "\n".join(pages)), "no word hyphenated"
    assert links >= 21
    text = read_pdf(seed_pdf)
    assert "HIIA Perspective\n\nJuly 15, 2025" not in text
    assert not re.search(r"^\d+$", text, re.MULTILINE)


def test_footnote_markers_become_sources_with_the_urls_of_their_notes(tmp_path):
    ingest(tmp_path, perspective_pdf(seed_brief_text(URL), links=False, notes=True))
    publication = Publication.objects.get()
    brief = read_brief_text(SEED_SOURCE.read_text())
    # The prose word for word; each marker's word is its source's anchor.
    sections = [section.body for section in publication.sections.all()]
    plain = [re.sub(r"\[([^\[\]]+)\]\[\d+\]", r"\1", body) for body in sections]
    assert plain == [
        "\n\n".join(brief.prose()[1:][i : i + n]) for i, n in ((0, 4), (4, 8), (12, 5))
    ]
    sources = list(
        publication.source_references.values_list("number", "anchor_text", "url")
    )
    assert len(sources) == 21
    assert sources[0] == (1, "arrived", URL.format(number=1))
    assert sources[3] == (4, "warmly", URL.format(number=4))
    assert [url for _, _, url in sources] == [
        URL.format(number=n) for n in range(1, 22)
    ]


def test_extract_text_prints_the_pdfs_text_and_writes_nothing(tmp_path, seed_pdf):
    before = row_counts()
    output = ingest(tmp_path, seed_pdf, "brief.pdf", "--extract-text")
    assert row_counts() == before
    assert output.startswith("A Turning Point or Merely a")
    assert "[arrived](https://example.org/sources/1) in Belarus" in output


def test_a_pdf_out_of_layout_names_the_line_of_its_text(tmp_path):
    brief = seed_brief_text(URL)
    brief.publisher = ""
    brief.copyright_line = "Hungarian Institute of International Affairs"
    with pytest.raises(CommandError) as caught:
        ingest(tmp_path, perspective_pdf(brief))
    assert "text read from the PDF: --extract-text prints it" in str(caught.value)
    assert re.search(r"Line \d+: expected the imprint", str(caught.value))
    assert not Publication.objects.exists()


# --- Bad input: the same words at both doors, nothing written, never a 500 -------------


def not_a_pdf():
    return b"Dear curator,\nthis is the text of a letter, not a PDF.\n"


def damaged_pdf():
    return perspective_pdf(seed_brief_text(URL))[:3000]


def huge_pdf():
    return b"%PDF-1.7\n" + b"0" * (MAX_PDF_BYTES + 1)


BAD_FILES = [
    ("not-a-pdf", not_a_pdf, "is not a PDF: it does not begin as one (%PDF-)."),
    ("encrypted", encrypted_pdf, "is encrypted: it opens only with a password."),
    ("image-only", image_only_pdf, "has no text to read: its pages are images"),
    ("damaged", damaged_pdf, "cannot be read as a PDF: it is damaged or incomplete."),
    ("huge", huge_pdf, "is 20.0 MB; a brief's PDF is at most 20 MB."),
]


@pytest.mark.parametrize(
    ("make", "reason"),
    [(make, reason) for _, make, reason in BAD_FILES],
    ids=[name for name, _, _ in BAD_FILES],
)
def test_a_bad_pdf_is_refused_in_the_same_words_by_the_command_and_the_admin(
    tmp_path, editor_client, make, reason
):
    data = make()
    message = f"“brief.pdf” {reason}"
    before = row_counts()
    with pytest.raises(CommandError) as caught:
        ingest(tmp_path, data)
    assert message in str(caught.value)
    assert str(caught.value).endswith("Nothing was written.")

    response = editor_client.post(
        FROM_TEXT, {"text_file": SimpleUploadedFile("brief.pdf", data)}
    )
    assert response.status_code == 200
    assertContains(response, "Nothing was written.")
    assert message in text_of(response)
    assert row_counts() == before


# --- The admin ------------------------------------------------------------------


def test_the_admin_previews_a_pdf_and_confirms_its_text(editor_client, seed_pdf):
    preview = editor_client.post(
        FROM_TEXT, {"text_file": SimpleUploadedFile("Perspective.PDF", seed_pdf)}
    )
    page = text_of(preview)
    assert "Preview: confirming will create this draft" in page
    assert "https://example.org/sources/21" in page
    editor_client.post(
        FROM_TEXT, {**preview.context["confirm_form"].initial, "_confirm": "1"}
    )
    assert prose_of(Publication.objects.get()) == with_urls(shipped_prose())


def test_a_pdf_out_of_layout_is_offered_as_text_to_correct(editor_client):
    brief = seed_brief_text(URL)
    brief.copyright_line = "Hungarian Institute of International Affairs"
    response = editor_client.post(
        FROM_TEXT,
        {"text_file": SimpleUploadedFile("brief.pdf", perspective_pdf(brief))},
    )
    assert "expected the imprint" in response.context["problem"]
    assert "in the text read from the PDF, below" in response.context["problem"]
    offered = response.context["form"].initial["text"]
    assert "[arrived](https://example.org/sources/1)" in offered
    corrected = offered.replace(
        "Hungarian Institute of International Affairs\n\nAuthor(s):",
        "© Hungarian Institute of International Affairs, 2025.\n\nAuthor(s):",
    )
    preview = editor_client.post(FROM_TEXT, {"text": corrected})
    assert preview.context["result"].brief.copyright_line.startswith("©")
