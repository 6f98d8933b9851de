"""The sitemap: every public page, no draft."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_draft_with_its_own_facts
from tests.helpers import BRIEF_URL

pytestmark = pytest.mark.django_db


def test_sitemap_lists_public_pages_and_no_draft(client, seeded):
    _draft, facts = make_draft_with_its_own_facts()
    response = client.get("/sitemap.xml")
    locations = [
        element.text
        for element in ET.fromstring(response.content).iter(
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    ]
    assert "http://testserver" + BRIEF_URL in locations
    assert "http://testserver/actors/keith-kellogg/" in locations
    assert "http://testserver/timeline/" in locations
    assert not any(
        "secret" in location or "draft" in location for location in locations
    )
