"""The admin as a curator works in it (issue 24): filters name every choice,
the sign-in page has a heading, meetings page in a fixed order."""

import warnings

import pytest
from django.core.paginator import UnorderedObjectListWarning
from django.urls import reverse

from tests.factories import make_actor, make_author, make_meeting


@pytest.mark.django_db
def test_the_by_country_filter_names_its_empty_choice(admin_client):
    make_meeting("nowhere-meeting")
    make_meeting("somewhere-meeting", country=make_actor("somewhere"))
    page = admin_client.get("/admin/briefs/meeting/").content.decode()
    filters = page[page.index('id="changelist-filter"') :]
    assert ">-</a>" not in filters
    assert "(none)</a>" in filters


@pytest.mark.django_db
def test_a_blank_affiliation_is_a_named_filter_choice(admin_client):
    make_author("no-affiliation", affiliation="")
    make_author("with-affiliation", affiliation="HIIA")
    page = admin_client.get("/admin/briefs/author/").content.decode()
    assert '<a href="?affiliation=">(none)</a>' in page
    assert '<a href="?affiliation="></a>' not in page


@pytest.mark.django_db
def test_the_sign_in_page_has_a_level_one_heading(client):
    assert "<h1>" in client.get("/admin/login/").content.decode()


@pytest.mark.django_db
def test_the_admin_pages_meetings_in_a_fixed_order(admin_client):
    for number in range(3):
        make_meeting(f"visits-minsk-{number}")
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnorderedObjectListWarning)
        assert admin_client.get("/admin/briefs/meeting/?q=visits").status_code == 200
        search = {"app_label": "briefs", "model_name": "prisonerrelease"}
        search.update(field_name="meeting", term="visits minsk")
        assert admin_client.get(reverse("admin:autocomplete"), search).json()["results"]
