"""An author's ORCID iD: checked by its checksum (ISO 7064 MOD 11-2) at every
door, shown on the author's page, in the JSON-LD, the API and deposits."""

import json

import pytest
from django.core.exceptions import ValidationError

from briefs.models import Author
from briefs.models.base import orcid_check_digit
from tests.factories import make_author, make_contribution, make_publication
from tests.helpers import load_table

pytestmark = pytest.mark.django_db

VALID = "0000-0002-1825-0097"  # ORCID's own example
WITH_X = "0000-0002-1694-233X"


def test_the_check_digit_is_iso_7064_mod_11_2():
    assert orcid_check_digit("000000021825009") == "7"
    assert orcid_check_digit("000000021694233") == "X"


@pytest.mark.parametrize(
    "value", [VALID, WITH_X, "https://orcid.org/" + VALID, WITH_X.lower()]
)
def test_an_orcid_id_is_taken_as_people_copy_it(value):
    author = Author(slug="a", name="A", orcid=value)
    author.full_clean()
    assert author.orcid in {VALID, WITH_X}


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("0000-0002-1825-0098", "check digit does not match"),
        ("0000-0002-1825-009", "four groups of four digits"),
        ("0000000218250097", "four groups of four digits"),
    ],
)
def test_a_wrong_orcid_id_is_refused_saying_why(value, words):
    with pytest.raises(ValidationError, match=words):
        Author(slug="a", name="A", orcid=value).full_clean()


def test_a_table_import_refuses_a_wrong_orcid_naming_row_and_column():
    from briefs.exchange.tables.problems import TableError

    with pytest.raises(TableError, match="Row 1, column “orcid”.*check digit"):
        load_table(
            "author", "slug,name,orcid\nan-author,An Author,0000-0002-1825-0098\n"
        )
    assert not Author.objects.exists()


def test_the_orcid_is_on_the_author_page_the_json_ld_and_the_api(client):
    author = make_author("ada", name="Ada Lovelace", orcid=VALID)
    brief = make_publication()
    make_contribution(brief, author)
    assert (
        f'href="https://orcid.org/{VALID}"'
        in client.get("/authors/ada/").content.decode()
    )
    page = client.get(brief.get_absolute_url()).content.decode()
    data = json.loads(
        page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    )
    assert data["author"][0]["sameAs"] == f"https://orcid.org/{VALID}"
    [listed] = client.get("/api/briefs/").json()["results"]
    assert listed["credits"][0]["orcid"] == f"https://orcid.org/{VALID}"
