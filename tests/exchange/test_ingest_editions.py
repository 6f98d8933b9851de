"""A brief's edition from its text: ``ingest_brief FILE --language hu
--edition-of SLUG`` and the admin's "Add a brief from its text" read a
Hungarian text in the Hungarian layout into the brief's Hungarian edition,
and refuse what cannot be in the same words."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from briefs.models import Contribution, Publication
from tests.factories import make_translation
from tests.helpers import SEED_SLUG, SEED_SOURCE_HU, prose_of, shipped_prose

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeded_in_english):
    """The seed brief without the Hungarian edition it is shipped with, which
    these tests make again from its text."""
    return seeded_in_english


HUNGARIAN = SEED_SOURCE_HU
HU_SLUG = "kellogg-feheroroszorszagi-latogatasa-fordulopont-vagy-taktikai-lepes"
TITLE = (
    "Fordulópont vagy csupán taktikai lépés? Kellogg fehéroroszországi "
    "látogatása és lehetséges jelentősége"
)


def ingest(path, *options):
    out = io.StringIO()
    call_command("ingest_brief", str(path), *options, stdout=out)
    return out.getvalue()


def test_a_hungarian_text_becomes_the_briefs_hungarian_edition(seeded):
    output = ingest(
        HUNGARIAN, "--language", "hu", "--edition-of", SEED_SLUG, "--slug", HU_SLUG
    )

    edition = Publication.objects.get(slug=HU_SLUG)
    assert f"The hu edition of “{SEED_SLUG}”" in output
    assert (edition.translation_of, edition.language) == (seeded, "hu")
    assert edition.status == Publication.Status.DRAFT
    assert edition.title == TITLE
    assert edition.publication_date.isoformat() == "2025-07-15"
    assert (edition.publisher, edition.publisher_url) == (
        "Hungarian Institute of International Affairs",
        "https://www.hiia.hu/",
    )
    # Headings as a Hungarian writes them: a sentence, not a headline.
    assert [section.heading for section in edition.sections.all()] == [
        "Meglepetéslátogatás egy „régi barátnál”?"
    ]
    assert edition.summary.startswith("2025. június végén Keith Kellogg")
    assert [source.anchor_text for source in edition.source_references.all()] == [
        "érkezett",
        "bírálta",
        "választások",
        "kifejezetten melegen üdvözölte az amerikai delegációt",
    ]
    # The author is the original's, known by name; no fact of its own.
    assert [c.author.slug for c in edition.contributions.all()] == ["ruslan-bortnik"]
    assert not edition.meetings.exists()
    assert edition.facts_edition == seeded


@override_settings(LANGUAGES=[("en", "English"), ("hu", "Magyar"), ("de", "Deutsch")])
def test_any_editions_slug_names_the_brief(seeded):
    make_translation(seeded, "deutsch", language="de")

    ingest(HUNGARIAN, "--language", "hu", "--edition-of", "deutsch")

    assert Publication.objects.get(language="hu").translation_of == seeded


def with_editor_and_translator(text):
    return text.replace(
        "Ruslan Bortnik\n\nTovábbi",
        "Ruslan Bortnik\n\nSzerkesztő: Kovács Anna\n\nFordító: Nagy Péter\n\nTovábbi",
    )


def test_the_hungarian_imprint_names_an_editor_and_a_translator(seeded, tmp_path):
    path = tmp_path / "forditas.txt"
    path.write_text(with_editor_and_translator(HUNGARIAN.read_text()))

    ingest(path, "--language", "hu", "--edition-of", SEED_SLUG)

    edition = Publication.objects.get(language="hu")
    assert [
        (c.author.name, c.role, c.author.position)
        for c in edition.contributions.select_related("author")
    ] == [
        ("Ruslan Bortnik", Contribution.Role.AUTHOR, "Senior Research Fellow"),
        ("Kovács Anna", Contribution.Role.EDITOR, "Editor"),
        ("Nagy Péter", Contribution.Role.TRANSLATOR, "Translator"),
    ]


def doors(tmp_path, client, data, language, edition_of):
    """What ingest_brief and the admin's upload answer, each from the same state."""
    path = tmp_path / "brief.txt"
    path.write_bytes(data)
    answers = []
    with transaction.atomic():
        try:
            ingest(path, "--language", language, "--edition-of", edition_of)
        except CommandError as error:
            answers.append(str(error))
        else:
            answers.append("")
        transaction.set_rollback(True)
    page = client.post(
        reverse("admin:briefs_publication_from_text"),
        {"text": data.decode(), "language": language, "edition_of": edition_of},
    )
    answers.append(page.context.get("problem", ""))
    return answers


@pytest.mark.parametrize(
    ("language", "edition_of", "said"),
    [
        ("hu", "no-such-brief", "No publication with slug “no-such-brief”."),
        ("de", SEED_SLUG, "“de” is not one of en, hu."),
        (
            "en",
            SEED_SLUG,
            "is in this language already: a translation is in another.",
        ),
    ],
    ids=["unknown brief", "not a language of the site", "the original's language"],
)
def test_the_text_doors_refuse_an_edition_in_the_same_words(
    seeded, tmp_path, editor_client, language, edition_of, said
):
    answers = doors(
        tmp_path, editor_client, HUNGARIAN.read_bytes(), language, edition_of
    )

    command, admin = answers
    assert command == admin
    assert said in command
    assert "Line" not in command  # given with the text, not read from a line of it
    assert not Publication.objects.filter(translation_of=seeded).exists()


def test_a_second_edition_in_a_language_is_refused(seeded, tmp_path, editor_client):
    make_translation(seeded, "magyar")

    answers = doors(tmp_path, editor_client, HUNGARIAN.read_bytes(), "hu", SEED_SLUG)

    command, admin = answers
    assert command == admin
    assert "The brief has an edition in this language already" in command


def test_the_admin_previews_and_adds_the_edition(seeded, editor_client):
    url = reverse("admin:briefs_publication_from_text")
    form = {"text": HUNGARIAN.read_text(), "language": "hu", "edition_of": SEED_SLUG}

    preview = editor_client.post(url, form)
    assert preview.context["result"].edition_of == SEED_SLUG
    assert not Publication.objects.filter(language="hu").exists()
    done = editor_client.post(
        url, {**preview.context["confirm_form"].initial, "_confirm": "1"}
    )

    edition = Publication.objects.get(language="hu")
    assert done.status_code == 302
    assert edition.translation_of == seeded


def test_the_hungarian_source_ingests_to_the_shipped_hungarian_edition(seeded):
    ingest(HUNGARIAN, "--language", "hu", "--edition-of", SEED_SLUG, "--slug", HU_SLUG)

    assert prose_of(Publication.objects.get(slug=HU_SLUG)) == shipped_prose("hu")
