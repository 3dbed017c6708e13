"""Test helpers shared by the test modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from mmkg.errors import BuildFailed
from mmkg.prefixes import compact
from mmkg.release import materialise

FIXTURES = Path(__file__).parent / "fixtures"


def violations_for(fixture: str) -> list[str]:
    """The SHACL violation lines a build of the whole graph plus ``fixture`` reports."""
    try:
        materialise(extra_files=[FIXTURES / "shapes" / fixture])
    except BuildFailed as failure:
        return failure.details
    return []


def assert_violates(fixture: str, shape: str, *, focus: str | None = None) -> None:
    """Adding ``tests/fixtures/shapes/<fixture>`` to the graph fails the build on ``shape``.

    ``shape`` and ``focus`` are IRIs or CURIEs; the violation line must name both.
    """
    lines = violations_for(fixture)
    if not lines:
        pytest.fail(f"{fixture}: the build passed, expected a violation of {shape}")
    wanted = f"[shape {compact(shape)}]"
    matching = [line for line in lines if line.endswith(wanted)]
    assert matching, f"{fixture}: no violation of {shape}; got:\n" + "\n".join(lines)
    if focus is not None:
        assert any(f" {compact(focus)}" in line for line in matching), f"{fixture}: {shape} violated, but not on {focus}:\n" + "\n".join(matching)
