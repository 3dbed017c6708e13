"""What a worker process does: hold the release in its own store and answer one request at a time.

These functions run inside the worker processes of :class:`mmkg.server.pool.Pool`, never in
the server's own process: a query that runs too long is stopped by killing its worker, which
no thread could be. Every answer is a picklable :class:`Answer` (status, media type, body), so
that errors — bad SPARQL, a refused SERVICE, a result over the size limit — reach the client
with their status and one readable message.

>>> start(None, Limits())
>>> answer = query("ASK { drug:lenalidomide a mmkg:ImmunomodulatoryDrug }", "application/sparql-results+json")
>>> answer.status, answer.body
(200, b'{"head":{},"boolean":true}')
>>> query("SELECT ?x WHERE { ?x ?y }", "*/*").status
400
"""

from __future__ import annotations

import io
import resource
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..docs.vocabulary import unknown_terms
from ..errors import MmkgError
from ..prefixes import prefix_map
from ..queries import catalogue
from ..store import Store, bind_values
from .federation import calls_service
from .negotiation import GRAPH_FORMATS, RESULT_FORMATS, choose

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Limits:
    """What one query may take: seconds, bytes of result, memory of its worker, outside services."""

    timeout: float = 10.0
    max_result_bytes: int = 32 * 2**20
    max_memory: int | None = 4 * 2**30
    allow_service: bool = False

    @property
    def result_size(self) -> str:
        """The result limit as a person reads it.

        >>> Limits().result_size
        '32 MiB'
        """
        size, units = float(self.max_result_bytes), ["bytes", "KiB", "MiB", "GiB"]
        while size >= 1024 and len(units) > 1:
            size, units = size / 1024, units[1:]
        return f"{size:g} {units[0]}"


@dataclass(frozen=True)
class Answer:
    """An HTTP answer made in a worker: status, media type, body and extra headers."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def error(cls, status: int, message: str) -> Answer:
        return cls(status, TEXT, (message.strip() + "\n").encode())


class _ResultTooLarge(Exception):
    pass


class _Capped(io.BytesIO):
    """A bytes buffer that refuses to grow past ``limit``, so that serialising stops there."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, chunk: ReadableBuffer, /) -> int:
        if self.tell() + memoryview(chunk).nbytes > self.limit:
            raise _ResultTooLarge
        return super().write(chunk)


_state: dict[str, Any] = {}


def start(release: str | None, limits: Limits) -> None:
    """Initialise a worker: cap its memory and load the release (``None``: the shipped one)."""
    # pebble stops a worker with SIGTERM and waits 3 s before SIGKILL; its handler is Python code,
    # which cannot run while pyoxigraph evaluates (in Rust), so let SIGTERM end the process at once
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if limits.max_memory is not None:
        resource.setrlimit(resource.RLIMIT_AS, (limits.max_memory, limits.max_memory))
    _state["store"] = Store.from_release(Path(release) if release else None)
    _state["limits"] = limits


def current_store() -> Store:
    """The store of this worker (after :func:`start`)."""
    store: Store = _state["store"]
    return store


def _limits() -> Limits:
    limits: Limits = _state["limits"]
    return limits


def query(
    text: str, accept: str | None, default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = ()
) -> Answer:
    """Evaluate a SPARQL query (every project prefix predeclared) and serialise its result for ``accept``."""
    limits = _limits()
    if not limits.allow_service and calls_service(text):
        return Answer.error(
            403, "SERVICE (federated query) is disabled on this server; start it with `mmkg serve --allow-service`"
        )
    options: dict[str, Any] = {"prefixes": prefix_map()}
    try:
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    except ValueError as error:
        return Answer.error(400, f"invalid graph IRI: {error}")
    try:
        result = current_store().store.query(text, **options)
    except SyntaxError as error:
        return Answer.error(400, f"invalid SPARQL: {error}")
    except (OSError, RuntimeError, ValueError) as error:
        return Answer.error(500, f"query failed: {error}")
    headers = {}
    warnings = unknown_terms(current_store(), text)
    if warnings:
        headers["X-Mmkg-Warning"] = " | ".join(warnings)
    answer = _serialise(result, accept, limits.max_result_bytes)
    return Answer(answer.status, answer.media_type, answer.body, {**headers, **answer.headers})


