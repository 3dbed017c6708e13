"""The model as the graph states it: classes, properties, defined classes, read with SPARQL.

The release holds the reasoner's full closure, so a class's direct superclasses are those
of its named superclasses that no other one lies under. Class expressions (the
definitions of defined classes) are written in the Manchester syntax of OWL
(``mmkg:Drug and (mmkg:hasTarget value target:BCMA)``).

>>> from mmkg.store import Store
>>> model = read_model(Store.from_release())
>>> drug = model.classes["https://w3id.org/mmkg/ontology/BCMABispecific"]
>>> drug.label, [compact(s) for s in drug.superclasses]
('BCMA bispecific T-cell engager', ['mmkg:BCMATargetedTCellRedirectingTherapy', 'mmkg:BispecificTCellEngager'])
>>> drug.definitions[0]
'mmkg:Drug and (mmkg:hasTarget value target:BCMA) and (mmkg:hasModality value modality:bispecific-t-cell-engager)'
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..prefixes import compact
from ..store import Store

OWL = "http://www.w3.org/2002/07/owl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
ONTOLOGY = "https://w3id.org/mmkg/ontology/"
Node = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
PROPERTY_KINDS = {
    OWL + "ObjectProperty": "object property",
    OWL + "DatatypeProperty": "datatype property",
    OWL + "AnnotationProperty": "annotation property",
}


@dataclass
class Term:
    """A class or a property of the model, with what the ontology says of it."""

    iri: str
    label: str
    definition: str = ""
    kind: str = "class"
    superclasses: list[str] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)  # Manchester syntax of owl:equivalentClass
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    alt_labels: list[str] = field(default_factory=list)
    uses: int = 0  # members of a class, triples using a property

    @property
    def curie(self) -> str:
        return compact(self.iri)


@dataclass
class Model:
    """The ontology's metadata and its classes and properties, by IRI."""

    title: str
    description: str
    version: str
    licence: str
    classes: dict[str, Term]
    properties: dict[str, Term]

    @property
    def defined_classes(self) -> list[Term]:
        return [c for c in self.classes.values() if c.definitions]

    def term(self, iri: str) -> Term | None:
        return self.classes.get(iri) or self.properties.get(iri)


def _one(store: Store, sparql: str, **bindings: object) -> str:
    rows = store.select(sparql, **bindings)
    return str(rows[0]["v"]) if rows else ""


def read_model(store: Store) -> Model:
    """Read the model of mmkg's own namespace from a store of the release."""
    ontology = (
        '?o a owl:Ontology FILTER(STRSTARTS(STR(?o), "https://w3id.org/mmkg/"))'  # its IRI moves, not its namespace
    )
    meta = {
        name: _one(store, f"SELECT ?v WHERE {{ {ontology} . ?o {predicate} ?v }} ORDER BY ?v LIMIT 1")
        for name, predicate in (
            ("title", "dcterms:title"),
            ("description", "dcterms:description"),
            ("version", "owl:versionInfo"),
            ("licence", "dcterms:license"),
        )
    }
    classes = _terms(store, "?t a owl:Class", "class")
    properties: dict[str, Term] = {}
    for kind_iri, kind in PROPERTY_KINDS.items():
        properties.update(_terms(store, f"?t a <{kind_iri}>", kind))
    _superclasses(store, classes)
    for row in store.select("SELECT ?c ?e WHERE { ?c owl:equivalentClass ?e FILTER(isBlank(?e)) }"):
        if row["c"] in classes:
            classes[row["c"]].definitions.append(expression(store.store, _node(row["e"])))
    for predicate, attribute in (("rdfs:domain", "domain"), ("rdfs:range", "range")):
        for row in store.select(f"SELECT ?p ?v WHERE {{ ?p {predicate} ?v }} ORDER BY ?v"):
            if row["p"] in properties:
                value = row["v"]
                text = expression(store.store, _node(value)) if value.startswith("_:") else value
                getattr(properties[row["p"]], attribute).append(text)
    for row in store.select("SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c"):
        if row["c"] in classes:
            classes[row["c"]].uses = row["n"]
    for row in store.select("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"):
        if row["p"] in properties:
            properties[row["p"]].uses = row["n"]
    return Model(classes=classes, properties=properties, **meta)


