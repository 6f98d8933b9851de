"""The Atom feed of published briefs."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from briefs.models import Publication
from tests.factories import make_publication

pytestmark = pytest.mark.django_db


ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_published_briefs_newest_first(client, seeded):
    make_publication("draft", status=Publication.Status.DRAFT, title="Secret draft")
    make_publication(
        "older", publication_date=datetime.date(2020, 1, 1), title="Older brief"
    )
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles[0] == seeded.title
    assert "Older brief" in titles and "Secret draft" not in titles
    assert feed.find(f"{ATOM}entry/{ATOM}author/{ATOM}name").text == "Ruslan Bortnik"
