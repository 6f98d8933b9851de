"""Whatever a client puts in a query, the API answers it: never a 500.

A date a filter cannot use or a cursor the API never gave is a 422 naming
the parameter and saying what to send; a date early in year 1 is a date
like any other.
"""

import base64
import datetime

import pytest

from tests.factories import make_meeting, make_publication, make_release, make_sanction

pytestmark = pytest.mark.django_db


@pytest.fixture
def facts():
    brief = make_publication("a-brief")
    make_meeting("a-meeting").publications.add(brief)
    make_sanction(
        "a-sanction",
        start_date=datetime.date(2024, 1, 10),
        start_date_precision="day",
        end_date=datetime.date(2025, 12, 1),
        end_date_precision="season",
    ).publications.add(brief)
    make_release("a-release").publications.add(brief)
    return brief


def slugs(response):
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


@pytest.mark.parametrize("kind", ["meetings", "sanctions", "releases", "briefs"])
@pytest.mark.parametrize("day", ["0001-01-01", "0001-02-28", "9999-12-31"])
def test_a_date_at_either_end_of_the_calendar_filters_like_any_other(
    client, facts, kind, day
):
    after = slugs(client.get(f"/api/{kind}/?date_after={day}"))
    before = slugs(client.get(f"/api/{kind}/?date_before={day}"))
    # Everything ends after the first days there are, and starts before the last.
    row = f"a-{kind[:-1]}"
    assert (after, before) == (([], [row]) if day > "5" else ([row], []))


@pytest.mark.parametrize(
    "day", ["2023-02-30", "yesterday", "10000-01-01", "0000-12-31"]
)
def test_a_date_that_is_none_is_a_422_naming_the_parameter(client, facts, day):
    response = client.get(f"/api/meetings/?date_after={day}")
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["query", "date_after"]
    assert problem["msg"]


def cursor(text):
    return base64.b64encode(text.encode("latin-1")).decode()


@pytest.mark.parametrize(
    "tampered",
    [
        cursor("o=-1&p=a-brief"),
        cursor("o=99999999999&p=a-brief"),
        cursor("o=1e400"),
        cursor("p=a-\x00brief"),
        cursor("r=maybe&p=a-brief"),
        cursor("\xff\xfe"),
        "not a cursor",
        "%%%",
    ],
)
@pytest.mark.parametrize("kind", ["briefs", "actors", "meetings"])
def test_a_tampered_cursor_is_a_422_saying_what_to_send(client, facts, kind, tampered):
    response = client.get(f"/api/{kind}/", {"cursor": tampered})
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["query", "cursor"]
    assert "Not a cursor this API gave" in problem["msg"]
    assert "ETag" not in response
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_cursor_the_api_gave_still_walks_the_list(client, facts):
    make_meeting("b-meeting").publications.add(facts)
    first = client.get("/api/meetings/?page_size=1").json()
    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()
    assert [row["slug"] for row in second["results"]] == ["b-meeting"]
    assert back["results"] == first["results"]
