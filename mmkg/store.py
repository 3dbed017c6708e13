"""The embedded SPARQL store over the built release: queries, bindings, limits and typed rows.

This is the lowest layer of the answering side: it knows pyoxigraph and mmkg's
prefixes, nothing about named queries, names or patients (those live in the
modules above it, and :class:`mmkg.graph.KnowledgeGraph` brings them together).
Loading reads the release's N-Triples (no Turtle parsing, no reasoning, no Java).

Every query is bounded (:class:`Limits`): it runs in a worker thread (pyoxigraph
releases the GIL while it evaluates) that the caller waits for until the time limit,
reading at most ``max_rows`` rows; the caller's Ctrl-C (KeyboardInterrupt) stops the
wait at once. A query past a limit raises :class:`mmkg.errors.LimitExceeded` and
returns nothing partial. pyoxigraph cannot be interrupted inside one step of its
evaluation (a sort, an aggregate): the worker is told to stop and does so at its next
row, so the ``mmkg`` command, which then exits, is the way to run untrusted queries
with hard limits. ``SERVICE`` (federated queries) is off unless its hosts are allowed.

>>> store = Store.from_release()
>>> store.query("ASK { drug:teclistamab a mmkg:BCMABispecific }")
True
>>> [row["label"] for row in store.select(
...     "SELECT ?label WHERE { ?d mmkg:hasTarget ?t ; rdfs:label ?label } ORDER BY ?label",
...     t="target:GPRC5D")]
['JNJ-5322', 'arlocabtagene autoleucel', 'talquetamab']
"""

from __future__ import annotations

import os
import queue
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Self, TypeVar
from urllib.parse import urlsplit

import pyoxigraph as ox

from . import resources
from .errors import InputError, LimitExceeded
from .prefixes import prefix_map
from .terms import Term, iri, python_value, to_term

Row = dict[str, Any]
Answer = tuple[list[str], list[Row]] | bool

DEFAULT_TIMEOUT = 30.0  # seconds
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MAX_MEMORY = 2 * 1024**3  # bytes the process may grow by while one query runs
DEFAULT_SERVICE_TIMEOUT = 20.0  # seconds, for a query with SERVICE

_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")
# SPARQL's lexical units, enough to tell code from comments, strings and IRIs
_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n\r]*)
      | (?P<string>\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                  |\"(?:[^\"\\\n\r]|\\.)*\"|'(?:[^'\\\n\r]|\\.)*')
      | (?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\ufffd]+)
      | (?P<pname>(?:[A-Za-z\u00c0-\ufffd][\w\-.\u00c0-\ufffd]*)?:[\w\-.:%\u00c0-\ufffd]*)
      | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<space>\s+)
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int


def tokens(sparql: str) -> list[Token]:
    """The query's tokens without spaces (comments, strings and IRIs kept whole)."""
    out = []
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup or "other"
        if kind != "space":
            out.append(Token(kind, match.group(), match.start(), match.end()))
    return out


CACHED_QUERY_CHARS = 32_000  # a named query is a few kilobytes; the analysis of longer texts is not kept
_Analysed = TypeVar("_Analysed")


def _kept(analyse: Callable[[str], _Analysed]) -> Callable[[str], _Analysed]:
    """``analyse`` with its answers kept for the last texts of up to CACHED_QUERY_CHARS.

    A named query's text is analysed (bindings, nesting, SERVICE) on every call: a tenth of
    a millisecond to ten milliseconds each time, as long as a small query takes.
    """
    kept = lru_cache(maxsize=128)(analyse)

    def analysed(sparql: str) -> _Analysed:
        return kept(sparql) if len(sparql) <= CACHED_QUERY_CHARS else analyse(sparql)

    return analysed


@_kept
def _code(sparql: str) -> tuple[Token, ...]:
    return tuple(t for t in tokens(sparql) if t.kind != "comment")


def _word(token: Token, *words: str) -> bool:
    return token.kind == "word" and token.text.upper() in words


def _where(code: tuple[Token, ...]) -> int | None:
    """Index of the ``{`` that opens the outermost WHERE group."""
    for i, token in enumerate(code[:-1]):
        if _word(token, "WHERE") and code[i + 1].text == "{":
            return i + 1
    for i, token in enumerate(code):
        if _word(token, "SELECT", "ASK", "DESCRIBE", "CONSTRUCT"):
            j = i + 1
            if _word(token, "CONSTRUCT") and j < len(code) and code[j].text == "{":
                depth = 0
                while j < len(code):  # skip the template
                    depth += {"{": 1, "}": -1}.get(code[j].text, 0)
                    j += 1
                    if depth == 0:
                        break
            for k in range(j, len(code)):
                if code[k].text == "{":
                    return k
            return None
    return None


