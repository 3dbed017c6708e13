"""SHACL validation with pyshacl, reported as readable lines; and the checks no shape can make.

Each violation names its focus node, the shape (the named node shape that holds
the failing property shape) and the message, with IRIs as CURIEs. Before SHACL, the
build checks what shapes cannot see or would crash on: ill-typed literals
(:func:`ill_typed_literals`) and cycles of asserted subclasses (:func:`subclass_cycles`).
A crash of pyshacl itself is a build failure naming it, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import rdflib
from rdflib.namespace import RDF, SH

from ..errors import BuildFailed
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
    try:
        _, results, _ = pyshacl.validate(
            data,
            shacl_graph=shapes,
            focus_nodes=focus,
            inference="none",
            advanced=True,
            allow_warnings=True,
            abort_on_first=False,
        )
    except RecursionError:
        raise BuildFailed(
            "SHACL validation failed: pyshacl ran out of stack (a shape or list nested too deep)"
        ) from None
    except Exception as error:  # pyshacl's own failures have no common base class
        text = " ".join(str(error).split())[:300] or type(error).__name__
        raise BuildFailed(f"SHACL validation crashed (pyshacl {type(error).__name__}): {text}") from None
    if not isinstance(results, rdflib.Graph):  # pyshacl's ValidationFailure: a shape it cannot evaluate
        text = " ".join(str(getattr(results, "message", results)).split())[:300]
        raise BuildFailed(f"SHACL validation could not run: {text}")
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


XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
_DOUBLE = re.compile(r"^([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN)$")
_GYEAR = re.compile(r"^-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?$")
_GYEARMONTH = re.compile(r"^-?[0-9]{4,}-(0[1-9]|1[0-2])(Z|[+-][0-9]{2}:[0-9]{2})?$")
_DATETIME = re.compile(
    r"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$"
)


def _well_typed(value: str, datatype: str) -> bool:
    kind = datatype.removeprefix(XSD)
    if kind in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger"):
        if not _INTEGER.match(value):
            return False
        number = int(value)
        return not (
            (kind == "nonNegativeInteger" and number < 0)
            or (kind == "positiveInteger" and number < 1)
            or (kind == "int" and not -(2**31) <= number < 2**31)
        )
    if kind == "decimal":
        return bool(_DECIMAL.match(value))
    if kind in ("double", "float"):
        return bool(_DOUBLE.match(value))
    if kind == "boolean":
        return value in ("true", "false", "1", "0")
    if kind == "date":
        try:
            dt.date.fromisoformat(value[:10])
        except ValueError:
            return False
        return len(value) == 10 or bool(re.match(r"^(Z|[+-][0-9]{2}:[0-9]{2})$", value[10:]))
    if kind == "gYear":
        return bool(_GYEAR.match(value))
    if kind == "gYearMonth":
        return bool(_GYEARMONTH.match(value))
    if kind == "dateTime":
        if not _DATETIME.match(value):
            return False
        try:
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return False
        return True
    if kind == "anyURI":
        return not re.search(r"\s", value)
    return True


def ill_typed_literals(triples: list[ox.Triple]) -> list[str]:
    """One line per literal whose text is not a value of its XSD datatype ("abc"^^xsd:decimal, "2024-13-01"^^xsd:date)."""
    lines = []
    for t in triples:
        value = t.object
        if not isinstance(value, ox.Literal):
            continue
        datatype = value.datatype.value
        if datatype.startswith(XSD) and not _well_typed(value.value, datatype):
            subject = t.subject.value if isinstance(t.subject, ox.NamedNode) else str(t.subject)
            lines.append(
                f"Violation: {compact(subject)} {compact(t.predicate.value)}: {value.value!r} is not a valid "
                f"{compact(datatype)} [rule ill-typed literal]"
            )
    return sorted(set(lines))


SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


def subclass_cycles(triples: list[ox.Triple]) -> list[str]:
    """One line per cycle of asserted rdfs:subClassOf between distinct named classes (A ⊑ B ⊑ A)."""
    parents: dict[str, set[str]] = defaultdict(set)
    for t in triples:
        child, parent = t.subject, t.object
        if not (isinstance(child, ox.NamedNode) and isinstance(parent, ox.NamedNode)):
            continue
        if t.predicate.value == SUBCLASS and child.value != parent.value:
            parents[child.value].add(parent.value)
    cycles: set[tuple[str, ...]] = set()
    state: dict[str, int] = {}
    for root in sorted(parents):
        if state.get(root):
            continue
        stack: list[tuple[str, list[str]]] = [(root, sorted(parents.get(root, ())))]
        path = [root]
        state[root] = 1
        while stack:
            node, todo = stack[-1]
            if not todo:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            nxt = todo.pop()
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt) :]
                turn = cycle.index(min(cycle))
                cycles.add(tuple(cycle[turn:] + cycle[:turn]))
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, sorted(parents.get(nxt, ()))))
    return sorted(
        f"Violation: {compact(c[0])}: subclass cycle {' ⊑ '.join(compact(x) for x in (*c, c[0]))} "
        "(classes in a cycle are one class) [rule subclass cycle]"
        for c in cycles
    )
