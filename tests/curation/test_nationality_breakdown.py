"""A release's breakdown by nationality never exceeds its total, in one save or several."""

import pytest
from pytest_django.asserts import assertContains

from briefs import models
from tests.factories import (
    make_actor,
    make_nationality_count,
    make_release,
)
from tests.helpers import (
    admin_url,
    form_data,
    save_in_admin,
)

pytestmark = pytest.mark.django_db


def test_the_release_form_refuses_a_breakdown_above_the_total(editor_client):
    release = make_release("kellogg-release", total=14)
    japan, poland = make_actor("japan"), make_actor("poland")
    response = save_in_admin(
        editor_client,
        release,
        **{
            "nationality_counts-TOTAL_FORMS": "2",
            "nationality_counts-0-country": str(japan.pk),
            "nationality_counts-0-count": "10",
            "nationality_counts-1-country": str(poland.pk),
            "nationality_counts-1-count": "10",
        },
    )
    assert response.status_code == 200
    assertContains(
        response,
        "The nationality breakdown (20) may not exceed the total released (14).",
    )
    assert not release.nationality_counts.exists()


def test_the_release_form_accepts_a_breakdown_rebalanced_in_one_save(editor_client):
    release = make_release("kellogg-release", total=14)
    japan, poland = make_actor("japan"), make_actor("poland")
    make_nationality_count(release, japan, 7)
    make_nationality_count(release, poland, 7)
    page = editor_client.get(admin_url(models.PrisonerRelease, "change", release.pk))
    data = form_data(page)
    rows = {data[f"nationality_counts-{n}-country"]: n for n in (0, 1)}
    data[f"nationality_counts-{rows[str(japan.pk)]}-count"] = "10"
    data[f"nationality_counts-{rows[str(poland.pk)]}-count"] = "2"

    response = editor_client.post(
        admin_url(models.PrisonerRelease, "change", release.pk), data
    )
    assert response.status_code == 302, response.context["errors"]
    assert dict(release.nationality_counts.values_list("country__slug", "count")) == {
        "japan": 10,
        "poland": 2,
    }


def test_the_release_form_refuses_a_total_below_the_stored_breakdown(editor_client):
    release = make_release("kellogg-release", total=14)
    make_nationality_count(release, make_actor("japan"), 12)
    response = save_in_admin(editor_client, release, total="10")
    assertContains(
        response,
        "The nationality breakdown (12) may not exceed the total released (10).",
    )
    release.refresh_from_db()
    assert release.total == 14
