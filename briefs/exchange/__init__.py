"""Data in and out: the columns of every table, file formats, table import/export and brief bundles."""