def _serialise(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, accept: str | None, limit: int) -> Answer:
    offered: list[Any] = GRAPH_FORMATS if isinstance(result, ox.QueryTriples) else RESULT_FORMATS
    fmt = choose(accept, offered)
    if fmt is None:
        kinds = ", ".join(f.media_type.split(";")[0] for f in offered)
        return Answer.error(406, f"no accepted media type ({accept}) fits this result; this server gives {kinds}")
    out = _Capped(limit)
    try:
        result.serialize(out, format=fmt)
    except _ResultTooLarge:
        return Answer.error(
            422,
            f"the result is larger than this server's limit of {limit} bytes; narrow the query or add a LIMIT",
        )
    except (OSError, RuntimeError, ValueError) as error:
        return Answer.error(500, f"query failed: {error}")
    return Answer(200, fmt.media_type, out.getvalue())


def named_query(name: str, params: dict[str, str], accept: str | None) -> Answer:
    """Run a named query of ``queries/`` with its parameters given as text (names, CURIEs, dates …)."""
    try:
        text = named_query_text(name, params)
    except MmkgError as error:
        return Answer.error(404 if "unknown query" in str(error) else 400, str(error))
    return query(text, accept)


def named_query_sparql(name: str, params: dict[str, str]) -> Answer:
    """The SPARQL of a named query with its parameters bound, as an answer (for the query page)."""
    try:
        text = named_query_text(name, params)
    except MmkgError as error:
        return Answer.error(404 if "unknown query" in str(error) else 400, str(error))
    return Answer(200, "application/sparql-query; charset=utf-8", text.encode())


def named_query_text(name: str, params: dict[str, str]) -> str:
    """The SPARQL of a named query with its parameters bound (raises InputError on a bad one)."""
    named = catalogue().get(name)
    return bind_values(named.sparql, named.bindings(current_store(), params))


def release_version() -> str | None:
    """The release's version (the ontology's ``owl:versionInfo``), which its dated IRIs carry."""
    rows = current_store().select("SELECT ?v WHERE { ?o a owl:Ontology ; owl:versionInfo ?v } ORDER BY ?v LIMIT 1")
    return str(rows[0]["v"]) if rows else None


def describe(iri: str, accept: str | None) -> Answer:
    """The triples about ``iri`` (its concise bounded description), or 404 when the graph does not know it."""
    node = ox.NamedNode(iri)
    if not current_store().store.query(
        "ASK { { ?e ?p ?o } UNION { ?s ?p ?e } }", substitutions={ox.Variable("e"): node}
    ):
        return Answer.error(404, f"{iri} is not in mmkg")
    fmt = choose(accept, GRAPH_FORMATS)
    if fmt is None:
        kinds = ", ".join(f.media_type for f in GRAPH_FORMATS)
        return Answer.error(406, f"no accepted media type ({accept}) fits; this server gives text/html, {kinds}")
    result = current_store().store.query("DESCRIBE ?e", substitutions={ox.Variable("e"): node})
    assert isinstance(result, ox.QueryTriples)
    triples = list(result)
    prefixes = prefix_map() if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    data = ox.serialize(triples, format=fmt, prefixes=prefixes) if prefixes else ox.serialize(triples, format=fmt)
    assert data is not None
    return Answer(200, fmt.media_type, data)


__all__ = [
    "Answer",
    "Limits",
    "current_store",
    "describe",
    "named_query",
    "named_query_sparql",
    "named_query_text",
    "query",
    "release_version",
    "start",
]
