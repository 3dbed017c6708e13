"""The embedded SPARQL store over the built release: queries, bindings and typed rows.

This is the lowest layer of the answering side: it knows pyoxigraph and mmkg's
prefixes, nothing about named queries, names or patients (those live in the
modules above it, and :class:`mmkg.graph.KnowledgeGraph` brings them together).
Loading reads the release's N-Triples (no Turtle parsing, no reasoning, no Java).

>>> store = Store.from_release()
>>> store.query("ASK { drug:teclistamab a mmkg:BCMABispecific }")
True
>>> [row["label"] for row in store.select(
...     "SELECT ?label WHERE { ?d mmkg:hasTarget ?t ; rdfs:label ?label } ORDER BY ?label",
...     t="target:GPRC5D")]
['JNJ-5322', 'arlocabtagene autoleucel', 'talquetamab']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Self

import pyoxigraph as ox

from . import resources
from .errors import InputError
from .prefixes import prefix_map
from .terms import Term, python_value, to_term

Row = dict[str, Any]

_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_BODY = re.compile(r"\b(?:SELECT|ASK|CONSTRUCT|DESCRIBE)\b[^{]*\{", re.IGNORECASE | re.DOTALL)


def bind_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables by a VALUES block at the start of the outermost WHERE group.

    A bound variable must therefore be used at the top level of the query's WHERE
    clause (not only inside a sub-select), which is where named queries use them.
    Variable names are checked, and values are written as terms, never as text.
    """
    if not bindings:
        return sparql
    for name in bindings:
        if not _VARIABLE.match(name):
            raise InputError(f"not a SPARQL variable name: {name!r}")
    match = _WHERE.search(sparql) or _BODY.search(sparql)
    if match is None:
        raise InputError("cannot bind parameters: the query has no WHERE clause")
    names = sorted(bindings)
    row = " ".join(str(bindings[name]) for name in names)
    values = " VALUES (" + " ".join(f"?{name}" for name in names) + f") {{ ({row}) }} "
    return sparql[: match.end()] + values + sparql[match.end() :]


def solutions(store: ox.Store, sparql: str, **options: Any) -> ox.QuerySolutions:
    """Run a SELECT query on a bare pyoxigraph store (``options`` as for ``Store.query``)."""
    result = store.query(sparql, **options)
    if not isinstance(result, ox.QuerySolutions):
        raise InputError("expected a SELECT query")
    return result


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class Store:
    """mmkg's graph in an embedded pyoxigraph store, queried with every project prefix declared."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    @classmethod
    def from_release(cls, release: Path | None = None) -> Self:
        """Load ``release/mmkg.nt`` (the shipped release by default) into a new store."""
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
        try:
            return self.store.query(text, prefixes=prefix_map())
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
            rows = [
                {
                    "subject": python_value(t.subject),
                    "predicate": python_value(t.predicate),
                    "object": python_value(t.object),
                }
                for t in result
            ]
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
        plain strings (see :func:`mmkg.terms.to_term`).
        """
        answer = self.answer(sparql, **bindings)
        return answer if isinstance(answer, bool) else answer[1]

    def select(self, sparql: str, **bindings: Any) -> list[Row]:
        """Like :meth:`query`, for SELECT queries only."""
        rows = self.query(sparql, **bindings)
        if isinstance(rows, bool):
            raise InputError("expected a SELECT query, got an ASK query")
        return rows

    def ask(self, sparql: str, **bindings: Any) -> bool:
        """Like :meth:`query`, for ASK queries only."""
        answer = self.query(sparql, **bindings)
        if not isinstance(answer, bool):
            raise InputError("expected an ASK query")
        return answer

    def label(self, iri: str) -> str:
        """The entity's rdfs:label, or its IRI when it has none."""
        rows = self.select("SELECT ?l WHERE { ?e rdfs:label ?l } ORDER BY ?l LIMIT 1", e=ox.NamedNode(iri))
        return str(rows[0]["l"]) if rows else iri


__all__ = ["Row", "Store", "bind_values", "first_line", "solutions"]
