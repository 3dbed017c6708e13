"""The same SPARQL on three engines — pyoxigraph, rdflib's own engine, a SPARQL endpoint
(Virtuoso) — and the differences between their answers.

Answers are compared as multisets of solutions (SPARQL leaves the order of equal sort
keys open), with numbers compared by value (``3`` = ``3.0``, whatever the numeric type)
and strings as multisets of their words, because SPARQL 1.1 leaves the order of
GROUP_CONCAT open too (``"a + b"`` = ``"b + a"``). Everything else must be equal: IRIs,
language tags and datatypes, and the words of every string.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox
import rdflib

from mmkg.prefixes import prefix_map, sparql_prologue

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {
    XSD + t
    for t in (
        "integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
        "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
        "unsignedShort", "unsignedByte",
    )
}  # fmt: skip

Solution = tuple[tuple[str, Any], ...]


@dataclass
class Answer:
    """An engine's answer: a boolean, a multiset of solutions, or the error it raised."""

    solutions: Counter[Solution] | None = None
    boolean: bool | None = None
    error: str | None = None

    def describe(self) -> str:
        if self.error is not None:
            return f"error: {self.error}"
        if self.boolean is not None:
            return str(self.boolean).lower()
        assert self.solutions is not None
        return f"{sum(self.solutions.values())} rows"


def value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode",)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in NUMERIC:
            try:
                return ("number", Decimal(term.value).normalize())
            except InvalidOperation:
                return ("literal", term.value, datatype)
        if datatype == XSD + "boolean":
            return ("boolean", term.value in ("true", "1"))
        return ("literal", words(term.value), term.language or datatype)
    return ("triple", str(term))


def words(text: str) -> str:
    """A string as the sorted multiset of its words: GROUP_CONCAT's order is left open by SPARQL 1.1.

    >>> words("ide-cel, cilta-cel")
    'cilta-cel ide-cel'
    >>> words("cilta-cel + ide-cel")
    'cilta-cel ide-cel'
    """
    return " ".join(sorted(word for word in (w.strip(",;|+") for w in text.split()) if word))


def from_rdflib(term: Any) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode()
    assert isinstance(term, rdflib.Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD + "string")))


def _solutions(variables: list[str], rows: list[dict[str, Any]]) -> Counter[Solution]:
    return Counter(
        tuple((name, value(row.get(name))) for name in variables if row.get(name) is not None) for row in rows
    )


def on_pyoxigraph(store: ox.Store, sparql: str) -> Answer:
    try:
        result = store.query(sparql, prefixes=prefix_map())
        if isinstance(result, ox.QueryBoolean):
            return Answer(boolean=bool(result))
        assert isinstance(result, ox.QuerySolutions)
        names = [v.value for v in result.variables]
        return Answer(solutions=_solutions(names, [{n: s[n] for n in names} for s in result]))
    except (SyntaxError, OSError, RuntimeError, ValueError) as error:
        return Answer(error=str(error).splitlines()[0])


def on_rdflib(graph: rdflib.Graph, sparql: str) -> Answer:
    try:
        result = graph.query(sparql, initNs=prefix_map())
        if result.type == "ASK":
            return Answer(boolean=bool(result.askAnswer))
        names = [str(v) for v in result.vars or []]
        rows = [{n: from_rdflib(row[n]) for n in names} for row in result]
        return Answer(solutions=_solutions(names, rows))
    except Exception as error:  # rdflib raises many kinds; each is the engine's answer here
        return Answer(error=f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")


def on_endpoint(url: str, sparql: str, default_graph: str | None = None, timeout: float = 300) -> Answer:
    fields = {"query": sparql_prologue() + sparql}
    if default_graph:
        fields["default-graph-uri"] = default_graph
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        text = error.read().decode("utf-8", errors="replace")
        message = " ".join(text.split("SPARQL query:")[0].split())  # Virtuoso echoes the query after its message
        return Answer(error=f"HTTP {error.code}: {message[:300]}")
    result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    if isinstance(result, ox.QueryBoolean):
        return Answer(boolean=bool(result))
    names = [v.value for v in result.variables]
    return Answer(solutions=_solutions(names, [{n: s[n] for n in names} for s in result]))


def difference(reference: Answer, other: Answer, *, shown: int = 3) -> str | None:
    """How ``other`` differs from ``reference`` (None when they agree)."""
    if reference.error or other.error:
        return None if reference.error == other.error else f"{reference.describe()} / {other.describe()}"
    if reference.boolean is not None or other.boolean is not None:
        return None if reference.boolean == other.boolean else f"{reference.describe()} / {other.describe()}"
    assert reference.solutions is not None and other.solutions is not None
    if reference.solutions == other.solutions:
        return None
    missing = list((reference.solutions - other.solutions).elements())
    extra = list((other.solutions - reference.solutions).elements())
    parts = [f"{reference.describe()} / {other.describe()}"]
    if missing:
        parts.append(f"{len(missing)} missing, e.g. {_show(missing[:shown])}")
    if extra:
        parts.append(f"{len(extra)} extra, e.g. {_show(extra[:shown])}")
    return "; ".join(parts)


def _show(solutions: list[Solution]) -> str:
    def term(v: Any) -> str:
        if v[0] != "literal":
            return str(v[1])
        tag = "" if v[2] == XSD + "string" else f"@{v[2]}" if ":" not in v[2] else f"^^{v[2].replace(XSD, 'xsd:')}"
        return repr(v[1]) + tag

    return " | ".join("{" + ", ".join(f"{k}={term(v)}" for k, v in s) + "}" for s in solutions)
