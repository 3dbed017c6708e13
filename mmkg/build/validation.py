"""SHACL validation with pyshacl, reported as readable lines.

Each violation names its focus node, the shape (the named node shape that holds
the failing property shape) and the message, with IRIs as CURIEs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import rdflib
from rdflib.namespace import RDF, SH

from ..prefixes import compact
from ..turtle import read_turtle_files, to_ntriples
from . import sparql_constraints


@dataclass(frozen=True)
class Violation:
    """One SHACL result."""

    focus: str
    shape: str
    message: str
    severity: str
    path: str | None = None
    value: str | None = None

    def line(self) -> str:
        where = f" {compact(self.path)}" if self.path else ""
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {compact(self.focus)}{where}: {self.message}{value} [shape {compact(self.shape)}]"


@dataclass(frozen=True)
class ValidationReport:
    violations: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        """True when no result has severity Violation (warnings do not fail a build)."""
        return not any(v.severity == "Violation" for v in self.violations)

    def lines(self) -> list[str]:
        return sorted(v.line() for v in self.violations)


def load_graph(triples_nt: bytes) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=triples_nt, format="nt")
    return graph


def load_shapes(paths: list[Path]) -> rdflib.Graph:
    return load_graph(to_ntriples(read_turtle_files(paths)))


def _term_text(term: rdflib.term.Node | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, rdflib.Literal):
        return str(term)
    return str(term)


def _named_shape(shapes: rdflib.Graph, shape: rdflib.term.Node) -> rdflib.term.Node:
    """The named node shape that holds ``shape`` (a blank property shape), or ``shape``."""
    seen: set[rdflib.term.Node] = set()
    while isinstance(shape, rdflib.BNode) and shape not in seen:
        seen.add(shape)
        parents = sorted(shapes.subjects(SH.property, shape), key=str) or sorted(
            shapes.subjects(SH.node, shape), key=str
        )
        if not parents:
            break
        shape = parents[0]
    return shape


def validate(
    data: rdflib.Graph,
    shapes: rdflib.Graph,
    *,
    focus_nodes: list[rdflib.URIRef] | None = None,
    store: ox.Store | None = None,
) -> ValidationReport:
    """Validate ``data`` (which must include the TBox, for class targets) against ``shapes``.

    Core constraints run on pyshacl; node shapes' SPARQL constraints run once each on
    pyoxigraph (``store``, the same triples as ``data``; built from ``data`` if not
    given). ``focus_nodes`` restricts validation to those nodes (the rest of ``data``
    is context).
    """
    core, sparql = sparql_constraints.split(shapes)
    violations = _pyshacl(data, core, focus_nodes)
    if sparql:
        if store is None:
            store = ox.Store()
            store.load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        wanted = {str(n) for n in focus_nodes} if focus_nodes is not None else None
        for constraint, targets in sparql:
            for found in sparql_constraints.evaluate(store, constraint, targets):
                if wanted is not None and found["focus"] not in wanted:
                    continue
                violations.append(
                    Violation(
                        focus=str(found["focus"]),
                        shape=str(constraint.shape),
                        message=str(found["message"]),
                        severity=constraint.severity,
                        path=found["path"],
                        value=found["value"],
                    )
                )
    return ValidationReport(tuple(sorted(set(violations), key=lambda v: v.line())))


def _pyshacl(data: rdflib.Graph, shapes: rdflib.Graph, focus_nodes: list[rdflib.URIRef] | None) -> list[Violation]:
    focus: list[str | rdflib.URIRef] | None = list(focus_nodes) if focus_nodes is not None else None
    _, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        focus_nodes=focus,
        inference="none",
        advanced=True,
        allow_warnings=True,
        abort_on_first=False,
    )
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        source = results.value(result, SH.sourceShape)
        message = results.value(result, SH.resultMessage)
        shape = _named_shape(shapes, source) if source is not None else None
        violations.append(
            Violation(
                focus=str(results.value(result, SH.focusNode)),
                shape=str(shape) if shape is not None else "",
                message=str(message) if message is not None else "constraint not met",
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                path=_term_text(results.value(result, SH.resultPath)),
                value=_term_text(results.value(result, SH.value)),
            )
        )
    return violations
