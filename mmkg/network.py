"""networkx views of the graph, for Python users who traverse it.

:func:`to_networkx` gives the *clinical* view by default: drugs, regimens, drug and
regimen classes, targets, modalities, trials, results, regulatory events and
recommendations, linked by what relates them clinically (a regimen's components, a
drug's target, modality and classes, a result's trial and arms, an approval's product
and regimen, a recommendation's classes). Sources and vocabulary links (mappings,
schema axioms) are left out, so a path between two drugs runs through a regimen or a
class, never through a slide deck. ``view="provenance"`` gives the entities and the
references they rest on instead (``dcterms:source``).

Nodes are CURIEs with ``kind``, ``label`` and ``iri`` (results also carry ``endpoint``,
``statistic``, ``estimate``, ``ci_lower`` and ``ci_upper``; regulatory events ``date``
and ``agency``); edges carry ``predicate`` (a CURIE, or a property path such as
``mmkg:forArm/mmkg:armRegimen``) and ``label``. ``predicates=`` keeps only the edges
of those predicates.

Views for the common questions: :func:`shared_targets` (drugs sharing a target),
:func:`shared_components` (regimens sharing components), :func:`lattice` (the class ×
target × modality classification), :func:`sequencing` (what the guidelines prefer over
what, and what approved indications open after what); helpers :func:`neighbours`,
:func:`evidence_path` and :func:`around`; :func:`to_json` and :func:`to_graphml` export.

>>> import mmkg
>>> kg = mmkg.load()
>>> g = to_networkx(kg)
>>> sorted(v for _, v, p in g.out_edges("regimen:IsaKd", keys=True) if p == "mmkg:hasComponent")
['drug:carfilzomib', 'drug:dexamethasone', 'drug:isatuximab']
>>> [step[1] for step in evidence_path(kg, "talquetamab", "lenalidomide")]
['mmkg:hasComponent', 'mmkg:hasComponent']
"""

from __future__ import annotations

import io
import itertools
import json
import weakref
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from .errors import InputError
from .prefixes import compact, expand
from .resolve import resolve
from .store import Store

VIEWS = ("clinical", "provenance")

#: Node kinds of the clinical view and the class whose members have that kind.
NODE_KINDS = (
    ("drug", "mmkg:Drug"),
    ("regimen", "mmkg:Regimen"),
    ("target", "mmkg:MolecularTarget"),
    ("modality", "mmkg:Modality"),
    ("trial", "mmkg:ClinicalTrial"),
    ("result", "mmkg:Result"),
    ("regulatory event", "mmkg:RegulatoryEvent"),
    ("recommendation", "mmkg:Recommendation"),
)

#: The links of the clinical view: properties and property paths between its nodes.
CLINICAL_PREDICATES = (
    "mmkg:hasComponent",
    "mmkg:hasTarget",
    "mmkg:hasModality",
    "rdf:type",
    "rdfs:subClassOf",
    "mmkg:studiesRegimen",
    "mmkg:ofTrial",
    "mmkg:forArm/mmkg:armRegimen",
    "mmkg:versusArm/mmkg:armRegimen",
    "mmkg:product",
    "mmkg:indication/mmkg:indicationRegimen",
    "mmkg:basedOnTrial",
    "mmkg:ends",
    "mmkg:appliesToApproval",
    "mmkg:recommendsRegimen",
    "mmkg:prefers",
    "mmkg:over",
    "mmkg:aboutClass",
)


def _nodes(kg: Store) -> dict[str, dict[str, Any]]:
    """The clinical view's nodes by IRI: members of the node kinds, and the drug and regimen classes."""
    values = " ".join(f"({cls} {json.dumps(kind)})" for kind, cls in NODE_KINDS)
    nodes: dict[str, dict[str, Any]] = {}
    for row in kg.select(
        f"""SELECT ?n ?kind ?label WHERE {{
          {{ VALUES (?class ?kind) {{ {values} }} ?n a ?class }}
          UNION {{ ?n mmkg:classificationAxis ?axis BIND ("class" AS ?kind) }}
          UNION {{ ?n rdfs:subClassOf mmkg:Regimen FILTER (?n != mmkg:Regimen) BIND ("class" AS ?kind) }}
          FILTER (isIRI(?n))
          OPTIONAL {{ ?n rdfs:label ?label }}
        }}"""
    ):
        node = nodes.setdefault(row["n"], {"kind": row["kind"], "iri": row["n"], "label": compact(row["n"])})
        if "label" in row:
            node["label"] = str(row["label"])
    return nodes


