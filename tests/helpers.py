"""Test helpers shared by the test modules."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import rdflib

from mmkg import resources
from mmkg.prefixes import compact
from mmkg.sources import read_turtle_files, to_ntriples
from mmkg.validation import load_graph, load_shapes, validate

FIXTURES = Path(__file__).parent / "fixtures"


@cache
def _base() -> tuple[rdflib.Graph, rdflib.Graph]:
    """The built release (reasoned, with rule output) and the shapes, parsed once."""
    release = load_graph((resources.release_dir() / "mmkg.nt").read_bytes())
    return release, load_shapes(resources.shape_files())


def violations_for(fixture: str) -> list[str]:
    """SHACL violation lines for the fixture's subjects, validated in the context of the release.

    The fixture's triples are added to the built release (so shapes see the whole
    graph, inferred types included) and only the fixture's subjects are validated;
    the full build pipeline itself is exercised in tests/test_build.py.
    """
    graph, shapes = _base()
    added = load_graph(to_ntriples(read_turtle_files([FIXTURES / "shapes" / fixture])))
    focus = sorted({s for s in added.subjects() if isinstance(s, rdflib.URIRef)})
    new = [t for t in added if t not in graph]
    for triple in new:
        graph.add(triple)
    try:
        report = validate(graph, shapes, focus_nodes=focus)
    finally:
        for triple in new:
            graph.remove(triple)
    return [line for line in report.lines() if line.startswith("Violation")]


def assert_violates(fixture: str, shape: str, *, focus: str | None = None) -> None:
    """Adding ``tests/fixtures/shapes/<fixture>`` to the graph violates ``shape``.

    ``shape`` and ``focus`` are IRIs or CURIEs; the violation line must name both.
    """
    lines = violations_for(fixture)
    if not lines:
        pytest.fail(f"{fixture}: no violation, expected one of {shape}")
    wanted = f"[shape {compact(shape)}]"
    matching = [line for line in lines if line.endswith(wanted)]
    assert matching, f"{fixture}: no violation of {shape}; got:\n" + "\n".join(lines)
    if focus is not None:
        assert any(f" {compact(focus)}" in line for line in matching), f"{fixture}: {shape} violated, but not on {focus}:\n" + "\n".join(matching)
