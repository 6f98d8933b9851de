"""The admin's "Add a brief from its text": upload or paste, preview (a dry run), confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from briefs.models import IngestProposal, Publication
from tests.factories import make_actor, make_alias
from tests.helpers import (
    TWO_AUTHORS_SLUG,
    TWO_AUTHORS_TEXT,
    admin_url,
    row_counts,
    save_in_admin,
    text_of,
)

pytestmark = pytest.mark.django_db

FROM_TEXT = reverse("admin:briefs_publication_from_text")


def upload(client, text=None, name="brief.txt", **fields):
    data = TWO_AUTHORS_TEXT.read_bytes() if text is None else text.encode()
    return client.post(
        FROM_TEXT, {"text_file": SimpleUploadedFile(name, data), **fields}
    )


def add_from_text(client, **fields):
    """Preview the two-author text, then confirm it: the draft it made."""
    preview = upload(client, **fields)
    client.post(FROM_TEXT, {**preview.context["confirm_form"].initial, "_confirm": "1"})
    return Publication.objects.get(slug=TWO_AUTHORS_SLUG)


def decision_url(proposal):
    return reverse(
        "admin:briefs_publication_proposal",
        args=[proposal.publication_id, proposal.pk],
    )


def test_the_publication_list_offers_to_add_a_brief_from_its_text(editor_client):
    response = editor_client.get(admin_url(Publication, "changelist"))
    assertContains(response, f'href="{FROM_TEXT}"')
    assertContains(response, "Add a brief from its text")


def test_a_reader_may_not_add_a_brief_from_its_text(reader_client):
    assertNotContains(
        reader_client.get(admin_url(Publication, "changelist")), FROM_TEXT
    )
    assert reader_client.get(FROM_TEXT).status_code == 403


def test_an_upload_is_previewed_and_nothing_is_written_until_confirmed(editor_client):
    before = row_counts()
    preview = upload(editor_client)
    assert row_counts() == before
    page = text_of(preview)
    assert "Preview: confirming will create this draft" in page
    assert "Олена Коваль, Visiting Fellow, Kyiv School of Economics (new)" in page
    assert "3. Что дальше для Минска?" in page
    assert "https://en.wikipedia.org/wiki/Ministry_(Ukraine)" in page

    confirmed = editor_client.post(
        FROM_TEXT, {**preview.context["confirm_form"].initial, "_confirm": "1"}
    )
    publication = Publication.objects.get(slug=TWO_AUTHORS_SLUG)
    assertRedirects(
        confirmed,
        admin_url(Publication, "change", publication.pk),
        fetch_redirect_response=False,
    )
    assert publication.status == Publication.Status.DRAFT
    assert publication.sections.count() == 3
    history = publication.history.first()
    assert history.history_user.username == "edna"
    assert history.history_change_reason == "Added from its text"


def test_a_pasted_text_previews_as_an_upload_does(editor_client):
    response = editor_client.post(FROM_TEXT, {"text": TWO_AUTHORS_TEXT.read_text()})
    assert response.context["result"].publication_slug == TWO_AUTHORS_SLUG


def test_a_text_out_of_layout_is_refused_by_line_with_nothing_written(editor_client):
    text = TWO_AUTHORS_TEXT.read_text().replace("September 3, 2025", "Soon")
    before = row_counts()
    response = upload(editor_client, text)
    assert row_counts() == before
    assertContains(response, "Line 28: expected the imprint")
    assertContains(response, "Nothing was written.")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("brief.docx", "PK\x03\x04", "is not a .txt, .md or .pdf file"),
        ("brief.txt", None, "is not UTF-8 text"),
    ],
)
def test_a_file_that_is_not_a_text_is_refused(editor_client, name, data, reason):
    response = editor_client.post(
        FROM_TEXT,
        {
            "text_file": SimpleUploadedFile(
                name, b"\xff\xfe\x00" if data is None else data.encode()
            )
        },
    )
    assertContains(response, reason)


def test_a_brief_already_here_is_named_and_only_replaced_when_asked(editor_client):
    add_from_text(editor_client)
    confirm = upload(editor_client).context
    assert "already here" in confirm["problem"]
    preview = upload(editor_client, update="on")
    assertContains(preview, "confirming will update this draft")


def test_the_draft_shows_its_proposals_and_an_editor_accepts_an_actor(editor_client):
    lukashenko = make_actor("lukashenko", name="Alexander Lukashenko", kind="person")
    make_alias(lukashenko, "Lukashenka")
    publication = add_from_text(editor_client)
    change = editor_client.get(admin_url(Publication, "change", publication.pk))
    assertContains(change, "Proposed from its text")
    assertContains(change, "<mark>Lukashenka</mark>&#x27;s answer", html=False)

    proposal = publication.proposals.get(actor=lukashenko)
    url = decision_url(proposal)
    assertContains(change, f'formaction="{url}"')
    response = editor_client.post(url, {"decision": "accept"})
    assertRedirects(
        response,
        admin_url(Publication, "change", publication.pk),
        fetch_redirect_response=False,
    )
    proposal.refresh_from_db()
    assert proposal.status == IngestProposal.Status.ACCEPTED
    assert list(publication.actors.all()) == [lukashenko]


def test_accepting_a_date_opens_a_meeting_form_with_it_filled_in(editor_client):
    publication = add_from_text(editor_client)
    proposal = publication.proposals.get(mention="12 June 2025")
    url = decision_url(proposal)
    response = editor_client.post(url, {"decision": "accept"}, follow=True)
    form = response.context["adminform"].form
    assert form.initial["date"] == "2025-06-12"
    assert form.initial["date_precision"] == "day"
    assert form.initial["publications"] == [str(publication.pk)]
    assertContains(response, "was first used in Kyiv on 12 June 2025")
    proposal.refresh_from_db()
    assert proposal.status == IngestProposal.Status.ACCEPTED


def test_a_dismissed_proposal_stays_dismissed_when_the_draft_is_updated(editor_client):
    publication = add_from_text(editor_client)
    proposal = publication.proposals.get(mention="March 2024")
    url = decision_url(proposal)
    editor_client.post(url, {"decision": "dismiss"})
    proposal.refresh_from_db()
    assert proposal.status == IngestProposal.Status.DISMISSED

    add_from_text(editor_client, update="on")
    assert list(
        publication.proposals.filter(mention="March 2024").values_list(
            "status", flat=True
        )
    ) == [IngestProposal.Status.DISMISSED]


def test_a_reader_sees_the_proposals_but_cannot_decide(reader_client, editor_client):
    publication = add_from_text(editor_client)
    change = reader_client.get(admin_url(Publication, "change", publication.pk))
    assertContains(change, "Proposed from its text")
    assertNotContains(change, "formaction")
    proposal = publication.proposals.first()
    url = decision_url(proposal)
    assert reader_client.post(url, {"decision": "accept"}).status_code == 403


def test_a_proposal_is_decided_by_post_only(editor_client):
    proposal = add_from_text(editor_client).proposals.first()
    assert editor_client.get(decision_url(proposal)).status_code == 405


def test_saving_the_draft_keeps_its_proposals_as_they_were(editor_client):
    publication = add_from_text(editor_client)
    before = list(publication.proposals.values_list("pk", "status", "mention"))
    response = save_in_admin(editor_client, publication, title="A New Title")
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.title == "A New Title"
    assert list(publication.proposals.values_list("pk", "status", "mention")) == before


def test_a_bad_text_is_refused_in_the_curators_language(editor_client):
    text = TWO_AUTHORS_TEXT.read_text().replace("September 3, 2025", "Soon")
    before = row_counts()
    response = editor_client.post(
        FROM_TEXT,
        {"text_file": SimpleUploadedFile("brief.txt", text.encode())},
        HTTP_ACCEPT_LANGUAGE="hu",
    )
    assert row_counts() == before
    assertContains(
        response,
        "28. sor: az impresszum (Kiadó:, ©, Szerző(k):, Szerkesztő:, "
        "Olvasószerkesztő:, Fordító:, A címlapfotó forrása:) vagy a dátum "
        "következne, de ez áll itt: „Soon”.",
    )
    assertNotContains(response, "expected the imprint")
    not_a_pdf = editor_client.post(
        FROM_TEXT,
        {"text_file": SimpleUploadedFile("brief.pdf", b"hello")},
        HTTP_ACCEPT_LANGUAGE="hu",
    )
    assertContains(not_a_pdf, "„brief.pdf” nem PDF: nem úgy kezdődik, mint egy PDF")
