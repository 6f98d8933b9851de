"""Curation in the Django admin: model admins, their forms, and the history of every row."""