def _details(kg: Store, nodes: dict[str, dict[str, Any]]) -> None:
    """What a result reports and when and where a regulatory event happened, as node attributes."""
    for row in kg.select(
        """SELECT ?n ?endpoint ?statistic ?estimate ?lower ?upper WHERE {
          ?n a mmkg:Result ; mmkg:endpoint/rdfs:label ?endpoint ; mmkg:statistic/rdfs:label ?statistic .
          OPTIONAL { ?n mmkg:estimate ?estimate } OPTIONAL { ?n mmkg:ciLower ?lower } OPTIONAL { ?n mmkg:ciUpper ?upper }
        }"""
    ):
        node = nodes.get(row["n"])
        if node is not None:
            node.update({"endpoint": str(row["endpoint"]), "statistic": str(row["statistic"])})
            node.update(
                {
                    k: row[v]
                    for k, v in (("estimate", "estimate"), ("ci_lower", "lower"), ("ci_upper", "upper"))
                    if v in row
                }
            )
    for row in kg.select(
        "SELECT ?n ?date ?agency WHERE { ?n a mmkg:RegulatoryEvent ; mmkg:eventDate ?date ; mmkg:agency/rdfs:label ?agency }"
    ):
        node = nodes.get(row["n"])
        if node is not None:
            node.update({"date": str(row["date"]), "agency": str(row["agency"])})


def _labels(kg: Store, predicates: Iterable[str]) -> dict[str, str]:
    """Each predicate's label: its properties' rdfs:labels joined by " / ", or its CURIE."""
    steps = {step for p in predicates for step in p.split("/")}
    values = " ".join(f"<{expand(s)}>" for s in steps)
    found = {
        compact(r["p"]): str(r["l"])
        for r in kg.select(f"SELECT ?p ?l WHERE {{ VALUES ?p {{ {values} }} ?p rdfs:label ?l }}")
    }
    return {p: " / ".join(found.get(step, step) for step in p.split("/")) for p in predicates}


def _edges(kg: Store, predicates: Iterable[str]) -> list[tuple[str, str, str]]:
    """(subject IRI, predicate, object IRI) for each of ``predicates`` (CURIEs or paths)."""
    parts = [f"{{ ?s {p} ?o BIND ({json.dumps(p)} AS ?p) }}" for p in predicates]
    rows = kg.select(f"SELECT ?s ?p ?o WHERE {{ {' UNION '.join(parts)} FILTER (isIRI(?s) && isIRI(?o)) }}")
    return [(row["s"], row["p"], row["o"]) for row in rows]


def _wanted(predicates: list[str], allowed: tuple[str, ...]) -> list[str]:
    chosen = []
    for name in predicates:
        if not isinstance(name, str):
            raise InputError(f"a predicate is a CURIE or IRI (text), got {type(name).__name__}: {name!r}")
        iri = name if name.startswith(("http://", "https://")) else expand(name)
        curie = compact(iri) if iri else name
        if curie not in allowed:
            raise InputError(f"unknown predicate {name!r} for this view; its predicates: {', '.join(allowed)}")
        chosen.append(curie)
    return chosen


_CLINICAL: weakref.WeakKeyDictionary[Store, nx.MultiDiGraph[str]] = weakref.WeakKeyDictionary()


def to_networkx(kg: Store, *, view: str = "clinical", predicates: list[str] | None = None) -> nx.MultiDiGraph[str]:
    """A directed multigraph of the ``view`` (``"clinical"`` or ``"provenance"``), CURIEs as node ids.

    ``predicates`` (CURIEs, IRIs or the paths of :data:`CLINICAL_PREDICATES`) keeps only
    those edges. A new graph each call, free to change.
    """
    if view not in VIEWS:
        raise InputError(f"view must be one of {', '.join(VIEWS)}, got {view!r}")
    if view == "provenance":
        return _provenance(kg)
    if predicates is None:
        if kg not in _CLINICAL:
            _CLINICAL[kg] = _clinical(kg, list(CLINICAL_PREDICATES))
        return _CLINICAL[kg].copy()
    return _clinical(kg, _wanted(predicates, CLINICAL_PREDICATES))


def _clinical(kg: Store, predicates: list[str]) -> nx.MultiDiGraph[str]:
    nodes = _nodes(kg)
    _details(kg, nodes)
    labels = _labels(kg, predicates)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for iri, data in nodes.items():
        graph.add_node(compact(iri), **data)
    for s, p, o in _edges(kg, predicates):
        if s in nodes and o in nodes and s != o and (p != "rdf:type" or nodes[o]["kind"] == "class"):
            graph.add_edge(compact(s), compact(o), key=p, predicate=p, label=labels[p])
    return graph


