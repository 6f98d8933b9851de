"""Create a superuser for local use, and say how to sign in.

`make run` calls this so a newcomer can reach /admin/ at once. It refuses to
run when DEBUG is off: production administrators are created deliberately,
with `createsuperuser`, never with a printed password.

The passwords it made are kept in the git-ignored `.local-admin-credentials`,
one line a database, and one is printed only if it signs the user in: `make
run` on another database made another administrator there, and a password
changed since is nobody's business here.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

CREDENTIALS_FILE = settings.BASE_DIR / ".local-admin-credentials"


class Command(BaseCommand):
    help = "Create a local superuser (DEBUG only) and print how to sign in to /admin/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--username", default="admin", help="Username (default: admin)."
        )

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a local administrator with DEBUG off."
            )
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is not None:
            password = next(
                (
                    password
                    for password in remembered().values()
                    if user.check_password(password)
                ),
                None,
            )
            if password:
                self.stdout.write(f"Admin: user “{username}”, password “{password}”.")
            else:
                self.stdout.write(
                    f"Admin: user “{username}” exists, with a password this command "
                    "did not make: sign in with yours, or set one with "
                    f"`manage.py changepassword {username}`."
                )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username, email="", password=password)
        remember(password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created admin: user “{username}”, password “{password}”."
            )
        )


def database():
    """Which database this is, as the credentials file names it."""
    params = connection.settings_dict
    return f"{params['ENGINE']} {params['HOST']}:{params['PORT']} {params['NAME']}"


def remembered():
    """The passwords made so far, by database (an older file: one, for any)."""
    try:
        lines = CREDENTIALS_FILE.read_text().splitlines()
    except FileNotFoundError:
        return {}
    passwords = {}
    for line in lines:
        where, _, password = line.rpartition("\t")
        if password:
            passwords[where] = password
    return passwords


def remember(password):
    passwords = {**remembered(), database(): password}
    CREDENTIALS_FILE.write_text(
        "".join(f"{where}\t{password}\n" for where, password in passwords.items())
    )
    CREDENTIALS_FILE.chmod(0o600)