def variables(sparql: str) -> set[str]:
    """The names of the variables the query uses (comments and strings left out)."""
    return {t.text[1:] for t in _code(sparql) if t.kind == "var"}


def check_variable(name: object) -> None:
    """Raise InputError unless ``name`` can be a SPARQL variable's name."""
    if not isinstance(name, str) or not _VARIABLE.match(name):
        raise InputError(f"not a SPARQL variable name: {name!r}")


def bind_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables by a VALUES block at the start of the outermost WHERE group.

    A bound variable must therefore be used at the top level of the query's WHERE
    clause (not only inside a sub-select), which is where named queries use them.
    Variable names are checked, a binding of a variable the query does not use is an
    error, and values are written as terms, never as text.
    """
    if not bindings:
        return sparql
    for name, value in bindings.items():
        check_variable(name)
        if isinstance(value, ox.BlankNode) or not isinstance(value, (ox.NamedNode, ox.Literal)):
            raise InputError(f"cannot bind ?{name} to {str(value)[:60]!r}: only IRIs and literals can be bound")
    code = _code(sparql)
    used = {t.text[1:] for t in code if t.kind == "var"}
    unused = sorted(set(bindings) - used)
    if unused:
        raise InputError(f"the query has no variable ?{unused[0]} to bind (it uses {_listed(used)})")
    where = _where(code)
    if where is None:
        raise InputError("cannot bind parameters: the query has no WHERE clause")
    at = code[where].end
    names = sorted(bindings)
    row = " ".join(str(bindings[name]) for name in names)
    values = " VALUES (" + " ".join(f"?{name}" for name in names) + f") {{ ({row}) }} "
    return sparql[:at] + values + sparql[at:]


def _listed(names: set[str]) -> str:
    shown = ", ".join(f"?{n}" for n in sorted(names)[:8])
    return (shown + (", …" if len(names) > 8 else "")) if names else "no variable"


def services(sparql: str) -> list[str | None]:
    """The endpoints of the query's SERVICE patterns: IRIs, or None for one given by a variable."""
    return list(_services(sparql))


@_kept
def _services(sparql: str) -> tuple[str | None, ...]:
    code = _code(sparql)
    declared = {}
    for i, token in enumerate(code[:-2]):
        if _word(token, "PREFIX") and code[i + 1].kind == "pname" and code[i + 2].kind == "iri":
            declared[code[i + 1].text.rstrip(":")] = code[i + 2].text[1:-1]
    found: list[str | None] = []
    for i, token in enumerate(code):
        if not _word(token, "SERVICE"):
            continue
        j = i + 1
        if j < len(code) and _word(code[j], "SILENT"):
            j += 1
        target = code[j] if j < len(code) else None
        if target is not None and target.kind == "iri":
            found.append(target.text[1:-1])
        elif target is not None and target.kind == "pname":
            prefix, _, local = target.text.partition(":")
            namespace = declared.get(prefix, prefix_map().get(prefix))
            found.append(namespace + local if namespace else None)
        else:
            found.append(None)
    return tuple(found)


