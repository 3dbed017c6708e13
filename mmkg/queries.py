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

Values are checked before the query runs: an empty value, a name the graph does not
know, a negative ``integer`` (integer parameters are counts) or a ``string`` outside
the values its description enumerates (``-- US, EU or IT``) is an InputError, as is a
parameter the query does not have. The limit options of :class:`mmkg.store.Limits`
(``timeout``, ``max_rows``, …) may be given with the parameters.
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
from .store import LIMIT_OPTIONS, Answer, Row, Store

PARAMETER_TYPES = ("iri", "string", "integer", "decimal", "date", "boolean")
_HEADER = re.compile(r"^#\s*(title|description|param|example)\s*:\s*(.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)(?:\[(?P<kind>[^\]\s]+)\])?(?:\s*=\s*(?P<default>\S+))?\s*(?:--\s*(?P<description>.*))?$"
)
XSD = "http://www.w3.org/2001/XMLSchema#"
MAX_COUNT = 1000
_CHOICE = re.compile(r'^(?:"(?P<quoted>[^"]+)"|(?P<bare>[\w.+-]+))$')


def enumeration(description: str) -> tuple[str, ...]:
    """The values a description enumerates ("US, EU or IT"; 'axis: "a", "b" or "c"'), or () when it does not.

    >>> enumeration('US, EU or IT')
    ('US', 'EU', 'IT')
    >>> enumeration('Restrict to one axis: "target", "modality" or "target and modality"')
    ('target', 'modality', 'target and modality')
    >>> enumeration('The drug (label, CURIE or IRI)')
    ()
    """
    text = description.rsplit(":", 1)[-1].strip().rstrip(".")
    items = [item.strip() for part in text.split(",") for item in re.split(r"\s+or\s+", part)]
    values = []
    for item in items:
        match = _CHOICE.match(item)
        if match is None:
            return ()
        values.append(match.group("quoted") or match.group("bare"))
    return tuple(values) if len(values) >= 2 else ()


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
        if isinstance(value, bool) and self.type != "boolean":
            raise InputError(f"parameter {self.name!r} expects {self.type}, got {value!r}")
        text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
        if not text:
            raise InputError(f"parameter {self.name!r} is empty (it expects {self.type})")
        try:
            if self.type == "iri":
                return ox.NamedNode(resolve(store, text, kind=self.kind))
            if self.type == "integer":
                if isinstance(value, float) or not re.match(r"^[+-]?\d{1,12}$", text):
                    raise ValueError(text)
                count = int(text)
                if not 0 <= count <= MAX_COUNT:
                    raise InputError(f"parameter {self.name!r} is a count: 0 to {MAX_COUNT}, got {count}")
                return ox.Literal(str(count), datatype=ox.NamedNode(XSD + "integer"))
            if self.type == "decimal":
                number = Decimal(text)
                if not number.is_finite():
                    raise ValueError(text)
                return ox.Literal(str(number), datatype=ox.NamedNode(XSD + "decimal"))
            if self.type == "date":
                day = dt.date.today() if text == "today" else dt.date.fromisoformat(text)
                return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date"))
            if self.type == "boolean":
                if text.lower() not in ("true", "false"):
                    raise ValueError(text)
                return ox.Literal(text.lower(), datatype=ox.NamedNode(XSD + "boolean"))
            choices = enumeration(self.description)
            if choices:
                chosen = [c for c in choices if c.casefold() == text.casefold()]
                if not chosen:
                    listed = ", ".join(repr(c) for c in choices)
                    raise InputError(f"parameter {self.name!r} must be one of {listed}, got {text!r}")
                text = chosen[0]
            return ox.Literal(text)
        except (ValueError, InvalidOperation, OverflowError):
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
        unknown = sorted(set(map(str, params)) - set(known))
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
        answer = self.answer(store, params)
        return answer if isinstance(answer, bool) else answer[1]

    def answer(self, store: Store, params: dict[str, Any]) -> Answer:
        """Run with ``params`` (parameters, and the limit options of :class:`mmkg.store.Limits`)."""
        options: dict[str, Any] = {k: v for k, v in params.items() if k in LIMIT_OPTIONS}
        options.update(self.bindings(store, {k: v for k, v in params.items() if k not in LIMIT_OPTIONS}))
        return store.answer(self.sparql, **options)


MAX_QUERY_BYTES = 1_000_000


def read_query_file(path: Path) -> str:
    """The text of a .rq file: a regular UTF-8 file of at most 1 MB, else one-line InputError."""
    try:
        if not path.is_file():
            raise InputError(f"{path}: not a regular file")
        if path.stat().st_size > MAX_QUERY_BYTES:
            raise InputError(f"{path}: larger than 1 MB; a query is a few kilobytes")
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None


def parse_named_query(path: Path) -> NamedQuery:
    text = read_query_file(path)
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
        if not isinstance(name, str):
            raise InputError(f"a query name is text, got {type(name).__name__}")
        try:
            return self.queries[name]
        except KeyError:
            close = difflib.get_close_matches(name, list(self.queries), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else "; `mmkg queries` lists them"
            raise InputError(f"unknown query {name!r}{hint}") from None


def catalogue(directory: Path | None = None) -> Catalogue:
    """The named queries of ``directory`` (default: the shipped ``queries/``), read once per folder."""
    return _catalogue(directory) if directory is not None else _shipped()


@cache
def _shipped() -> Catalogue:
    # the shipped folder is found once: finding it is a few file-system calls, on every kg.run
    return _catalogue(resources.queries_dir())


@cache
def _catalogue(directory: Path) -> Catalogue:
    return Catalogue(directory)


def run(store: Store, name: str, params: dict[str, Any] | None = None) -> list[Row] | bool:
    """Run the named query ``name`` with ``params`` (strings or Python values) on ``store``."""
    return catalogue().get(name).run(store, params or {})
