"""Section Markdown to HTML: source notes, actor links, and nothing unsafe."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefs.domain.markup import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    BriefRenderer,
    render_markdown,
)
from tests.factories import (
    make_actor,
    make_alias,
    make_publication,
    make_source_reference,
)

pytestmark = pytest.mark.django_db


class Elements(HTMLParser):
    """Every start tag of a fragment with its attributes."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def links(html):
    return [
        (attrs.get("href"), attrs) for tag, attrs in Elements(html).found if tag == "a"
    ]


def assert_safe(html):
    """Only allow-listed tags and attributes; no handler, style or script URL."""
    assert "<script" not in html.lower()
    for tag, attrs in Elements(html).found:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs.items():
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | {"class", "rel"}, name
            if name in {"href", "cite"}:
                scheme = urlsplit(value.strip()).scheme.lower()
                assert scheme in {"", "http", "https", "mailto"}, value


def renderer_for(publication, actors=()):
    return BriefRenderer(publication.source_references.all(), actors)


# --- Source references ------------------------------------------------------------


def test_a_source_without_url_gets_a_numbered_note_pointing_to_the_sources_list():
    brief = make_publication()
    make_source_reference(brief, 3, "arrived")
    html = renderer_for(brief).render("Kellogg [arrived][3] in Minsk.")
    assert '<span class="cited">arrived<sup class="note" id="cite-3">' in html
    assert links(html)[0][0] == "#source-3"
    assert 'href="#"' not in html


def test_a_source_with_a_url_makes_its_anchor_text_a_link():
    brief = make_publication()
    make_source_reference(brief, 1, "arrived", url="https://example.org/visit")
    html = renderer_for(brief).render("He [arrived][1].")
    [(href, attrs)] = links(html)
    assert href == "https://example.org/visit"
    assert attrs["class"] == "source"
    assert "<sup" not in html


def test_an_unknown_reference_number_keeps_its_words_and_links_nowhere():
    brief = make_publication()
    html = renderer_for(brief).render("He [arrived][9] late.")
    assert "arrived" in html and "[9]" not in html
    assert links(html) == []


def test_a_source_cited_twice_gets_two_note_ids_and_one_back_link():
    brief = make_publication()
    make_source_reference(brief, 2, "said")
    renderer = renderer_for(brief)
    html = renderer.render("He [said][2].\n\nShe [said][2] too.")
    assert 'id="cite-2"' in html and 'id="cite-2-2"' in html
    [source] = renderer.sources
    assert source.back_link == "cite-2"


def test_sources_list_keeps_every_reference_even_uncited_ones():
    brief = make_publication()
    for number in (1, 2):
        make_source_reference(brief, number, f"text {number}")
    renderer = renderer_for(brief)
    renderer.render("Only [text 1][1].")
    assert [(source.number, source.back_link) for source in renderer.sources] == [
        (1, "cite-1"),
        (2, ""),
    ]


# --- Actor names -------------------------------------------------------------------


def kellogg():
    actor = make_actor("keith-kellogg", "Keith Kellogg", kind="person")
    make_alias(actor, "Kellogg")
    make_alias(actor, "Keitt Kellogg")
    return actor


def test_actor_names_and_aliases_link_to_the_actor_page():
    actor = kellogg()
    html = BriefRenderer(actors=[actor]).render("Keitt Kellogg came.\n\nKellogg left.")
    assert [href for href, _ in links(html)] == [actor.get_absolute_url()] * 2


def test_the_longest_matching_actor_name_is_the_one_linked():
    trump = make_actor("donald-trump", "Donald Trump", kind="person")
    make_alias(trump, "President Donald Trump")
    usa = make_actor("united-states", "United States")
    make_alias(usa, "United States of America")
    html = BriefRenderer(actors=[trump, usa]).render(
        "President Donald Trump spoke for the United States of America."
    )
    assert [attrs.get("title") for _, attrs in links(html)] == [
        "Donald Trump",
        "United States",
    ]
    assert ">President Donald Trump</a>" in html
    assert ">United States of America</a>" in html


def test_only_an_actors_first_mention_in_each_paragraph_is_linked():
    actor = kellogg()
    html = BriefRenderer(actors=[actor]).render(
        "Kellogg met Keith Kellogg's hosts; Kellogg spoke.\n\nThen Kellogg left."
    )
    assert len(links(html)) == 2
    assert html.count("Kellogg</a>") == 2


