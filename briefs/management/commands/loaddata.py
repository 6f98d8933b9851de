"""Django's ``loaddata``, by the rules every door applies (``briefs.exchange.fixtures``).

A fixture of the app's rows by natural key loads as a bundle does
(``import_brief``'s rules, messages and history); a dump with ids loads
exactly, history included, and is then checked by the same rules. Either way
a problem is said in one line per object and nothing is written.
"""

import os

from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError

from briefs.domain import derived
from briefs.exchange.fixtures import BundleError, ExactLoad, as_bundle, load_bundle


class Command(loaddata.Command):
    help = (
        f"{loaddata.Command.help} The briefs app's rows are checked by the rules "
        "import_brief applies: a fixture of its rows by natural key loads as a "
        "bundle; a dump with ids loads exactly, its history included."
    )

    def loaddata(self, fixture_labels):
        # Inside Django's transaction: the load is one write, settled once.
        with derived.write():
            self.exact = ExactLoad()
            super().loaddata(fixture_labels)
            problems = self.exact.problems()
            if problems:
                raise CommandError("\n".join([*problems, "Nothing was loaded."]))
            self.exact.finish()

    def load_label(self, fixture_label):
        for fixture_file, _dir, _name in self.find_fixtures(fixture_label):
            _, ser_fmt, cmp_fmt = self.parse_name(os.path.basename(fixture_file))
            open_method, mode = self.compression_formats[cmp_fmt]
            with open_method(fixture_file, mode) as fixture:
                data = fixture.read()
            bundle = as_bundle(data if isinstance(data, bytes) else data.encode())
            if ser_fmt != "json" or bundle is None:
                self.load_exactly(fixture_file)
                continue
            try:
                summary = load_bundle(bundle)
            except BundleError as error:
                name = os.path.basename(fixture_file)
                raise CommandError(f"{name}:\n{error}\nNothing was loaded.") from None
            self.fixture_count += 1
            count = sum(sum(counts.values()) for counts in summary.values())
            self.fixture_object_count += count
            self.loaded_object_count += count

    def load_exactly(self, fixture_file):
        self.object_index = 0
        try:
            super().load_label(fixture_file)
        except (DeserializationError, DatabaseError, ValueError) as error:
            # Django's words, without its traceback, and where it stopped.
            reason = str(error).split(": ", 1)[-1]
            name = os.path.basename(fixture_file)
            raise CommandError(
                f"{name}, object {self.object_index + 1}: {reason}\nNothing was loaded."
            ) from None

    def save_obj(self, obj):
        self.object_index += 1
        if not self.exact.saving(self.object_index, obj):
            return False
        return super().save_obj(obj)
