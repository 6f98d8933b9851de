"""`make run`'s local administrator: the password printed signs it in, also
after `make run` on another database made another one (issue 19, finding 9)."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from briefs.management.commands import create_local_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def credentials(tmp_path, monkeypatch, settings):
    settings.DEBUG = True
    path = tmp_path / ".local-admin-credentials"
    monkeypatch.setattr(create_local_admin, "CREDENTIALS_FILE", path)
    return path


def printed_password():
    output = io.StringIO()
    call_command("create_local_admin", stdout=output)
    found = re.search(r"password “([^”]+)”", output.getvalue())
    return found[1] if found else None


def test_the_password_printed_signs_in_after_a_run_on_another_database(
    credentials, monkeypatch
):
    first = printed_password()
    admin = get_user_model().objects.get(username="admin")

    # `make run` on another database: an administrator of its own there.
    with monkeypatch.context() as elsewhere:
        elsewhere.setattr(create_local_admin, "database", lambda: "another database")
        admin.delete()
        other = printed_password()
    assert other != first
    # Back on the first database, with its administrator as it was.
    get_user_model().objects.filter(username="admin").update(password=admin.password)

    again = printed_password()

    assert again == first
    assert get_user_model().objects.get(username="admin").check_password(again)


def test_a_password_changed_since_is_not_printed(credentials):
    made = printed_password()
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("the curator's own")
    admin.save()

    output = io.StringIO()
    call_command("create_local_admin", stdout=output)

    assert made not in output.getvalue()
    assert "changepassword admin" in output.getvalue()
