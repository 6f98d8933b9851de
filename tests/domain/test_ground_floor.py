"""The domain is the ground floor: the models and ``briefs.domain`` import
nothing from the reading site, the admin, the API, the exchange code or the
task worker, so a rule or a piece of derived data never depends on a door."""

import ast
from pathlib import Path

import pytest

BRIEFS = Path(__file__).resolve().parents[2] / "briefs"
GROUND_FLOOR = sorted(
    [*(BRIEFS / "models").glob("*.py"), *(BRIEFS / "domain").glob("*.py")]
)
ABOVE = (
    "briefs.reading",
    "briefs.curation",
    "briefs.exchange",
    "briefs.api",
    "briefs.worker",
)


def imported_modules(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


@pytest.mark.parametrize("path", GROUND_FLOOR, ids=lambda path: path.name)
def test_the_ground_floor_imports_nothing_above_it(path):
    above = [name for name in imported_modules(path) if name.startswith(ABOVE)]
    assert above == [], f"{path.relative_to(BRIEFS.parent)} imports {above}"


def test_the_ground_floor_is_found_so_the_check_above_is_not_empty():
    assert len(GROUND_FLOOR) > 10
