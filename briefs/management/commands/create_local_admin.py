"""Create a superuser for local use, and say how to sign in.

`make run` calls this so a newcomer can reach /admin/ at once. It refuses to
run when DEBUG is off: production administrators are created deliberately,
with `createsuperuser`, never with a printed password.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

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
        if User.objects.filter(username=username).exists():
            if CREDENTIALS_FILE.exists():
                password = CREDENTIALS_FILE.read_text().strip()
                self.stdout.write(f"Admin: user “{username}”, password “{password}”.")
            else:
                self.stdout.write(
                    f"Admin: user “{username}” exists; sign in as before."
                )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username, email="", password=password)
        CREDENTIALS_FILE.write_text(password + "\n")
        CREDENTIALS_FILE.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created admin: user “{username}”, password “{password}”."
            )
        )
