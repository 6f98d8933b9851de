"""
Django's ``makemessages``, reading only the app's own files.

``manage.py makemessages -l hu`` from the project's folder updates the
catalogue ``briefs/locale/hu/LC_MESSAGES/django.po`` (settings.LOCALE_PATHS)
with every string of the app's templates and code; ``manage.py
compilemessages`` then compiles it into the ``.mo`` beside it, which is
committed. Strings no longer in the app leave the catalogue (``--no-obsolete``).
The tests, benchmarks, fixtures (whose briefs' texts are plain
text, not templates) and what the site collects or writes at run time hold
no string of the site: they are left out, as if passed with ``--ignore``.
"""

from django.core.management.commands import makemessages

NOT_THE_APPS = [
    "bench",
    "datasets",
    "deploy",
    "fixtures",
    "media",
    "node_modules",
    "run",
    "staticfiles",
    "tests",
]


class Command(makemessages.Command):
    help = makemessages.Command.help + " Only the app's own files are read."

    def handle(self, *args, **options):
        options["ignore_patterns"] = [
            *options.get("ignore_patterns", []),
            *NOT_THE_APPS,
        ]
        options["no_obsolete"] = True
        return super().handle(*args, **options)
