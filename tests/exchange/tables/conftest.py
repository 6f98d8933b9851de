"""Fixtures for the table tests."""

import pytest

from briefs.exchange.tables import importing
from tests.factories import make_actor


@pytest.fixture
def actors(db):
    """The two states the rows of a sanctions file name."""
    make_actor("belarus")
    make_actor("united-states")


@pytest.fixture(params=["whole", "a row a part"])
def parts(request, monkeypatch):
    """The engine reads a file a part at a time: each rule must hold across
    parts as it does within one, so the tests that use this run both ways."""
    if request.param != "whole":
        monkeypatch.setattr(importing, "PART", 1)
