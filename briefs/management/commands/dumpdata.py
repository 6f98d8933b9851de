"""Django's ``dumpdata``, without the rows a database keeps for itself.

The page generation, stored articles (``BriefsConfig.derived_models``),
queued jobs and their workers' leases belong to the database they were made in: a dump moved into
another database would carry a counter and pages as if they were data. They
are always left out, besides whatever ``--exclude`` names.
"""

from django.core.management.commands import dumpdata

from briefs.exchange.fixtures import not_dumped


class Command(dumpdata.Command):
    help = (
        f"{dumpdata.Command.help} The rows a database derives for itself are left out."
    )

    def handle(self, *app_labels, **options):
        options["exclude"] = [*options.get("exclude", []), *not_dumped()]
        return super().handle(*app_labels, **options)