@dataclass(frozen=True)
class Limits:
    """What one query may use: seconds, rows, memory (bytes of growth) and the SERVICE hosts it may call.

    ``None`` switches a limit off. ``service_hosts`` is the allow-list of hosts a
    ``SERVICE`` pattern may name (empty: SERVICE is refused); a query with SERVICE
    runs at most ``service_timeout`` seconds.
    """

    timeout: float | None = DEFAULT_TIMEOUT
    max_rows: int | None = DEFAULT_MAX_ROWS
    max_memory: int | None = DEFAULT_MAX_MEMORY
    service_hosts: tuple[str, ...] = ()
    service_timeout: float = DEFAULT_SERVICE_TIMEOUT

    def __post_init__(self) -> None:
        for name in ("timeout", "service_timeout"):
            value = getattr(self, name)
            if value is None and name == "timeout":
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 86_400:
                raise InputError(f"{name} must be a number of seconds between 0 and 86400, got {value!r}")
        for name in ("max_rows", "max_memory"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise InputError(f"{name} must be a whole number, 0 or more (or None for no limit), got {value!r}")
        if isinstance(self.service_hosts, str):
            raise InputError("service_hosts must be a list of host names, not one string")
        for host in self.service_hosts:
            if not isinstance(host, str) or not re.match(r"^[A-Za-z0-9.\-\[\]:]{1,253}$", host):
                raise InputError(f"not a host name: {host!r}")

    def check_services(self, sparql: str) -> bool:
        """Raise InputError for a SERVICE that is not allowed; True when the query has SERVICE."""
        endpoints = services(sparql)
        if not endpoints:
            return False
        allowed = {h.lower() for h in self.service_hosts}
        for endpoint in endpoints:
            if endpoint is None:
                raise InputError("SERVICE with a variable or unknown prefix is not supported: give the endpoint IRI")
            parts = urlsplit(endpoint)
            host = (parts.hostname or "").lower()
            if not allowed:
                raise InputError(
                    f"the query calls SERVICE <{endpoint}>, and federated queries are off: "
                    f"allow its host with --service {host or 'HOST'} (Python: service_hosts=[{host!r}])"
                )
            if parts.scheme not in ("http", "https") or host not in allowed:
                raise InputError(f"SERVICE <{endpoint}>: host {host or '(none)'!r} is not among the allowed hosts")
        return True


_NOT_GIVEN: Any = object()


def _same(term: Any) -> Any:
    return term


def _rss() -> int | None:
    """The process's resident memory in bytes (Linux), or None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _collect(result: Any, max_rows: int | None, stop: threading.Event, convert: Callable[[Any], Any]) -> Answer:
    """Read a pyoxigraph result row by row (each term through ``convert``), stopping when told to or past max_rows."""
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    rows: list[Row] = []
    if isinstance(result, ox.QueryTriples):
        names = ["subject", "predicate", "object"]
        for triple in result:
            if stop.is_set():
                break
            rows.append({n: convert(getattr(triple, n)) for n in names})
            if max_rows is not None and len(rows) > max_rows:
                break
        return names, rows
    names = [v.value for v in result.variables]
    for solution in result:
        if stop.is_set():
            break
        row = {}
        for name in names:
            value = solution[name]
            if value is not None:
                row[name] = convert(value)
        rows.append(row)
        if max_rows is not None and len(rows) > max_rows:
            break
    return names, rows


def _failure(error: BaseException, federated: bool) -> InputError:
    if isinstance(error, SyntaxError):
        return InputError(f"invalid SPARQL: {first_line(error)}")
    if isinstance(error, MemoryError):
        return LimitExceeded("the query ran out of memory", limit="memory")
    where = "SERVICE call failed" if federated and isinstance(error, OSError) else "query failed"
    return InputError(f"{where}: {first_line(error)}")


MAX_NESTING = 200  # pyoxigraph's parser recurses: about 2,000 nested groups overflow its stack


@_kept
def _nesting(sparql: str) -> int:
    depth = deepest = 0
    for token in _code(sparql):
        if token.text in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif token.text in "})]":
            depth -= 1
    return deepest


def check_nesting(sparql: str) -> None:
    """Refuse a query nested deeper than MAX_NESTING groups or parentheses (it would crash the parser)."""
    deepest = _nesting(sparql)
    if deepest > MAX_NESTING:
        raise InputError(f"the query nests {deepest} levels deep; at most {MAX_NESTING} are accepted")


class _Workers:
    """The threads that evaluate queries, kept for the next query once they are done.

    A new thread per query cost 0.5–3 ms on a busy machine (a new thread waits behind every
    running process; a woken one does not), more than a small query takes. A thread still
    busy with a query its caller gave up on (a limit, Ctrl-C) is not waited for: another
    is started, and at most ``IDLE`` idle threads are kept.
    """

    IDLE = 4

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[queue.SimpleQueue[Callable[[], None]]] = []

    def submit(self, job: Callable[[], None]) -> None:
        """Run ``job`` (which must not raise) in an idle thread, or in a new one."""
        with self._lock:
            inbox = self._idle.pop() if self._idle else None
        if inbox is None:
            inbox = queue.SimpleQueue()
            threading.Thread(target=self._serve, args=(inbox,), name="mmkg-query", daemon=True).start()
        inbox.put(job)

    def forget(self) -> None:
        """Drop the idle threads (in a forked child, which has none of its parent's threads)."""
        self._lock = threading.Lock()
        self._idle = []

    def _serve(self, inbox: queue.SimpleQueue[Callable[[], None]]) -> None:
        while True:
            inbox.get()()
            with self._lock:
                if len(self._idle) >= self.IDLE:
                    return
                self._idle.append(inbox)


_WORKERS = _Workers()
os.register_at_fork(after_in_child=_WORKERS.forget)


def evaluate(
    store: ox.Store,
    sparql: str,
    limits: Limits,
    *,
    bindings: Mapping[str, Term] | None = None,
    convert: Callable[[Any], Any] = python_value,
    **options: Any,
) -> Answer:
    """Evaluate ``sparql`` on ``store`` within ``limits``: SELECT → (variables, rows); ASK → bool; CONSTRUCT → triples.

    ``bindings`` bind variables (:func:`bind_values`); each term of the answer goes through
    ``convert`` (Python values by default).
    """
    # checked before binding: a VALUES block of terms adds no SERVICE and two levels of nesting
    check_nesting(sparql)
    federated = limits.check_services(sparql)
    sparql = bind_values(sparql, bindings or {})
    timeout = limits.timeout
    if federated:
        timeout = min(timeout or limits.service_timeout, limits.service_timeout)
    stop = threading.Event()
    done = threading.Event()
    box: dict[str, Any] = {}

    def work() -> None:
        # pyoxigraph's results must be dropped in the thread that made them: nothing of
        # them (not even a traceback's frames) leaves this function
        result = None
        try:
            result = store.query(sparql, **options)
            box["answer"] = _collect(result, limits.max_rows, stop, convert)
        except BaseException as error:  # handed to the caller's thread, without its frames
            error.__traceback__ = None
            error.__context__ = None
            box["error"] = error
        finally:
            result = None
            done.set()

    start = time.monotonic()
    base = _rss() if limits.max_memory is not None else None
    _WORKERS.submit(work)
    try:
        while not done.wait(0.05 if timeout is None else min(0.05, max(timeout - (time.monotonic() - start), 0.001))):
            if timeout is not None and time.monotonic() - start >= timeout:
                raise LimitExceeded(
                    f"the query ran past its time limit of {timeout:g} s and was stopped"
                    + (" (SERVICE time-out)" if federated else "; raise it with --timeout SECONDS (Python: timeout=)"),
                    limit="timeout",
                )
            if base is not None and limits.max_memory is not None:
                now = _rss()
                if now is not None and now - base > limits.max_memory:
                    raise LimitExceeded(
                        f"the query went past its memory limit of {limits.max_memory // 2**20} MiB and was stopped",
                        limit="memory",
                    )
    except BaseException:
        stop.set()  # KeyboardInterrupt (Ctrl-C) or a limit: the worker stops at its next row
        raise
    if "error" in box:
        error = box["error"]
        if isinstance(error, (SyntaxError, OSError, RuntimeError, ValueError, MemoryError)):
            raise _failure(error, federated) from None
        raise error
    answer: Answer = box["answer"]
    if not isinstance(answer, bool) and limits.max_rows is not None and len(answer[1]) > limits.max_rows:
        raise LimitExceeded(
            f"the query returned more than {limits.max_rows} rows; "
            "narrow it (LIMIT) or raise the limit with --max-rows N (Python: max_rows=)",
            limit="max_rows",
        )
    return answer


def solutions(store: ox.Store, sparql: str, **options: Any) -> ox.QuerySolutions:
    """Run a SELECT query on a bare pyoxigraph store (``options`` as for ``ox.Store.query``), unbounded.

    For mmkg's own fixed queries over small graphs (histories, the build); user
    queries go through :func:`evaluate`.
    """
    if services(sparql):
        raise InputError("SERVICE is not allowed here")
    result = store.query(sparql, **options)
    if not isinstance(result, ox.QuerySolutions):
        raise InputError("expected a SELECT query")
    return result


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class Store:
    """mmkg's graph in an embedded pyoxigraph store, queried with every project prefix declared.

    ``limits`` are the defaults of every query (:class:`Limits`); each call may
    override them with the keyword options ``timeout``, ``max_rows``, ``max_memory``,
    ``service_hosts`` and ``service_timeout`` (so no query variable can have those names).
    """

    def __init__(self, store: ox.Store, *, limits: Limits | None = None, release: Path | None = None) -> None:
        self.store = store
        self.limits = limits or Limits()
        self.release = release  # the release file the store was loaded from, if any

    @classmethod
    def from_release(cls, release: Path | None = None) -> Self:
        """Load ``release/mmkg.nt`` (the shipped release by default) into a new store.

        Leniently: the build wrote the file and checked every IRI and literal of it, and
        checking them again was a third of a cold command's time.
        """
        path = (release or resources.release_dir()) / "mmkg.nt"
        if not path.is_file():
            raise InputError(f"no built release at {path}: run `mmkg build` first")
        store = ox.Store()
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, lenient=True)
        except (OSError, SyntaxError, ValueError) as error:
            raise InputError(f"cannot load the release {path}: {first_line(error)}") from None
        return cls(store, release=path)

    def __len__(self) -> int:
        return len(self.store)

    def _limits(self, options: dict[str, Any]) -> Limits:
        given = {k: v for k, v in options.items() if v is not _NOT_GIVEN}
        if "service_hosts" in given and given["service_hosts"] is not None:
            hosts = given["service_hosts"]
            if not isinstance(hosts, (str, list, tuple, set, frozenset)):
                raise InputError(f"service_hosts must be a list of host names, got {type(hosts).__name__}: {hosts!r}")
            given["service_hosts"] = (hosts,) if isinstance(hosts, str) else tuple(hosts)
        return replace(self.limits, **given) if given else self.limits

    def answer(
        self,
        sparql: str,
        *,
        timeout: float | None = _NOT_GIVEN,
        max_rows: int | None = _NOT_GIVEN,
        max_memory: int | None = _NOT_GIVEN,
        service_hosts: Sequence[str] = _NOT_GIVEN,
        service_timeout: float = _NOT_GIVEN,
        **bindings: Any,
    ) -> Answer:
        """SELECT → (variables in query order, rows); ASK → bool; CONSTRUCT → (s, p, o) rows.

        Raises InputError on bad SPARQL or bindings, LimitExceeded past a limit.
        """
        limits = {
            "timeout": timeout,
            "max_rows": max_rows,
            "max_memory": max_memory,
            "service_hosts": service_hosts,
            "service_timeout": service_timeout,
        }
        return self._evaluate(sparql, limits, bindings, python_value)

    def terms(self, sparql: str, **options: Any) -> Answer:
        """Like :meth:`answer` (same limits and bindings), with pyoxigraph terms in the rows (datatypes kept)."""
        limits = {name: options.pop(name, _NOT_GIVEN) for name in LIMIT_OPTIONS}
        return self._evaluate(sparql, limits, options, _same)

    def _evaluate(
        self, sparql: str, limits: dict[str, Any], bindings: dict[str, Any], convert: Callable[[Any], Any]
    ) -> Answer:
        if not isinstance(sparql, str):
            raise InputError(f"a query is text, got {type(sparql).__name__}")
        terms = {name: to_term(value) for name, value in bindings.items()}
        limited = self._limits(limits)
        return evaluate(self.store, sparql, limited, bindings=terms, convert=convert, prefixes=prefix_map())

    def query(self, sparql: str, **options: Any) -> list[Row] | bool:
        """SELECT → rows (dicts; unbound variables absent); ASK → bool; CONSTRUCT → triple rows.

        Keyword options bind query variables: IRIs, CURIEs, numbers, dates, booleans or
        plain strings (see :func:`mmkg.terms.to_term`); ``timeout``, ``max_rows``,
        ``max_memory``, ``service_hosts`` and ``service_timeout`` set the limits.
        """
        answer = self.answer(sparql, **options)
        return answer if isinstance(answer, bool) else answer[1]

    def select(self, sparql: str, **options: Any) -> list[Row]:
        """Like :meth:`query`, for SELECT queries only."""
        rows = self.query(sparql, **options)
        if isinstance(rows, bool):
            raise InputError("expected a SELECT query, got an ASK query")
        return rows

    def ask(self, sparql: str, **options: Any) -> bool:
        """Like :meth:`query`, for ASK queries only."""
        answer = self.query(sparql, **options)
        if not isinstance(answer, bool):
            raise InputError("expected an ASK query")
        return answer

    def label(self, entity: str) -> str:
        """The entity's rdfs:label, or its IRI when it has none."""
        rows = self.select("SELECT ?l WHERE { ?e rdfs:label ?l } ORDER BY ?l LIMIT 1", e=iri(entity))
        return str(rows[0]["l"]) if rows else entity


LIMIT_OPTIONS = ("timeout", "max_rows", "max_memory", "service_hosts", "service_timeout")

__all__ = [
    "DEFAULT_MAX_ROWS",
    "DEFAULT_TIMEOUT",
    "LIMIT_OPTIONS",
    "Answer",
    "Limits",
    "Row",
    "Store",
    "bind_values",
    "evaluate",
    "first_line",
    "services",
    "solutions",
    "to_term",
    "tokens",
    "variables",
]
