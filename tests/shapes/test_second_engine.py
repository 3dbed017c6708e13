"""The shapes mean the same on two SHACL engines: pyshacl (Python) and rdf-validate-shacl (JavaScript).

Both validate the release with every shape fixture added, using SHACL Core only (the two
join rules that stay SHACL-SPARQL are left out: SHACL-Core engines skip them by design),
and must report the same (focus node, shape, severity) results. pyshacl runs without its
advanced features, as a Core engine would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib.namespace import SH

from mmkg import resources
from mmkg.build.validation import load_shapes
from mmkg.turtle import to_ntriples

ENGINE = Path(__file__).parent / "engines"

pytestmark = pytest.mark.skipif(shutil.which("node") is None and not os.environ.get("CI"), reason="needs Node.js for rdf-validate-shacl")


def core_shapes() -> rdflib.Graph:
    """Every shape file, less the node shapes that carry SHACL-SPARQL constraints."""
    shapes = load_shapes(resources.shape_files())
    for shape in set(shapes.subjects(SH.sparql, None)):
        for constraint in list(shapes.objects(shape, SH.sparql)):
            shapes.remove((constraint, None, None))
        shapes.remove((shape, None, None))
    return shapes


def _named(shapes: rdflib.Graph, shape: rdflib.term.Node) -> str:
    while isinstance(shape, rdflib.BNode):
        parents = sorted(shapes.subjects(SH.property, shape), key=str)
        if not parents:
            return ""
        shape = parents[0]
    return str(shape)


@pytest.fixture(scope="module")
def engine() -> Path:
    if not (ENGINE / "node_modules" / "rdf-validate-shacl").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ENGINE, check=True, capture_output=True)
    return ENGINE / "validate.mjs"


@pytest.fixture(scope="module")
def inputs(fixture_build, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, rdflib.Graph]:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("second-engine")
    data, shapes_file = folder / "data.nt", folder / "shapes.ttl"
    data.write_bytes(to_ntriples(fixture_build.triples))
    shapes = core_shapes()
    shapes.serialize(shapes_file, format="turtle")
    return data, shapes_file, shapes


def test_no_shape_uses_a_sparql_target() -> None:
    everything = load_shapes(resources.shape_files())
    assert list(everything.subjects(rdflib.RDF.type, SH.SPARQLTarget)) == []
    assert not list(everything.objects(None, SH.target))


@pytest.mark.slow
def test_pyshacl_and_rdf_validate_shacl_report_the_same_results(engine: Path, inputs) -> None:
    data, shapes_file, shapes = inputs
    done = subprocess.run(
        ["node", str(engine), str(shapes_file), str(data)], capture_output=True, text=True, check=True, timeout=900
    )
    theirs = {(r["focus"], r["shape"], r["severity"]) for r in map(json.loads, done.stdout.splitlines())}

    graph = rdflib.Graph().parse(data, format="nt")
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes, advanced=False, inference="none", allow_warnings=True)
    ours = {
        (
            str(results.value(r, SH.focusNode)),
            _named(shapes, results.value(r, SH.sourceShape)),
            str(results.value(r, SH.resultSeverity)).removeprefix(str(SH)),
        )
        for r in results.subjects(rdflib.RDF.type, SH.ValidationResult)
    }
    assert len(ours) > 40, "the fixtures should violate many Core shapes"
    assert ours == theirs
