"""What the graph covers, counted into the build report, so that a gap is visible as a gap.

- trials: how many have a result on a primary endpoint, results on other endpoints only, an
  explicit statement that nothing is published (``mmkg:resultsPublished false``), or none
  of these (named, so a curator sees which);
- products per agency: how many products have at least one regulatory event of each agency;
- sources by kind: every cited source counted under its most specific kind of
  ``mmkg:Reference`` (journal article, label, agency page, news item, …).

>>> import pyoxigraph as ox
>>> coverage(ox.Store())["trials"]["total"]
0
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from ..store import solutions

PREFIXES = """
PREFIX rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs:    <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX mmkg:    <https://w3id.org/mmkg/ontology/>
"""

TRIALS = """
SELECT ?trial ?primary ?other ?unpublished WHERE {
  ?trial rdf:type mmkg:ClinicalTrial .
  BIND (EXISTS { ?trial mmkg:primaryEndpoint ?e . ?r mmkg:ofTrial ?trial ; mmkg:endpoint ?e } AS ?primary)
  BIND (EXISTS { ?r mmkg:ofTrial ?trial } AS ?other)
  BIND (EXISTS { ?trial mmkg:resultsPublished false } AS ?unpublished)
}
ORDER BY ?trial
"""

PRODUCTS_PER_AGENCY = """
SELECT ?agency (COUNT(DISTINCT ?product) AS ?products) WHERE {
  ?event rdf:type mmkg:RegulatoryEvent ; mmkg:agency ?agency ; mmkg:product ?product .
}
GROUP BY ?agency
ORDER BY ?agency
"""

SOURCES_BY_KIND = """
SELECT ?kind (COUNT(DISTINCT ?source) AS ?sources) WHERE {
  { SELECT DISTINCT ?source WHERE { ?fact dcterms:source ?source } }
  ?source rdf:type ?kind .
  ?kind rdfs:subClassOf* mmkg:Reference .
  FILTER NOT EXISTS {
    ?source rdf:type ?narrower .
    ?narrower rdfs:subClassOf+ ?kind .
    FILTER (?narrower != ?kind)
  }
}
GROUP BY ?kind
ORDER BY ?kind
"""


def _local(node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    return node.value.rsplit("/", 1)[-1] if isinstance(node, ox.NamedNode) else str(node)


def _count(node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> int:
    return int(node.value) if isinstance(node, ox.Literal) else 0


def _true(node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> bool:
    return isinstance(node, ox.Literal) and node.value == "true"


def coverage(store: ox.Store) -> dict[str, Any]:
    """The coverage counts of the graph in ``store`` (see the module's docstring)."""
    trials: dict[str, Any] = {
        "total": 0,
        "with_primary_result": 0,
        "with_other_results_only": 0,
        "stated_unpublished": 0,
        "without_results_or_statement": [],
    }
    for row in solutions(store, PREFIXES + TRIALS):
        trials["total"] += 1
        if _true(row["primary"]):
            trials["with_primary_result"] += 1
        elif _true(row["other"]):
            trials["with_other_results_only"] += 1
        elif _true(row["unpublished"]):
            trials["stated_unpublished"] += 1
        else:
            trials["without_results_or_statement"].append(_local(row["trial"]))
    return {
        "trials": trials,
        "products_per_agency": {
            _local(r["agency"]): _count(r["products"]) for r in solutions(store, PREFIXES + PRODUCTS_PER_AGENCY)
        },
        "sources_by_kind": {
            _local(r["kind"]): _count(r["sources"]) for r in solutions(store, PREFIXES + SOURCES_BY_KIND)
        },
    }
