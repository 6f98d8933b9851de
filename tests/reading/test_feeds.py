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


def test_each_language_has_a_feed_of_the_briefs_written_in_it(
    client, seeded_in_english
):
    seeded = seeded_in_english
    make_publication("magyar", title="Magyar elemzés", language="hu")

    english = ET.fromstring(client.get("/feed/").content)
    hungarian = ET.fromstring(client.get("/hu/feed/").content)

    def titles(feed):
        return [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]

    assert titles(english) == [seeded.title]
    assert titles(hungarian) == ["Magyar elemzés"]
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert english.get(xml_lang) == "en"
    assert hungarian.get(xml_lang) == "hu"
    links = {
        link.get("rel"): link.get("href") for link in hungarian.findall(f"{ATOM}link")
    }
    assert links["self"] == "http://testserver/hu/feed/"
    assert links["alternate"] == "http://testserver/hu/"
    entry_link = hungarian.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert entry_link == "http://testserver/hu/briefs/magyar/"
    assert hungarian.find(f"{ATOM}subtitle").text == (
        "Szakpolitikai elemzések, a legújabbak elöl."
    )