def _node(value: str) -> ox.BlankNode:
    return ox.BlankNode(value[2:])


def _terms(store: Store, pattern: str, kind: str) -> dict[str, Term]:
    rows = store.select(
        f"""SELECT ?t (SAMPLE(?l) AS ?label) (SAMPLE(?d) AS ?definition)
                   (GROUP_CONCAT(DISTINCT ?alt; separator="|") AS ?alts)
            WHERE {{
              {pattern} . FILTER(STRSTARTS(STR(?t), "{ONTOLOGY}"))
              OPTIONAL {{ ?t rdfs:label ?l }}
              OPTIONAL {{ ?t skos:definition|rdfs:comment ?d }}
              OPTIONAL {{ ?t skos:altLabel ?alt }}
            }} GROUP BY ?t ORDER BY ?t"""
    )
    return {
        row["t"]: Term(
            iri=row["t"],
            label=str(row.get("label") or compact(row["t"])),
            definition=str(row.get("definition") or ""),
            kind=kind,
            alt_labels=sorted(a for a in str(row.get("alts") or "").split("|") if a),
        )
        for row in rows
    }


def _superclasses(store: Store, classes: dict[str, Term]) -> None:
    above: dict[str, set[str]] = defaultdict(set)
    for row in store.select("SELECT ?c ?s WHERE { ?c rdfs:subClassOf ?s FILTER(isIRI(?s) && ?c != ?s) }"):
        if row["s"] != OWL + "Thing":
            above[row["c"]].add(row["s"])
    for iri, term in classes.items():
        ancestors = above.get(iri, set())
        term.superclasses = sorted(s for s in ancestors if not any(s in above.get(t, set()) for t in ancestors - {s}))


def expression(store: ox.Store, node: Node) -> str:
    """An OWL class expression in Manchester syntax, with CURIEs for names."""
    if isinstance(node, ox.NamedNode):
        return compact(node.value)
    if isinstance(node, ox.Literal):
        return f'"{node.value}"'
    if isinstance(node, ox.Triple):
        return str(node)
    facts = {t.predicate.value: t.object for t in store.quads_for_pattern(node, None, None)}
    for key, word in ((OWL + "intersectionOf", " and "), (OWL + "unionOf", " or ")):
        if key in facts:
            return word.join(_parenthesised(store, member) for member in _list(store, facts[key]))
    if OWL + "oneOf" in facts:
        return "{" + ", ".join(expression(store, m) for m in _list(store, facts[OWL + "oneOf"])) + "}"
    if OWL + "complementOf" in facts:
        return "not " + _parenthesised(store, facts[OWL + "complementOf"])
    if OWL + "onProperty" in facts:
        prop = expression(store, facts[OWL + "onProperty"])
        for key, word in (
            (OWL + "someValuesFrom", "some"),
            (OWL + "allValuesFrom", "only"),
            (OWL + "hasValue", "value"),
        ):
            if key in facts:
                return f"{prop} {word} {_parenthesised(store, facts[key])}"
    return "[" + ", ".join(f"{compact(p)} {expression(store, o)}" for p, o in sorted(facts.items())) + "]"


def _parenthesised(store: ox.Store, node: Node) -> str:
    text = expression(store, node)
    return f"({text})" if isinstance(node, ox.BlankNode) and " " in text else text


def _list(store: ox.Store, head: Node) -> list[Node]:
    items: list[Node] = []
    while isinstance(head, ox.BlankNode):
        facts = {t.predicate.value: t.object for t in store.quads_for_pattern(head, None, None)}
        if RDF + "first" not in facts:
            break
        items.append(facts[RDF + "first"])
        head = facts.get(RDF + "rest", ox.NamedNode(RDF + "nil"))
    return items


__all__ = ["Model", "Term", "expression", "read_model"]
