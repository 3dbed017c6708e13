"""The knowledge graph at query time: an embedded pyoxigraph store over the built release.

Loading reads the release's N-Triples (no Turtle parsing, no reasoning, no Java).

>>> import mmkg
>>> kg = mmkg.load()
>>> kg.query("ASK { drug:teclistamab a mmkg:BCMABispecific }")
True
>>> [row["label"] for row in kg.query(
...     "SELECT ?label WHERE { ?d mmkg:hasTarget ?t ; rdfs:label ?label } ORDER BY ?label",
...     t="target:GPRC5D")]
['JNJ-5322', 'arlocabtagene autoleucel', 'talquetamab']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from . import resources
from .errors import InputError
from .prefixes import expand, prefix_map

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "byte", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOAT_TYPES = {XSD + t for t in ("decimal", "double", "float")}

Row = dict[str, Any]
Term = ox.NamedNode | ox.BlankNode | ox.Literal


def python_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Any:
    """IRIs as strings; literals as int, float, bool or date where their datatype says so."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype in _FLOAT_TYPES:
                return float(term.value)
            if datatype == XSD + "boolean":
                return term.value in ("true", "1")
            if datatype == XSD + "date":
                return dt.date.fromisoformat(term.value)
        except ValueError:
            return term.value
        return term.value
    return str(term)


def to_term(value: Any) -> Term:
    """A Python value as an RDF term: IRIs and known CURIEs become IRIs, the rest literals."""
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, (float, Decimal)):
        return ox.Literal(str(Decimal(str(value))), datatype=ox.NamedNode(XSD + "decimal"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if isinstance(value, str):
        if re.match(r"^https?://\S+$", value):
            return ox.NamedNode(value)
        iri = expand(value)
        if iri is not None:
            return ox.NamedNode(iri)
        return ox.Literal(value)
    raise InputError(f"cannot use {value!r} as a query binding")


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_BODY = re.compile(r"\b(?:SELECT|ASK|CONSTRUCT|DESCRIBE)\b[^{]*\{", re.IGNORECASE | re.DOTALL)


def bind_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables by a VALUES block at the start of the outermost WHERE group.

    A bound variable must therefore be used at the top level of the query's WHERE
    clause (not only inside a sub-select), which is where named queries use them.
    """
    if not bindings:
        return sparql
    match = _WHERE.search(sparql) or _BODY.search(sparql)
    if match is None:
        raise InputError("cannot bind parameters: the query has no WHERE clause")
    names = sorted(bindings)
    row = " ".join(str(bindings[name]) for name in names)
    values = " VALUES (" + " ".join(f"?{name}" for name in names) + f") {{ ({row}) }} "
    return sparql[: match.end()] + values + sparql[match.end() :]


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class KnowledgeGraph:
    """mmkg's graph in an embedded pyoxigraph store, with SPARQL and name resolution."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    @classmethod
    def from_release(cls, release: Path | None = None) -> KnowledgeGraph:
        path = (release or resources.release_dir()) / "mmkg.nt"
        if not path.is_file():
            raise InputError(f"no built release at {path}: run `mmkg build` first")
        store = ox.Store()
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        return cls(store)

    def __len__(self) -> int:
        return len(self.store)

    def raw_query(self, sparql: str, **bindings: Any) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run SPARQL with every project prefix predeclared; raise InputError on bad SPARQL."""
        terms = {name: to_term(value) for name, value in bindings.items()}
        text = bind_values(sparql, terms)
        prefixes = prefix_map()
        try:
            return self.store.query(text, prefixes=prefixes)
        except SyntaxError as error:
            raise InputError(f"invalid SPARQL: {first_line(error)}") from None
        except (OSError, RuntimeError, ValueError) as error:
            raise InputError(f"query failed: {first_line(error)}") from None

    def answer(self, sparql: str, **bindings: Any) -> tuple[list[str], list[Row]] | bool:
        """SELECT → (variables in query order, rows); ASK → bool; CONSTRUCT → (s, p, o) rows."""
        result = self.raw_query(sparql, **bindings)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QueryTriples):
            rows = [{"subject": python_value(t.subject), "predicate": python_value(t.predicate), "object": python_value(t.object)} for t in result]
            return ["subject", "predicate", "object"], rows
        variables = [v.value for v in result.variables]
        rows = []
        for solution in result:
            row = {}
            for name in variables:
                value = solution[name]
                if value is not None:
                    row[name] = python_value(value)
            rows.append(row)
        return variables, rows

    def query(self, sparql: str, **bindings: Any) -> list[Row] | bool:
        """SELECT → rows (dicts; unbound variables absent); ASK → bool; CONSTRUCT → triple rows.

        ``bindings`` bind query variables: IRIs, CURIEs, numbers, dates, booleans or
        plain strings (see :func:`to_term`).
        """
        answer = self.answer(sparql, **bindings)
        return answer if isinstance(answer, bool) else answer[1]

    def select(self, sparql: str, **bindings: Any) -> list[Row]:
        """Like :meth:`query`, for SELECT queries only."""
        rows = self.query(sparql, **bindings)
        if isinstance(rows, bool):
            raise InputError("expected a SELECT query, got an ASK query")
        return rows

    def label(self, iri: str) -> str:
        """The entity's rdfs:label, or its IRI when it has none."""
        rows = self.select("SELECT ?l WHERE { ?e rdfs:label ?l } ORDER BY ?l LIMIT 1", e=ox.NamedNode(iri))
        return str(rows[0]["l"]) if rows else iri

    @cached_property
    def _resolver(self) -> Any:
        from .resolve import Resolver

        return Resolver(self)

    def resolve(self, name: str, *, kind: str | None = None) -> str:
        """The IRI of the entity called ``name`` (label, abbreviation, CURIE, IRI or identifier).

        ``kind`` (a class IRI or CURIE) restricts the candidates to its members.
        Raises InputError naming close matches when nothing fits.

        >>> import mmkg
        >>> mmkg.load().resolve("Isa-Kd")
        'https://w3id.org/mmkg/regimen/IsaKd'
        """
        return self._resolver.resolve(name, kind=kind)

    def options(self, history: Any, *, region: str, as_of: Any = None) -> Any:
        """Options for a patient in ``region`` on ``as_of`` (default today), with reasons.

        ``history`` is a :class:`mmkg.history.History`, a path to a YAML/JSON/Turtle
        history, or the parsed mapping. Information with its evidence; not medical advice.
        """
        from .history import History, parse_history, read_history
        from .options import options

        if isinstance(history, (str, Path)):
            history = read_history(Path(history), self)
        elif not isinstance(history, History):
            history = parse_history(history, self)
        return options(self, history, region=region, as_of=as_of)

    def to_networkx(self, *, predicates: list[str] | None = None) -> Any:
        """The links between entities as a networkx MultiDiGraph (see :mod:`mmkg.network`)."""
        from .network import to_networkx

        return to_networkx(self, predicates=predicates)

    def run(self, name: str, **params: Any) -> list[Row] | bool:
        """Run the named query ``name`` (see ``mmkg queries``) with ``params`` as strings or values."""
        from .queries import catalogue

        return catalogue().get(name).run(self, params)


def load(release: Path | None = None) -> KnowledgeGraph:
    """Load the built release into an embedded store (the shipped release by default)."""
    return KnowledgeGraph.from_release(release)


__all__ = ["KnowledgeGraph", "bind_values", "load", "python_value", "to_term"]
