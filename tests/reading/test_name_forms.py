"""The shipped actors are found by their Cyrillic and Hungarian name forms (issue 24)."""

import pytest

from tests.helpers import text_of


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Лукашенко", "Alexander Lukashenko"),
        ("Лукашэнка", "Alexander Lukashenko"),
        ("Трамп", "Donald Trump"),
        ("Szijjártó Péter", "Péter Szijjártó"),
        ("Fehéroroszország", "Belarus"),
    ],
)
def test_searching_a_name_form_finds_the_actor(client, seeded, typed, found):
    response = client.get("/search/", {"q": typed})
    assert response.status_code == 200
    assert found in text_of(response)
