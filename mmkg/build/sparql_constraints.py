"""SHACL-SPARQL constraints of node shapes, evaluated once per shape on pyoxigraph.

pyshacl runs a ``sh:sparql`` constraint once per focus node on rdflib's SPARQL
engine, which made those constraints most of the build's validation time. Here
each constraint runs once over the whole graph on pyoxigraph, joined with the
shape's targets; the core constraints stay with pyshacl. ``$this`` is therefore
not pre-bound: a constraint's query must bind ``$this`` in a triple pattern (all
of mmkg's do; ``tests/shapes/test_engines_agree.py`` checks the two engines agree).

Handled: node shapes with ``sh:targetClass``, ``sh:targetNode``,
``sh:targetSubjectsOf``, ``sh:targetObjectsOf`` or a ``sh:SPARQLTarget``, and
``sh:SPARQLConstraint`` with ``sh:select``, ``sh:prefixes``, ``sh:message``
(with ``{?var}`` / ``{$var}`` placeholders) and ``sh:deactivated``.
Property shapes' SPARQL constraints (``$PATH``) are left to pyshacl.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH

from ..store import solutions

XSD_TRUE = rdflib.Literal(True)


@dataclass(frozen=True)
class SparqlConstraint:
    shape: rdflib.term.Node
    constraint: rdflib.term.Node
    prefixes: str
    select: str
    messages: tuple[str, ...]
    severity: str


def _prefixes(shapes: rdflib.Graph, node: rdflib.term.Node) -> str:
    lines = []
    for prefixes in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(prefixes, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines))) + "\n"


def _targets(shapes: rdflib.Graph, shape: rdflib.term.Node) -> list[str] | None:
    """SPARQL group patterns binding ?this to each target, or None when a target kind is not handled."""
    patterns = []
    for cls in shapes.objects(shape, SH.targetClass):
        patterns.append(f"?this <{RDF.type}>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{cls}> .")
    for node in shapes.objects(shape, SH.targetNode):
        patterns.append(f"VALUES ?this {{ {node.n3()} }}")
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        patterns.append(f"?this <{prop}> ?targetObject .")
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        patterns.append(f"?targetSubject <{prop}> ?this .")
    for target in shapes.objects(shape, SH.target):
        select = shapes.value(target, SH.select)
        if (target, RDF.type, SH.SPARQLTarget) not in shapes or select is None:
            return None
        patterns.append("{ " + _strip_prologue(str(select)) + " }")
    return patterns


def _strip_prologue(query: str) -> str:
    return re.sub(r"(?im)^\s*PREFIX\s+\S*:\s*<[^>]*>\s*$", "", query).strip()


def split(shapes: rdflib.Graph) -> tuple[rdflib.Graph, list[tuple[SparqlConstraint, list[str]]]]:
    """The shapes without the node shapes' SPARQL constraints, and those constraints with their targets."""
    rest = rdflib.Graph()
    for triple in shapes:
        rest.add(triple)
    taken = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        if shapes.value(shape, SH.path) is not None or shapes.value(constraint, SH.deactivated) == XSD_TRUE:
            continue
        select = shapes.value(constraint, SH.select)
        targets = _targets(shapes, shape)
        if select is None or not targets:
            continue
        prologue = _prefixes(shapes, constraint) + _prefixes(shapes, shape)
        for target in shapes.objects(shape, SH.target):
            prologue += _prefixes(shapes, target)
        messages = tuple(sorted(str(m) for m in shapes.objects(constraint, SH.message))) or tuple(
            sorted(str(m) for m in shapes.objects(shape, SH.message))
        )
        severity = shapes.value(shape, SH.severity)
        entry = SparqlConstraint(
            shape=shape,
            constraint=constraint,
            prefixes=prologue,
            select=_strip_prologue(str(select)),
            messages=messages,
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        )
        taken.append((entry, targets))
        rest.remove((shape, SH.sparql, constraint))
    return rest, taken


def _message(template: str, row: ox.QuerySolution, variables: list[str]) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        value = row[name] if name in variables else None
        if value is None:
            return match.group(0)
        return value.value if isinstance(value, (ox.NamedNode, ox.Literal)) else str(value)

    return re.sub(r"\{[?$](\w+)\}", fill, template)


def evaluate(store: ox.Store, constraint: SparqlConstraint, targets: list[str]) -> list[dict[str, str | None]]:
    """Violations of one constraint: focus, value, path and message for every solution on a target."""
    target_union = " UNION ".join("{ " + t + " }" for t in targets)
    query = f"{constraint.prefixes}SELECT * WHERE {{ {{ {target_union} }} {{ {constraint.select} }} }}"
    result = solutions(store, query)
    variables = [v.value for v in result.variables]
    found = []
    for row in result:
        focus = row["this"]
        if focus is None:
            continue
        value = row["value"] if "value" in variables else None
        path = row["path"] if "path" in variables else None
        template = constraint.messages[0] if constraint.messages else "SPARQL constraint not met"
        found.append(
            {
                "focus": focus.value if not isinstance(focus, ox.BlankNode) else f"_:{focus.value}",
                "value": value.value if isinstance(value, (ox.NamedNode, ox.Literal)) else None,
                "path": path.value if isinstance(path, ox.NamedNode) else None,
                "message": _message(template, row, variables),
            }
        )
    return found
