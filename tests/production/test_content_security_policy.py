"""A strict Content-Security-Policy on every page, and no inline code for it to block."""

from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string

from tests.helpers import SEED_SLUG


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline script, style elements and attributes."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.found.append(f"<{tag} style=...>")
        self.found += [
            f"<{tag} {name}=...>" for name in attributes if name.startswith("on")
        ]
        if tag == "style":
            self.found.append("<style>")
        if tag == "script" and "src" not in attributes:
            # JSON-LD and other data blocks are never run, so CSP lets them be.
            if attributes.get("type") != "application/ld+json":
                self.found.append("<script> without src")


def inline_code(response):
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser.found


def policy(response):
    return dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )


@pytest.mark.parametrize(
    "url",
    ["/", f"/briefs/{SEED_SLUG}/", "/actors/", "/timeline/", "/search/?q=minsk"],
)
def test_public_pages_carry_a_strict_csp_and_no_inline_code(client, seeded, url):
    response = client.get(url)

    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert inline_code(response) == []


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/briefs/publication/",
        "/admin/briefs/publication/add/",
        "/admin/briefs/actor/import/",
        "/admin/briefs/meeting/add/",
    ],
)
def test_admin_pages_need_no_inline_code_under_the_same_csp(admin_client, url):
    response = admin_client.get(url)

    assert response.status_code == 200
    assert policy(response)["script-src"] == "'self'"
    assert inline_code(response) == []


def test_the_500_page_has_no_inline_style():
    parser = InlineCode()
    parser.feed(render_to_string("500.html"))
    assert parser.found == []
