"""What a resource's HTML page shows, gathered in a worker: its facts, the links to it, its labels.

Runs in a worker process like :mod:`mmkg.server.evaluation` (whose store it reads) and
returns plain data, which the server renders; blank nodes (OWL class expressions) are
written out in Manchester syntax.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from ..docs.ontology import expression
from ..prefixes import compact
from .evaluation import current_store

INCOMING = 200


def _value(
    store: ox.Store, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, labels: dict[str, str]
) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"iri": term.value, "curie": compact(term.value), "label": labels.get(term.value, "")}
    if isinstance(term, ox.BlankNode):
        return {"text": expression(store, term), "code": True}
    if isinstance(term, ox.Literal):
        datatype = compact(term.datatype.value) if term.language is None else f"@{term.language}"
        return {"text": term.value, "datatype": datatype}
    return {"text": str(term)}


def resource_view(iri: str) -> dict[str, Any] | None:
    """The page data of ``iri``, or None when no triple mentions it."""
    store = current_store().store
    node = ox.NamedNode(iri)
    outgoing = list(store.quads_for_pattern(node, None, None))
    incoming = list(store.quads_for_pattern(None, None, node))
    if not outgoing and not incoming:
        return None
    mentioned = {q.predicate.value for q in outgoing + incoming}
    mentioned |= {q.object.value for q in outgoing if isinstance(q.object, ox.NamedNode)}
    mentioned |= {q.subject.value for q in incoming[:INCOMING] if isinstance(q.subject, ox.NamedNode)}
    mentioned.add(iri)
    labels = _labels(store, mentioned)
    facts = sorted(
        ({"predicate": _value(store, q.predicate, labels), "value": _value(store, q.object, labels)} for q in outgoing),
        key=lambda f: (f["predicate"]["curie"] != "rdf:type", f["predicate"]["curie"], str(f["value"])),
    )
    links = sorted(
        (
            {"subject": _value(store, q.subject, labels), "predicate": _value(store, q.predicate, labels)}
            for q in incoming
        ),
        key=lambda f: (f["predicate"]["curie"], str(f["subject"])),
    )
    return {
        "iri": iri,
        "curie": compact(iri),
        "label": labels.get(iri, compact(iri)),
        "types": [f["value"] for f in facts if f["predicate"]["curie"] == "rdf:type"],
        "facts": facts,
        "links": links[:INCOMING],
        "more_links": max(0, len(links) - INCOMING),
    }


def _labels(store: ox.Store, iris: set[str]) -> dict[str, str]:
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    found: dict[str, str] = {}
    for iri in iris:
        values = sorted(
            q.object.value
            for q in store.quads_for_pattern(ox.NamedNode(iri), label, None)
            if isinstance(q.object, ox.Literal)
        )
        if values:
            found[iri] = values[0]
    return found


__all__ = ["resource_view"]
