"""Fixtures for the table tests."""

import pytest

from tests.factories import make_actor


@pytest.fixture
def actors(db):
    """The two states the rows of a sanctions file name."""
    make_actor("belarus")
    make_actor("united-states")