def test_names_are_not_linked_inside_links_headings_or_code():
    actor = kellogg()
    brief = make_publication()
    make_source_reference(brief, 1, "said Kellogg", url="https://example.org/")
    text = "# Kellogg\n\n[Kellogg's site](https://example.org/k) and [said Kellogg][1] and `Kellogg`"
    html = renderer_for(brief, [actor]).render(text)
    assert [href for href, _ in links(html)] == [
        "https://example.org/k",
        "https://example.org/",
    ]


def test_names_inside_longer_words_are_not_linked():
    belarus = make_actor("belarus", "Belarus")
    html = BriefRenderer(actors=[belarus]).render("The Belarusian economy.")
    assert links(html) == []


def test_a_name_two_actors_share_is_left_as_text():
    first = make_actor("george-bush", "George H. W. Bush", kind="person")
    second = make_actor("george-w-bush", "George W. Bush", kind="person")
    make_alias(first, "Bush")
    make_alias(second, "Bush")
    html = BriefRenderer(actors=[first, second]).render("Bush spoke.")
    assert links(html) == []


def test_a_name_broken_across_lines_is_still_linked():
    actor = kellogg()
    html = BriefRenderer(actors=[actor]).render("Keith\nKellogg arrived.")
    assert links(html)[0][0] == actor.get_absolute_url()


def test_headings_in_a_section_sit_below_the_sections_own_heading():
    html = render_markdown("# Part\n\n## Detail")
    assert "<h3>Part</h3>" in html and "<h4>Detail</h4>" in html


# --- Hostile input -------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "[click](javascript:alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click][x]\n\n[x]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![x](https://evil.example/track.png)",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<svg onload=alert(1)><circle r=5></circle></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<div onclick="alert(1)" onmouseover="alert(1)">hover</div>',
    '<details open ontoggle="alert(1)"><summary>x</summary></details>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name="q"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<a href="https://ok.example" onclick="alert(1)" style="color:red" target="_blank">ok</a>',
    "<!-- <script>alert(1)</script> -->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<sup id="facts-title" class="evil">x</sup><span class="draft-banner">Draft</span>',
    "[<script>alert(1)</script>][1]",
    "[Kellogg <img src=x onerror=alert(1)>][1]",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_never_reaches_the_page(payload):
    brief = make_publication()
    make_source_reference(brief, 1, "a source")
    html = renderer_for(brief, [kellogg()]).render(f"Kellogg said: {payload} done.")
    assert_safe(html)
    assert "alert(1)" not in "".join(
        value for _, attrs in Elements(html).found for value in attrs.values()
    )


def test_curators_cannot_set_ids_or_classes_of_their_own():
    html = render_markdown(
        '<sup id="sources" class="note">1</sup><span class="x">y</span>'
    )
    assert 'id="sources"' not in html and 'class="x"' not in html


def test_no_tag_keeps_an_attribute_the_allow_list_does_not_give_it():
    """nh3 lets ``title`` and ``lang`` through on every tag unless told not
    to (its generic attributes); found by the property test below."""
    html = render_markdown(
        '<p title="x" lang="ru">a <em title="y">b</em> <abbr title="NATO">c</abbr></p>'
    )
    assert html == '<p>a <em>b</em> <abbr title="NATO">c</abbr></p>'


FRAGMENTS = st.sampled_from(
    HOSTILE
    + ["Kellogg", "[a][1]", "*", "_", "`", "<", ">", "&", '"', "'", "\n\n", "#", "-"]
    + ["<a href='", "javascript:", "on", "=", "<p ", "</", "style", "[", "](", ")"]
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(parts=st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=25))
def test_any_mix_of_markdown_and_html_renders_to_allowed_markup_only(parts):
    assert_safe(render_markdown("".join(parts)))


def test_a_paragraph_opening_with_a_hungarian_date_is_no_list():
    # Hungarian writes a date year first, "2025. június 21.": at the start of
    # a paragraph Markdown would take the year for a numbered list's.
    html = render_markdown("2025. június végén Kellogg Minszkbe érkezett.")

    assert html == "<p>2025. június végén Kellogg Minszkbe érkezett.</p>"
    assert "<ol>" in render_markdown("1. First\n2. Second")
    assert "<ol" in render_markdown("1. A list\n2025. a year inside it")
