"""
Whole tables in and out on the command line, fast enough for a large corpus.

The admin imports through django-import-export row by row, several queries
a row: right for a curator's hundred rows, too slow for a corpus of a
hundred thousand (``bench/bench_import_export.py`` measures both; the
README gives the figures). These read and write the same columns, as the
admin's resources in ``briefs/exchange/resources.py`` define them, with the
same checks and messages, but a column at a time, and write with COPY on
PostgreSQL.
"""

from briefs.exchange.tables.exporting import export_table
from briefs.exchange.tables.importing import ImportResult, import_table
from briefs.exchange.tables.problems import Problem, TableError

__all__ = ["ImportResult", "Problem", "TableError", "export_table", "import_table"]
