"""networkx views of the graph, for Python users who traverse it.

>>> import mmkg
>>> g = mmkg.load().to_networkx()
>>> g.has_edge("regimen:IsaKd", "drug:isatuximab")
True
>>> sorted(v for _, v, p in g.out_edges("regimen:IsaKd", keys=True) if p == "mmkg:hasComponent")
['drug:carfilzomib', 'drug:dexamethasone', 'drug:isatuximab']
"""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox

from .prefixes import compact
from .resolve import resolve
from .store import Store


def to_networkx(kg: Store, *, predicates: list[str] | None = None) -> nx.MultiDiGraph[str]:
    """A directed multigraph of the links between named entities (CURIEs as node ids).

    Nodes carry ``label`` and ``types``; edges carry ``predicate``. ``predicates``
    (CURIEs or IRIs) restricts the edges; by default every object property between
    two named entities except rdf:type and the schema's own axioms.
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    wanted = " ".join(str(ox.NamedNode(resolve(kg, p))) for p in predicates or [])
    values = (
        f"VALUES ?p {{ {wanted} }}"
        if wanted
        else "FILTER (?p NOT IN (rdf:type, rdfs:subClassOf, owl:equivalentClass, rdfs:domain, rdfs:range, owl:onProperty, owl:someValuesFrom, owl:hasValue, rdf:first, rdf:rest))"
    )
    rows = kg.select(
        f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER (isIRI(?s) && isIRI(?o)) {values} FILTER (STRSTARTS(STR(?s), 'https://w3id.org/mmkg/')) }}"
    )
    for row in rows:
        graph.add_edge(compact(row["s"]), compact(row["o"]), key=compact(row["p"]), predicate=compact(row["p"]))
    for row in kg.select("SELECT ?s ?label WHERE { ?s rdfs:label ?label FILTER isIRI(?s) }"):
        node = compact(row["s"])
        if node in graph:
            graph.nodes[node]["label"] = str(row["label"])
    for row in kg.select("SELECT ?s ?type WHERE { ?s a ?type FILTER (isIRI(?s) && isIRI(?type)) }"):
        node = compact(row["s"])
        if node in graph:
            graph.nodes[node].setdefault("types", set()).add(compact(row["type"]))
    return graph
