"""The rules' words in the language of whoever is told: the same English words
at every door that speaks English (the command line, the API), Hungarian in
an admin a curator's browser asks in Hungarian."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from briefs.domain import rules
from briefs.models import Meeting, Publication
from briefs.reading.charts import Bar, Chart
from tests.factories import make_meeting, make_publication

pytestmark = pytest.mark.django_db


def messages_of(row):
    try:
        row.full_clean()
    except ValidationError as error:
        return error.message_dict
    raise AssertionError("no error")


def test_a_constraints_message_is_translated_when_it_is_said_not_when_it_is_declared():
    meeting = Meeting(slug="a-meeting", title="A meeting", duration_hours=Decimal(0))
    english = messages_of(meeting)["duration_hours"]
    with translation.override("hu"):
        hungarian = messages_of(meeting)["duration_hours"]

    assert english == [
        "A meeting lasts more than 0 hours: give its length in hours, such as 6 "
        "or 1.5, or leave it empty."
    ]
    assert hungarian == [
        "Egy találkozó 0 óránál tovább tart: adja meg a hosszát órában, például "
        "6 vagy 1,5, vagy hagyja üresen."
    ]


def test_a_rules_words_are_english_outside_hungarian_and_hungarian_inside():
    with pytest.raises(ValidationError) as english:
        rules.check_breakdown(15, 14)
    with translation.override("hu"), pytest.raises(ValidationError) as hungarian:
        rules.check_breakdown(15, 14)

    assert english.value.messages == [
        "The nationality breakdown (15) may not exceed the total released (14)."
    ]
    assert hungarian.value.messages == [
        "Az állampolgárság szerinti bontás (15) nem haladhatja meg a szabadon "
        "engedettek összesített számát (14)."
    ]


def test_a_choice_is_refused_in_the_active_language():
    publication = Publication(
        slug="a", title="A", series="S", publisher="P", status="neither"
    )
    publication.publication_date = datetime.date(2025, 1, 1)
    assert messages_of(publication)["status"] == [
        "“neither” is not one of draft, in_review, published."
    ]
    with translation.override("hu"):
        assert messages_of(publication)["status"] == [
            "„neither” nem a következők egyike: draft, in_review, published."
        ]


@pytest.mark.parametrize(
    ("hours", "approximate", "english", "hungarian"),
    [
        (Decimal("6.00"), True, "about 6 hours", "mintegy 6 óra"),
        (Decimal("1.50"), False, "1.5 hours", "1,5 óra"),
        (Decimal("1"), False, "1 hour", "1 óra"),
        (Decimal("10.00"), False, "10 hours", "10 óra"),
    ],
)
def test_a_meetings_length_is_written_in_each_language(
    hours, approximate, english, hungarian
):
    meeting = make_meeting(duration_hours=hours, duration_approximate=approximate)
    assert meeting.duration_display == english
    with translation.override("hu"):
        assert meeting.duration_display == hungarian


def test_a_charts_words_are_the_readers():
    chart = Chart(
        total=14, bars=[Bar("Japan", 2, 0, 10.0), Bar("?", 12, 0, 50.0, False)]
    )
    assert chart.summary == "14 released. By nationality: Japan 2; not given 12."
    with translation.override("hu"):
        assert chart.summary == (
            "14 fő szabadult. Állampolgárság szerint: Japan 2; nincs megadva 12."
        )


def test_the_cite_this_line_is_written_the_way_of_the_pages_language(client, seeded):
    english = client.get(seeded.get_absolute_url()).content.decode()
    hungarian = client.get(f"/hu/briefs/{seeded.slug}/").content.decode()
    assert "Hungarian Institute of International Affairs, 15 July 2025." in english
    assert (
        "Hungarian Institute of International Affairs, 2025. július 15.."
        not in hungarian
    )
    assert "Hungarian Institute of International Affairs, 2025. július 15." in hungarian


def test_a_brief_without_a_number_says_so_in_the_admins_language(admin_client):
    brief = make_publication("a-brief")
    page = admin_client.get(
        f"/admin/briefs/publication/{brief.pk}/change/", HTTP_ACCEPT_LANGUAGE="hu"
    ).content.decode()
    assert "Sorszám a sorozatban" in page
    assert "Az elemzés első közzétételekor kapja meg." in page
