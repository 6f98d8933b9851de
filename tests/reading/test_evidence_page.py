"""The brief page: every key fact one click from the words that state it, and back."""

import html
import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from briefs.domain.quotes import normalize, visible_text
from briefs.models import Evidence, Fact, Meeting, PrisonerRelease, Sanction, facts_of
from briefs.reading.selectors import SUBJECT_OF
from tests.helpers import SEED_SLUG

pytestmark = pytest.mark.django_db


class Elements(HTMLParser):
    """Each element with an id: its tag, attributes and inner HTML, read from a page."""

    def __init__(self, html):
        super().__init__(convert_charrefs=False)
        self.html = html
        self.by_id = {}
        self.open = []  # (tag, id, attributes, where its content starts)
        self.line_starts = [0]
        for line in html.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.feed(html)

    def here(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"br", "img", "meta", "link", "input", "hr"}:
            return
        start = self.here() + len(self.get_starttag_text())
        self.open.append((tag, attrs.get("id"), attrs, start))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                _tag, element_id, attrs, start = self.open[depth]
                if element_id:
                    self.by_id[element_id] = (
                        tag,
                        attrs,
                        self.html[start : self.here()],
                    )
                del self.open[depth:]
                return


@pytest.fixture
def brief_page(seeded, client):
    response = client.get(reverse("briefs:publication_detail", args=[SEED_SLUG]))
    assert response.status_code == 200
    return response.content.decode()


def all_facts(publication):
    """(kind, record, fact, actor) for every fact of every record the brief discusses."""
    records = [
        *publication.meetings.all(),
        *publication.sanctions.all(),
        *publication.releases.all(),
    ]
    return [
        (SUBJECT_OF[type(record)], record, fact, actor)
        for record in records
        for fact, actor in facts_of(record)
    ]


def fact_anchor(kind, record, fact, actor):
    return "-".join(["fact", kind, record.slug, fact, *([actor.slug] if actor else [])])


def test_every_fact_of_the_seed_brief_has_evidence(seeded):
    facts = all_facts(seeded)
    assert len(facts) > 30
    for kind, record, fact, actor in facts:
        evidence = Evidence.objects.filter(
            publication=seeded, fact=fact, actor=actor, **{kind: record}
        )
        assert evidence.exists(), (record, fact, actor)


@pytest.mark.seeded_by_command  # the quotes loading checked
def test_the_seed_evidence_passes_its_own_checks(seeded):
    for evidence in Evidence.objects.filter(publication=seeded):
        evidence.full_clean()
        assert evidence.quote_found


def test_each_fact_links_to_its_highlighted_sentence_and_back(seeded, brief_page):
    page = Elements(brief_page)
    for evidence in Evidence.objects.filter(publication=seeded).select_related(
        "meeting", "sanction", "release", "actor"
    ):
        kind = next(
            name
            for name in ("meeting", "sanction", "release")
            if getattr(evidence, name)
        )
        anchor = fact_anchor(kind, evidence.subject, evidence.fact, evidence.actor)
        # The fact is on the page, with a marker pointing at its evidence: a
        # value of a list (who took part, of which country) through the
        # list's one marker, at the mark of the same words.
        assert anchor in page.by_id, anchor
        if evidence.actor:
            listed = fact_anchor(kind, evidence.subject, evidence.fact, None)
            _tag, _attrs, fact_html = page.by_id[listed]
            targets = re.findall(r'class="evidence-marker" href="#([^"]+)"', fact_html)
            assert any(
                normalize(visible_text(page.by_id[target][2]))
                == normalize(evidence.quote)
                for target in targets
            ), anchor
        else:
            _tag, _attrs, fact_html = page.by_id[anchor]
            assert f'href="#{evidence.anchor}"' in fact_html, anchor
        # The target exists, is a mark, and reads exactly as the quote.
        tag, attrs, marked = page.by_id[evidence.anchor]
        assert (tag, attrs["class"]) == ("mark", "evidence")
        assert normalize(visible_text(marked)) == normalize(evidence.quote)
        # After the mark, in its paragraph, the sentence's one link back,
        # which names this fact among those the sentence states.
        after = brief_page[brief_page.index(f'id="{evidence.anchor}"') :]
        after = after[after.index(marked) + len(marked) :]
        paragraph = after[: after.index("</p>")]
        label = Fact(evidence.fact).label
        backs = re.findall(r'<a class="evidence__back"[^>]*>↩</a>', paragraph)
        assert any(
            f"{label}, " in back and html.escape(str(evidence.value)) in back
            for back in backs
        ), evidence.anchor


def test_the_panel_shows_the_preferred_total_and_says_the_body_gives_dozens(
    seeded, brief_page
):
    page = Elements(brief_page)
    release = PrisonerRelease.objects.get()
    _tag, _attrs, total = page.by_id[fact_anchor("release", release, "total", None)]
    text = " ".join(visible_text(total).split())
    assert text.startswith("14 people")
    assert "the body says “dozens”" in text
    dozens = Evidence.objects.get(value="dozens")
    assert f'href="#{dozens.anchor}"' in total


def test_source_notes_of_the_evidence_are_linked_from_the_panel(seeded, brief_page):
    page = Elements(brief_page)
    sanction = Sanction.objects.get(slug="eu-sanctions-belarus")
    _tag, _attrs, status = page.by_id[fact_anchor("sanction", sanction, "status", None)]
    assert 'href="#source-16"' in status and 'href="#source-17"' in status
    assert "source-16" in page.by_id


def test_the_json_ld_states_each_fact_as_a_claim_citing_its_sources(seeded, brief_page):
    script = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', brief_page, re.S
    ).group(1)
    data = json.loads(script)
    claims = data["hasPart"]
    # Each value this edition states (its Hungarian edition's are on its page).
    assert len(claims) == Evidence.objects.filter(publication=seeded).count()
    assert {claim["@type"] for claim in claims} == {"Claim"}
    dozens = next(claim for claim in claims if claim["text"] == "dozens")
    assert dozens["firstAppearance"]["text"] == (
        "providing for the release of dozens of political prisoners"
    )
    assert dozens["firstAppearance"]["url"].endswith("#evidence-34")
    assert dozens["citation"] == [
        {"@type": "CreativeWork", "name": "providing for the release"}
    ]


def test_a_quote_no_longer_found_is_shown_without_a_dead_link(seeded, client):
    meeting = Meeting.objects.get(slug="kellogg-lukashenko-minsk-2025-06-21")
    section = seeded.sections.get(position=2)
    section.body = section.body.replace("lasted about six hours", "lasted six hours")
    section.save()
    evidence = Evidence.objects.get(meeting=meeting, fact="duration")
    assert not evidence.quote_found
    page = client.get(seeded.get_absolute_url()).content.decode()
    assert f'href="#{evidence.anchor}"' not in page
    assert f'id="{evidence.anchor}"' not in page
