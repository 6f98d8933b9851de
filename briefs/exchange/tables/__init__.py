"""
Whole tables in and out, fast enough for a large corpus: the one engine of
every table import, the command line's and the admin's.

django-import-export imports row by row, several queries a row
(``bench/bench_import_export.py`` measures it against this). These read and
write the columns the admin's resources in ``briefs/exchange/resources.py``
declare, a column at a time, with one set of checks and messages, and write
with COPY on PostgreSQL. The admin's import page keeps the library's forms
and pages, and runs its preview and its confirm here
(``briefs.curation.admin.CurationAdmin``).
"""

from briefs.exchange.tables.exporting import export_table
from briefs.exchange.tables.importing import ImportResult, import_table
from briefs.exchange.tables.problems import Problem, TableError

__all__ = ["ImportResult", "Problem", "TableError", "export_table", "import_table"]
