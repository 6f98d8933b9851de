"""The chart of a prisoner release: a bar per nationality, and one for those not given."""

import re

import pytest

from briefs.reading.charts import nationality_chart
from tests.factories import make_actor, make_nationality_count, make_release
from tests.helpers import BRIEF_URL

pytestmark = pytest.mark.django_db


def test_release_chart_has_a_bar_per_nationality_and_one_for_those_not_given(
    client, seeded
):
    html = client.get(BRIEF_URL).content.decode()
    chart = html[html.index('<figure class="chart">') : html.index("</figure>")]
    assert chart.count("<rect") == 7
    assert 'class="chart__bar chart__bar--unknown"' in chart
    assert re.search(r'role="img" aria-labelledby="[^"]+"', chart)
    assert (
        "14 released. By nationality: Poland 3, Japan 2, Latvia 2, Estonia 1, Sweden 1, "
        "United States 1; not given 4."
    ) in chart


def test_a_fully_broken_down_release_has_no_not_given_bar():
    release = make_release(total=3)
    make_nationality_count(release, make_actor("japan", "Japan"), 2)
    make_nationality_count(release, make_actor("sweden", "Sweden"), 1)
    chart = nationality_chart(release)
    assert [(bar.label, bar.count, bar.given) for bar in chart.bars] == [
        ("Japan", 2, True),
        ("Sweden", 1, True),
    ]
    assert chart.bars[0].width > chart.bars[1].width
    assert chart.summary == "3 released. By nationality: Japan 2, Sweden 1."


def test_a_release_without_breakdown_says_nationality_is_not_given():
    chart = nationality_chart(make_release(total=5))
    assert [(bar.label, bar.given) for bar in chart.bars] == [("Not given", False)]
    assert chart.summary == "5 released. Nationality not given 5."
