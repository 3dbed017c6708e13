"""SPARQL constraints evaluated once per shape on pyoxigraph agree with pyshacl's own evaluation of them.

All shape fixtures are added to the release and compared in one run: pyshacl
evaluates each constraint per focus node on rdflib, mmkg evaluates it once per
shape on pyoxigraph; the (focus, shape) pairs they report must be the same.
"""

from __future__ import annotations

import pytest

import pyshacl
import rdflib

from mmkg.build import sparql_constraints


@pytest.mark.slow
def test_sparql_constraints_on_pyoxigraph_agree_with_pyshacl(shape_fixtures) -> None:
    _, taken = sparql_constraints.split(shape_fixtures.shapes)
    names = {str(c.shape) for c, _ in taken}
    ours = {(v.focus, v.shape) for v in shape_fixtures.report.violations if v.shape in names}
    _, results, _ = pyshacl.validate(
        shape_fixtures.graph,
        shacl_graph=shape_fixtures.shapes,
        advanced=True,
        inference="none",
        allow_warnings=True,
        use_shapes=sorted(names),
    )
    theirs = {
        (str(results.value(r, rdflib.SH.focusNode)), str(results.value(r, rdflib.SH.sourceShape)))
        for r in results.subjects(rdflib.RDF.type, rdflib.SH.ValidationResult)
    }
    assert ours, "the fixtures should violate some SPARQL constraints"
    assert ours == {t for t in theirs if t[1] in names}
