"""What is wrong with a file, said so that its author can find and fix it."""

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Every door that takes a file says so of an empty one (the admin's upload
# form too, instead of Django's "The submitted file is empty.").
EMPTY_FILE = _("the file is empty: it has no header and no rows.")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file.

    ``row`` counts from the first row under the header, as the admin's import
    report does (None: the file as a whole); ``column`` is "" for the row as
    a whole.
    """

    row: int | None
    column: str
    value: str
    reason: str

    def __post_init__(self):
        # Said now, in the language of whoever is told (a lazy rule's words
        # too): a job's problems are kept as JSON and shown later.
        object.__setattr__(self, "reason", str(self.reason))

    def __str__(self):
        # Said in the language of whoever reads it: the curator's in the admin,
        # English at the command line and in the API.
        if self.row is None:
            where = gettext("The file")
        else:
            where = gettext("Row {row}").format(row=self.row)
        if self.column:
            where = gettext("{where}, column “{column}”").format(
                where=where, column=self.column
            )
        if self.value != "":
            where = gettext("{where} (value “{value}”)").format(
                where=where, value=shorten(self.value)
            )
        return f"{where}: {self.reason}"


def shorten(value, limit=60):
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class TableError(Exception):
    """A file that cannot be imported; nothing of it was written."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
