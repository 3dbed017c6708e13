"""SPARQL constraints evaluated on pyoxigraph agree with pyshacl's own evaluation of them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyshacl
import pytest
import rdflib

from mmkg import sparql_constraints
from mmkg.sources import read_turtle_files, to_ntriples
from mmkg.validation import load_graph, validate
from tests.helpers import FIXTURES, _base

SHAPE_FIXTURES = sorted((FIXTURES / "shapes").rglob("*.ttl"))


@cache
def _sparql_shapes() -> tuple[rdflib.Graph, frozenset[str]]:
    """Shapes graph with only the node shapes whose SPARQL constraints run on pyoxigraph."""
    _, shapes = _base()
    _, taken = sparql_constraints.split(shapes)
    return shapes, frozenset(str(c.shape) for c, _ in taken)


@pytest.mark.parametrize("fixture", SHAPE_FIXTURES, ids=lambda p: str(p.relative_to(FIXTURES / "shapes")))
def test_sparql_constraints_on_pyoxigraph_agree_with_pyshacl(fixture: Path) -> None:
    graph, _ = _base()
    shapes, names = _sparql_shapes()
    added = load_graph(to_ntriples(read_turtle_files([fixture])))
    focus = sorted({s for s in added.subjects() if isinstance(s, rdflib.URIRef)})
    new = [t for t in added if t not in graph]
    for triple in new:
        graph.add(triple)
    try:
        ours = {(v.focus, v.shape) for v in validate(graph, shapes, focus_nodes=focus).violations if v.shape in names}
        _, results, _ = pyshacl.validate(
            graph, shacl_graph=shapes, advanced=True, inference="none", allow_warnings=True, focus_nodes=focus, use_shapes=sorted(names)
        )
        theirs = {
            (str(results.value(r, rdflib.SH.focusNode)), str(results.value(r, rdflib.SH.sourceShape)))
            for r in results.subjects(rdflib.RDF.type, rdflib.SH.ValidationResult)
        }
    finally:
        for triple in new:
            graph.remove(triple)
    assert ours == {t for t in theirs if t[1] in names}
