"""A brief reads as prose first (issue 24): evidence on demand, one link back
per sentence, one ¶ per fact, the key facts after the abstract, no credit for
a photo the page does not show, sources without links said once."""

import re

from tests.helpers import BRIEF_URL


def article(client):
    return client.get(BRIEF_URL).content.decode()


def test_a_sentence_several_facts_quote_has_one_link_back_naming_them(client, seeded):
    html = article(client)
    backs = re.findall(r'<a class="evidence__back"[^>]*>↩</a>', html)
    markers = html.count('class="evidence-marker"')
    assert 0 < len(backs) < markers
    # Never two links back in a row ("↩↩↩↩↩↩" after one sentence).
    assert not re.search(r"↩</a>(?:</mark>)*<a class=\"evidence__back\"", html)
    several = [back for back in backs if "Back to the facts: " in back]
    assert several, "a sentence that states several facts names them all"
    assert all(back.count(";") >= 1 for back in several)


def test_each_sentence_quoted_keeps_its_mark(client, seeded):
    html = article(client)
    marked = set(re.findall(r'<mark class="evidence" id="(evidence-\d+)"', html))
    anchors = set(re.findall(r'class="evidence-marker" href="#(evidence-\d+)"', html))
    assert anchors and anchors <= marked | set(
        re.findall(r'class="evidence-anchor" id="(evidence-\d+)"', html)
    )


def test_who_took_part_has_one_marker_not_one_per_participant(client, seeded):
    html = article(client)
    participants = re.findall(r'<ul class="participants">(.*?)</ul>', html, re.S)
    assert participants
    assert all("evidence-marker" not in names for names in participants)
    counts = re.findall(r'<ul class="counts">(.*?)</ul>', html, re.S)
    assert all("evidence-marker" not in figures for figures in counts)


def test_evidence_is_shown_by_a_switch_that_needs_no_script(client, seeded):
    html = article(client)
    assert '<input type="checkbox" id="show-evidence">' in html
    assert '<label for="show-evidence">Show evidence</label>' in html
    css = seeded._meta.apps.get_app_config("briefs").path + "/static/briefs/site.css"
    with open(css) as stylesheet:
        rules = stylesheet.read()
    assert "body:has(#show-evidence:checked) mark.evidence" in rules
    assert "mark.evidence:target" in rules


def test_the_key_facts_come_after_the_abstract_and_before_the_text(client, seeded):
    html = article(client)
    assert (
        html.index('aria-label="Abstract"')
        < html.index('<aside class="facts"')
        < html.index('class="brief__section"')
    )


def test_no_cover_photo_credit_without_a_photo(client, seeded):
    assert seeded.cover_photo_credit
    assert "Cover photo" not in article(client)