def _provenance(kg: Store) -> nx.MultiDiGraph[str]:
    """Entities and the references they rest on (``dcterms:source``)."""
    clinical = _nodes(kg)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    rows = kg.select(
        """SELECT ?s ?src ?label ?kind WHERE {
          ?s dcterms:source ?src FILTER (isIRI(?s) && isIRI(?src))
          OPTIONAL { ?src rdfs:label ?label }
          OPTIONAL { ?src a ?k . ?k rdfs:subClassOf mmkg:Reference ; rdfs:label ?kind FILTER (?k != mmkg:Reference) }
        }"""
    )
    for row in rows:
        subject, source = compact(row["s"]), compact(row["src"])
        if subject not in graph:
            data = clinical.get(row["s"]) or {
                "kind": subject.split(":", 1)[0],
                "iri": row["s"],
                "label": kg.label(row["s"]),
            }
            graph.add_node(subject, **data)
        if source not in graph:
            graph.add_node(source, kind="reference", iri=row["src"], label=str(row.get("label", source)))
        if "kind" in row:
            graph.nodes[source]["reference_kind"] = str(row["kind"])
        graph.add_edge(subject, source, key="dcterms:source", predicate="dcterms:source", label="source")
    return graph


# --- views for the common questions ----------------------------------------------------


def shared_targets(kg: Store) -> nx.Graph[str]:
    """Drugs linked when they act on a common target; each edge lists the ``targets``.

    >>> import mmkg
    >>> sorted(shared_targets(mmkg.load()).edges["drug:teclistamab", "drug:talquetamab"]["targets"])
    ['CD3']
    """
    return _sharing(kg, "mmkg:Drug", "mmkg:hasTarget", "targets")


def shared_components(kg: Store) -> nx.Graph[str]:
    """Regimens linked when they have components in common; each edge lists the ``components``.

    >>> import mmkg
    >>> sorted(shared_components(mmkg.load()).edges["regimen:IsaKd", "regimen:DKd"]["components"])
    ['carfilzomib', 'dexamethasone']
    """
    return _sharing(kg, "mmkg:Regimen", "mmkg:hasComponent", "components")


