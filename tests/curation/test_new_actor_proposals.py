"""A draft's proposals of new actors and nationality counts in the admin:
accepting opens a prefilled form, whose save links the actor or fills in the
release's breakdown; or a new name is linked to an actor already stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from briefs.models import Actor, IngestProposal, Publication
from tests.factories import make_actor
from tests.helpers import TEXTS_DIR, admin_url, form_data

pytestmark = pytest.mark.django_db

FROM_TEXT = reverse("admin:briefs_publication_from_text")
TEXT = TEXTS_DIR / "dash-byline-semicolon-positions.txt"
SLUG = "us-belarus-talks-after-minsk-sanctions-prisoners-and-the-price-of-a-thaw"


def add_from_text(client):
    preview = client.post(
        FROM_TEXT, {"text_file": SimpleUploadedFile("brief.txt", TEXT.read_bytes())}
    )
    client.post(FROM_TEXT, {**preview.context["confirm_form"].initial, "_confirm": "1"})
    return Publication.objects.get(slug=SLUG)


def decide(client, proposal, **data):
    url = reverse(
        "admin:briefs_publication_proposal", args=[proposal.publication_id, proposal.pk]
    )
    return client.post(url, data)


def test_the_draft_lists_new_actors_with_their_guessed_kind(editor_client):
    publication = add_from_text(editor_client)
    change = editor_client.get(admin_url(Publication, "change", publication.pk))
    assertContains(
        change, 'Keith Kellogg <span class="quiet">(new person)</span>', html=False
    )
    assertContains(
        change,
        'European Union <span class="quiet">(new organization)</span>',
        html=False,
    )
    assertContains(change, "2 × Latvia")
    assertContains(change, "Accept: add the actor")
    assertContains(change, "Link to an existing actor")


def test_accepting_a_new_actor_opens_its_form_prefilled_and_links_what_is_saved(
    editor_client,
):
    publication = add_from_text(editor_client)
    proposal = publication.proposals.get(name="Keith Kellogg")
    response = decide(editor_client, proposal, decision="accept")
    add_url = response.url
    assert add_url.startswith(admin_url(Actor, "add"))
    form = editor_client.get(add_url).context["adminform"].form
    assert form.initial["name_en"] == "Keith Kellogg"
    assert form.initial["kind"] == "person"

    data = {**form_data(editor_client.get(add_url)), "slug": "keith-kellogg"}
    saved = editor_client.post(add_url, data)
    assertRedirects(
        saved,
        admin_url(Publication, "change", publication.pk),
        fetch_redirect_response=False,
    )
    kellogg = Actor.objects.get(slug="keith-kellogg")
    assert (kellogg.name, kellogg.kind) == ("Keith Kellogg", "person")
    proposal.refresh_from_db()
    assert proposal.status == IngestProposal.Status.ACCEPTED
    assert proposal.actor == kellogg
    assert list(publication.actors.all()) == [kellogg]


def test_a_new_name_is_linked_to_an_actor_stored_under_another(editor_client):
    publication = add_from_text(editor_client)
    union = make_actor("eu", name="EU (European Union)", kind="organization")
    proposal = publication.proposals.get(name="European Union")
    link = editor_client.get(
        reverse(
            "admin:briefs_publication_proposal_link",
            args=[publication.pk, proposal.pk],
        )
    )
    assert list(link.context["candidates"]) == [union]
    decide(editor_client, proposal, decision="link", actor=union.pk)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.actor) == (IngestProposal.Status.ACCEPTED, union)
    assert list(publication.actors.all()) == [union]


def test_accepting_a_nationality_count_opens_a_release_with_its_breakdown(
    editor_client,
):
    states = {
        name: make_actor(name.lower(), name=name)
        for name in ("Latvia", "Estonia", "Poland")
    }
    publication = add_from_text(editor_client)
    latvians = publication.proposals.get(
        kind=IngestProposal.Kind.NATIONALITY, name="Latvia"
    )
    response = decide(editor_client, latvians, decision="accept")
    assert response.url.startswith(reverse("admin:briefs_prisonerrelease_add"))
    page = editor_client.get(response.url)
    formset = next(
        f.formset
        for f in page.context["inline_admin_formsets"]
        if f.formset.prefix == "nationality_counts"
    )
    assert [form.initial for form in formset.forms[:3]] == [
        {"country": states["Latvia"].pk, "count": 2},
        {"country": states["Estonia"].pk, "count": 1},
        {"country": states["Poland"].pk, "count": 6},
    ]
    assert page.context["adminform"].form.initial["publications"] == [
        str(publication.pk)
    ]
    assert set(
        publication.proposals.filter(kind=IngestProposal.Kind.NATIONALITY).values_list(
            "status", flat=True
        )
    ) == {IngestProposal.Status.ACCEPTED}


def test_a_nationality_count_waits_for_its_state(editor_client):
    publication = add_from_text(editor_client)
    latvians = publication.proposals.get(
        kind=IngestProposal.Kind.NATIONALITY, name="Latvia"
    )
    response = decide(editor_client, latvians, decision="accept")
    assertRedirects(
        response,
        admin_url(Publication, "change", publication.pk),
        fetch_redirect_response=False,
    )
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Add the state “Latvia” first" in m for m in messages)
    latvians.refresh_from_db()
    assert latvians.status == IngestProposal.Status.PROPOSED


def test_a_dismissed_new_actor_is_not_proposed_again_on_update(editor_client):
    publication = add_from_text(editor_client)
    proposal = publication.proposals.get(name="European Union")
    decide(editor_client, proposal, decision="dismiss")
    preview = editor_client.post(
        FROM_TEXT,
        {
            "text_file": SimpleUploadedFile("brief.txt", TEXT.read_bytes()),
            "update": "on",
        },
    )
    editor_client.post(
        FROM_TEXT, {**preview.context["confirm_form"].initial, "_confirm": "1"}
    )
    assert list(
        publication.proposals.filter(name="European Union").values_list(
            "status", flat=True
        )
    ) == [IngestProposal.Status.DISMISSED]
