"""Shared fixtures: the loaded release, and the sources it is built from."""

from __future__ import annotations

import pytest

import mmkg


@pytest.fixture(scope="session")
def kg() -> mmkg.KnowledgeGraph:
    """The shipped release in an embedded store (run `mmkg build` after changing sources)."""
    return mmkg.load()
