"""Named SPARQL queries: ``queries/*.rq`` files with a header, and their parameters.

A header is a run of comment lines at the top of the file::

    # title: Drugs by target and modality
    # description: Products that act on a molecular target, grouped by modality.
    # param: target iri = target:BCMA -- The molecular target (label, CURIE or IRI)
    # example: mmkg query drugs-by-target --param target=GPRC5D

Parameter types: ``iri`` (resolved from a label, abbreviation, CURIE or IRI;
``iri[mmkg:Modality]`` only among members of that class),
``string``, ``integer``, ``decimal``, ``date`` (YYYY-MM-DD, or ``today``) and
``boolean``. A parameter binds the query variable of the same name; one without
a default (or with the default ``none``) is left unbound unless given.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from . import resources
from .errors import InputError
from .resolve import resolve
from .store import Row, Store

PARAMETER_TYPES = ("iri", "string", "integer", "decimal", "date", "boolean")
_HEADER = re.compile(r"^#\s*(title|description|param|example)\s*:\s*(.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)(?:\[(?P<kind>[^\]\s]+)\])?(?:\s*=\s*(?P<default>\S+))?\s*(?:--\s*(?P<description>.*))?$"
)
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None
    description: str
    kind: str | None = None

    def convert(self, value: Any, store: Store) -> ox.NamedNode | ox.Literal:
        """Turn a value given on the command line or from Python into an RDF term."""
        if isinstance(value, (ox.NamedNode, ox.Literal)):
            return value
        text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
        try:
            if self.type == "iri":
                return ox.NamedNode(resolve(store, text, kind=self.kind))
            if self.type == "integer":
                return ox.Literal(str(int(text)), datatype=ox.NamedNode(XSD + "integer"))
            if self.type == "decimal":
                return ox.Literal(str(Decimal(text)), datatype=ox.NamedNode(XSD + "decimal"))
            if self.type == "date":
                day = dt.date.today() if text == "today" else dt.date.fromisoformat(text)
                return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date"))
            if self.type == "boolean":
                if text.lower() not in ("true", "false"):
                    raise ValueError(text)
                return ox.Literal(text.lower(), datatype=ox.NamedNode(XSD + "boolean"))
            return ox.Literal(text)
        except (ValueError, InvalidOperation):
            raise InputError(f"parameter {self.name!r} expects {self.type}, got {text!r}") from None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    examples: tuple[str, ...]
    sparql: str
    path: Path

    def bindings(self, store: Store, params: dict[str, Any]) -> dict[str, ox.NamedNode | ox.Literal]:
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(params) - set(known))
        if unknown:
            expected = ", ".join(known) or "none"
            raise InputError(f"query {self.name!r} has no parameter {unknown[0]!r} (parameters: {expected})")
        bound = {}
        for parameter in self.parameters:
            value = params.get(parameter.name, parameter.default)
            if value is None or value == "none":
                continue
            bound[parameter.name] = parameter.convert(value, store)
        return bound

    def run(self, store: Store, params: dict[str, Any]) -> list[Row] | bool:
        return store.query(self.sparql, **self.bindings(store, params))

    def answer(self, store: Store, params: dict[str, Any]) -> tuple[list[str], list[Row]] | bool:
        return store.answer(self.sparql, **self.bindings(store, params))


def parse_named_query(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": [], "example": []}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if match:
            fields[match.group(1)].append(match.group(2).strip())
        elif fields["description"] and line.strip("# ").strip():
            fields["description"].append(line.lstrip("#").strip())
    parameters = []
    for spec in fields["param"]:
        match = _PARAM.match(spec)
        if not match or match.group("type") not in PARAMETER_TYPES:
            raise InputError(f"{path.name}: malformed parameter line {spec!r}")
        parameters.append(
            Parameter(
                name=match.group("name"),
                type=match.group("type"),
                default=match.group("default"),
                description=(match.group("description") or "").strip(),
                kind=match.group("kind"),
            )
        )
    return NamedQuery(
        name=path.stem,
        title=" ".join(fields["title"]) or path.stem,
        description=" ".join(fields["description"]),
        parameters=tuple(parameters),
        examples=tuple(fields["example"]),
        sparql=text,
        path=path,
    )


class Catalogue:
    """The named queries of a folder, by name."""

    def __init__(self, directory: Path) -> None:
        self.queries = {q.name: q for q in (parse_named_query(p) for p in sorted(directory.glob("*.rq")))}

    def __iter__(self) -> Iterator[NamedQuery]:
        return iter(self.queries.values())

    def get(self, name: str) -> NamedQuery:
        try:
            return self.queries[name]
        except KeyError:
            close = difflib.get_close_matches(name, list(self.queries), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else "; `mmkg queries` lists them"
            raise InputError(f"unknown query {name!r}{hint}") from None


def catalogue(directory: Path | None = None) -> Catalogue:
    """The named queries of ``directory`` (default: the shipped ``queries/``), read once per folder."""
    return _catalogue(directory or resources.queries_dir())


@cache
def _catalogue(directory: Path) -> Catalogue:
    return Catalogue(directory)


def run(store: Store, name: str, params: dict[str, Any] | None = None) -> list[Row] | bool:
    """Run the named query ``name`` with ``params`` (strings or Python values) on ``store``."""
    return catalogue().get(name).run(store, params or {})
