"""Login throttling (django-axes): wrong passwords lock a sign-in out, with a clear page."""

import pytest
from django.conf import settings
from pytest_django.asserts import assertContains

from tests.factories import make_user

PASSWORD = "a-long-test-password"


def sign_in(client, password, username="edna", **headers):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        **headers,
    )


@pytest.mark.django_db
def test_wrong_passwords_lock_the_login_and_then_refuse_the_right_one(client):
    make_user("edna", "Editor")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "wrong")
        assert response.status_code == 200  # the form again, with its error

    locked = sign_in(client, "wrong")
    right_password = sign_in(client, PASSWORD)

    assert locked.status_code == 429
    assertContains(right_password, "Too many failed sign-ins", status_code=429)
    assertContains(
        right_password, "Even the right password is refused", status_code=429
    )
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_lockout_holds_one_address_not_every_reader_behind_the_proxy(client):
    make_user("edna", "Editor")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong", HTTP_X_REAL_IP="203.0.113.7")

    locked = sign_in(client, PASSWORD, HTTP_X_REAL_IP="203.0.113.7")
    elsewhere = sign_in(client, PASSWORD, HTTP_X_REAL_IP="198.51.100.2")

    assert locked.status_code == 429
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_the_right_password_before_the_limit_signs_in(client):
    make_user("edna", "Editor")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "wrong")

    assert sign_in(client, PASSWORD).status_code == 302