def _sharing(kg: Store, cls: str, predicate: str, attribute: str) -> nx.Graph[str]:
    graph: nx.Graph[str] = nx.Graph()
    held: dict[str, set[str]] = defaultdict(set)
    for row in kg.select(
        f"SELECT ?e ?label ?shared ?sharedLabel WHERE {{ ?e a {cls} ; rdfs:label ?label ; {predicate} ?shared . ?shared rdfs:label ?sharedLabel }}"
    ):
        node = compact(row["e"])
        graph.add_node(node, label=str(row["label"]), iri=row["e"])
        held[str(row["sharedLabel"])].add(node)
    for shared, members in sorted(held.items()):
        ordered = sorted(members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if graph.has_edge(a, b):
                    graph.edges[a, b][attribute].append(shared)
                else:
                    graph.add_edge(a, b, **{attribute: [shared]})
    for _, _, data in graph.edges(data=True):
        data["label"] = ", ".join(data[attribute])
    return graph


def lattice(kg: Store) -> nx.DiGraph[str]:
    """The drug classification lattice: drugs, their classes, targets and modalities.

    The classes by axis (pharmacological class, target, modality, target and modality),
    each drug under its most specific classes, the classes ordered by subsumption
    (transitive reduction), each drug's targets and modality, and what each class is
    defined by (its ``owl:equivalentClass`` restrictions on target and modality).

    Nodes have ``kind`` (``class``, ``drug``, ``target``, ``modality``), ``label`` and,
    for classes, ``axis``; edges have ``predicate`` (``rdfs:subClassOf``, ``rdf:type``,
    ``mmkg:hasTarget``, ``mmkg:hasModality``); a class's definition edges also have
    ``definition`` (``value``: exactly that target or modality; ``some``: one of that class).

    >>> import mmkg
    >>> sorted(lattice(mmkg.load()).successors("drug:belantamab-mafodotin"))  # doctest: +NORMALIZE_WHITESPACE
    ['mmkg:BCMATargetedADC', 'modality:antibody-drug-conjugate', 'target:BCMA']
    """
    order: nx.DiGraph[str] = nx.DiGraph()
    labels: dict[str, dict[str, Any]] = {}
    for row in kg.select("SELECT ?c ?label ?axis WHERE { ?c mmkg:classificationAxis ?axis ; rdfs:label ?label }"):
        labels[compact(row["c"])] = {"kind": "class", "label": str(row["label"]), "axis": str(row["axis"])}
        order.add_node(compact(row["c"]))
    for row in kg.select(
        "SELECT ?a ?b WHERE { ?a rdfs:subClassOf ?b FILTER (?a != ?b) ?a mmkg:classificationAxis ?x . ?b mmkg:classificationAxis ?y }"
    ):
        order.add_edge(compact(row["a"]), compact(row["b"]))
    for row in kg.select(
        "SELECT ?d ?label ?c WHERE { ?d a mmkg:Drug ; rdfs:label ?label ; a ?c . ?c mmkg:classificationAxis ?axis }"
    ):
        drug = compact(row["d"])
        labels[drug] = {"kind": "drug", "label": str(row["label"])}
        order.add_edge(drug, compact(row["c"]))
    graph: nx.DiGraph[str] = nx.transitive_reduction(order) if nx.is_directed_acyclic_graph(order) else order.copy()
    for node, data in labels.items():
        graph.add_node(node, **data)
    for u, v in graph.edges():
        graph.edges[u, v]["predicate"] = "rdf:type" if labels[u]["kind"] == "drug" else "rdfs:subClassOf"
    for row in kg.select(
        """SELECT ?d ?p ?o ?label WHERE { VALUES ?p { mmkg:hasTarget mmkg:hasModality }
             ?d a mmkg:Drug ; ?p ?o . ?o rdfs:label ?label }"""
    ):
        kind = "target" if row["p"].endswith("hasTarget") else "modality"
        graph.add_node(compact(row["o"]), kind=kind, label=str(row["label"]))
        graph.add_edge(compact(row["d"]), compact(row["o"]), predicate=compact(row["p"]))
    for row in kg.select(
        """SELECT ?c ?p ?how ?v ?label WHERE {
          ?c mmkg:classificationAxis ?axis ; owl:equivalentClass ?definition .
          ?definition owl:intersectionOf ?conditions . ?conditions rdf:rest*/rdf:first ?restriction .
          ?restriction owl:onProperty ?p .
          { ?restriction owl:hasValue ?v BIND ("value" AS ?how) } UNION { ?restriction owl:someValuesFrom ?v BIND ("some" AS ?how) }
          ?v rdfs:label ?label }"""
    ):
        value = compact(row["v"])
        if value not in graph:
            kind = "target" if row["p"].endswith("hasTarget") else "modality"
            graph.add_node(value, kind=kind if row["how"] == "value" else "class", label=str(row["label"]))
        graph.add_edge(compact(row["c"]), value, predicate=compact(row["p"]), definition=row["how"])
    return graph


def sequencing(kg: Store) -> nx.MultiDiGraph[str]:
    """What comes before what: the guidelines' preferences and what approved indications open after.

    An edge ``A → B`` with predicate ``mmkg:prefers`` says a sequencing recommendation
    prefers A over B (``recommendation``, ``text``, ``guideline``); an edge ``A → P`` with
    predicate ``mmkg:requiresPriorExposureTo`` or ``mmkg:requiresRefractorinessTo`` says
    an indication of product P, approved by ``agency`` (``approval``), admits patients
    exposed or refractory to A (a drug or class): P is open after A.

    >>> import mmkg
    >>> g = sequencing(mmkg.load())
    >>> g.has_edge("mmkg:BCMADirectedCART", "mmkg:BCMABispecific")
    True
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for row in kg.select(
        """SELECT ?rec ?a ?b ?text ?guideline WHERE {
          ?rec a mmkg:SequencingRecommendation ; mmkg:prefers ?a ; mmkg:over ?b ; mmkg:recommendationText ?text .
          OPTIONAL { ?rec mmkg:inGuideline/rdfs:label ?guideline } }"""
    ):
        graph.add_edge(
            compact(row["a"]),
            compact(row["b"]),
            key=compact(row["rec"]),
            predicate="mmkg:prefers",
            recommendation=compact(row["rec"]),
            text=str(row["text"]),
            guideline=str(row.get("guideline", "")),
        )
    for row in kg.select(
        """SELECT ?after ?p ?product ?approval ?agency WHERE {
          VALUES ?p { mmkg:requiresPriorExposureTo mmkg:requiresRefractorinessTo }
          ?approval a mmkg:Approval ; mmkg:product ?product ; mmkg:indication ?indication ; mmkg:agency/rdfs:label ?agency .
          ?indication ?p ?after }"""
    ):
        graph.add_edge(
            compact(row["after"]),
            compact(row["product"]),
            key=compact(row["approval"]),
            predicate=compact(row["p"]),
            approval=compact(row["approval"]),
            agency=str(row["agency"]),
        )
    for node in graph.nodes:
        graph.nodes[node].update(label=kg.label(expand(node) or node), iri=expand(node) or node)
    return graph


# --- helpers ---------------------------------------------------------------------------


def _node(kg: Store, graph: nx.Graph[str], entity: str) -> str:
    node = compact(resolve(kg, entity))
    if node not in graph:
        raise InputError(f"{entity!r} ({node}) is not a node of this view")
    return node


def neighbours(
    kg: Store, entity: str, *, predicate: str | None = None, graph: nx.MultiDiGraph[str] | None = None
) -> list[dict[str, str]]:
    """The nodes linked to ``entity`` (any name), by ``predicate`` if given, in the clinical view by default.

    Each neighbour as ``{"node", "label", "predicate", "direction"}`` (``out`` when the
    entity is the subject of the link).

    >>> import mmkg
    >>> [n["label"] for n in neighbours(mmkg.load(), "Tecvayli", predicate="mmkg:hasTarget")]
    ['BCMA', 'CD3']
    """
    g = graph if graph is not None else to_networkx(kg)
    node = _node(kg, g, entity)
    wanted = None if predicate is None else compact(expand(predicate) or predicate)
    found = [(v, p, "out") for _, v, p in g.out_edges(node, keys=True)] + [
        (u, p, "in") for u, _, p in g.in_edges(node, keys=True)
    ]
    return [
        {"node": other, "label": str(g.nodes[other].get("label", other)), "predicate": p, "direction": d}
        for other, p, d in sorted(found)
        if wanted is None or p == wanted
    ]


def evidence_path(
    kg: Store, source: str, target: str, *, graph: nx.MultiDiGraph[str] | None = None
) -> list[tuple[str, str, str]]:
    """The shortest chain of links between two entities (any names), ignoring direction.

    Each step as the link is stated, ``(subject, predicate, object)``. In the clinical view
    (the default) the chain runs through regimens, classes, trials, results and approvals,
    never through a source. Raises InputError when no chain joins them.
    """
    g = graph if graph is not None else to_networkx(kg)
    a, b = _node(kg, g, source), _node(kg, g, target)
    try:
        nodes = nx.shortest_path(g.to_undirected(as_view=True), a, b)
    except nx.NetworkXNoPath:
        raise InputError(f"no chain of links joins {source!r} and {target!r} in this view") from None
    steps = []
    for u, v in itertools.pairwise(nodes):
        if g.has_edge(u, v):
            steps.append((u, min(g[u][v]), v))
        else:
            steps.append((v, min(g[v][u]), u))
    return steps


def around(kg: Store, entity: str, *, radius: int = 1, graph: nx.Graph[str] | None = None) -> nx.Graph[str]:
    """The subgraph within ``radius`` links of ``entity`` (any name), in either direction.

    >>> import mmkg
    >>> "drug:teclistamab" in around(mmkg.load(), "Tec-Dara")
    True
    """
    g = graph if graph is not None else to_networkx(kg)
    node = _node(kg, g, entity)
    nearby = nx.ego_graph(g, node, radius=radius, undirected=True)
    return g.subgraph(nearby.nodes).copy()


# --- export ----------------------------------------------------------------------------


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in sorted(value, key=str))
    return value


def to_graphml(graph: nx.Graph[str]) -> bytes:
    """GraphML bytes; list attributes joined with "; " (GraphML holds scalars only)."""
    flat = graph.copy()
    for _, data in flat.nodes(data=True):
        data.update({k: _flat(v) for k, v in data.items()})
    for *_, data in flat.edges(data=True):
        data.update({k: _flat(v) for k, v in data.items()})
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer)
    return buffer.getvalue()


def to_json(graph: nx.Graph[str]) -> str:
    """node-link JSON (``nodes`` and ``edges``), as networkx reads it back with ``node_link_graph``."""
    return json.dumps(nx.node_link_data(graph, edges="edges"), indent=1, ensure_ascii=False, default=_flat) + "\n"


__all__ = [
    "CLINICAL_PREDICATES",
    "NODE_KINDS",
    "VIEWS",
    "around",
    "evidence_path",
    "lattice",
    "neighbours",
    "sequencing",
    "shared_components",
    "shared_targets",
    "to_graphml",
    "to_json",
    "to_networkx",
]
