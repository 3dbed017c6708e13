"""A named query's file run as plain text — no prefixes predeclared, no parameters bound, no
help from mmkg's Python — on pyoxigraph, rdflib and a SPARQL endpoint, and its answers put in
a form in which the engines must agree exactly.

Normalised: a number is its value (rdflib writes ``"25"^^xsd:decimal`` as ``25.0``), an
IRI its text, any other literal its text with its language tag or datatype, and the value of
a ``GROUP_CONCAT`` the sorted list of its items (SPARQL 1.1 leaves their order open; the
queries say their lists are unordered). Rows keep their order when the query has an ORDER BY
(whose keys must then be unique), and are sorted otherwise.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "nonNegativeInteger")}
_LIST = re.compile(r'GROUP_CONCAT\s*\((?:[^()]|\([^()]*\))*?separator\s*=\s*"([^"]*)"\s*\)\s+AS\s+\?(\w+)', re.I | re.S)
ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.I)

Cell = Any
Answer = list[tuple[Cell, ...]]


def lists(sparql: str) -> dict[str, str]:
    """The variables a query fills with GROUP_CONCAT, with their separators."""
    return {variable: separator for separator, variable in _LIST.findall(sparql)}


def cell(kind: str, text: str, tag: str, separator: str | None) -> Cell:
    if kind == "iri":
        return text
    if tag in NUMERIC:
        return ("number", Decimal(text).normalize())
    if tag == XSD + "boolean":  # Virtuoso writes 1 and 0
        return ("boolean", text in ("true", "1"))
    if separator is not None:
        return ("list", tuple(sorted(text.split(separator))), tag)
    return ("literal", text, tag)


def normalise(sparql: str, variables: list[str], rows: list[list[tuple[str, str, str] | None]]) -> Answer:
    separators = lists(sparql)
    answer = [
        tuple(
            None if term is None else cell(*term, separators.get(name))
            for name, term in zip(variables, row, strict=True)
        )
        for row in rows
    ]
    return answer if ORDER_BY.search(sparql) else sorted(answer, key=repr)


def _from_oxigraph(term: Any) -> tuple[str, str, str] | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value, "")
    assert isinstance(term, ox.Literal), term
    return ("literal", term.value, term.language or term.datatype.value)


def _from_rdflib(term: Any) -> tuple[str, str, str] | None:
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ("iri", str(term), "")
    assert isinstance(term, rdflib.Literal), term
    return ("literal", str(term), term.language or str(term.datatype or XSD + "string"))


def _from_json(term: dict[str, str] | None) -> tuple[str, str, str] | None:
    if term is None:
        return None
    if term["type"] == "uri":
        return ("iri", term["value"], "")
    return ("literal", term["value"], term.get("xml:lang") or term.get("datatype") or XSD + "string")


def on_pyoxigraph(store: ox.Store, sparql: str) -> Answer:
    result = store.query(sparql)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return normalise(sparql, names, [[_from_oxigraph(s[n]) for n in names] for s in result])


def on_rdflib(graph: rdflib.Graph, sparql: str) -> Answer:
    result = graph.query(sparql)
    names = [str(v) for v in result.vars or []]
    return normalise(sparql, names, [[_from_rdflib(row[n]) for n in names] for row in result])  # type: ignore[index]


def on_endpoint(url: str, sparql: str, *, default_graph: str) -> Answer:
    """The query's text as it stands, POSTed to a SPARQL endpoint (loopback only in tests)."""
    fields = urllib.parse.urlencode({"query": sparql, "default-graph-uri": default_graph}).encode()
    request = urllib.request.Request(url, data=fields, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=300) as response:
        body = json.load(response)
    names = body["head"]["vars"]
    return normalise(sparql, names, [[_from_json(b.get(n)) for n in names] for b in body["results"]["bindings"]])


def release_store(release: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(release / "mmkg.nt"), format=ox.RdfFormat.N_TRIPLES)
    return store
