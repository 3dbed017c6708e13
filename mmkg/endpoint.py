"""Running SPARQL on another endpoint (Virtuoso, QLever, Fuseki, ``mmkg serve``), with typed rows.

The query goes as the SPARQL 1.1 Protocol says (an urlencoded POST), with every project
prefix declared before it, since other engines know none of them; the answer is read by
pyoxigraph's SPARQL results parser and given as :meth:`mmkg.store.Store.answer` gives it.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from .errors import InputError
from .prefixes import sparql_prologue
from .store import Row
from .terms import python_value

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"


def remote_answer(url: str, sparql: str, *, timeout: float = 120.0) -> tuple[list[str], list[Row]] | bool:
    """SELECT → (variables, rows); ASK → bool; CONSTRUCT → (subject, predicate, object) rows."""
    if not url.startswith(("http://", "https://")):
        raise InputError(f"not an HTTP(S) endpoint: {url!r}")
    body = urllib.parse.urlencode({"query": sparql_prologue() + sparql}).encode()
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        url,
        data=body,
        headers={"Accept": ACCEPT, "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "mmkg"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read()
            media_type = response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", errors="replace").strip().splitlines()
        raise InputError(f"{url} answered {error.code}: {detail[0] if detail else error.reason}") from None
    except (urllib.error.URLError, OSError) as error:
        raise InputError(f"cannot query {url}: {getattr(error, 'reason', error)}") from None
    if media_type == "application/n-triples":
        rows = [
            {
                "subject": python_value(t.subject),
                "predicate": python_value(t.predicate),
                "object": python_value(t.object),
            }
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        ]
        return ["subject", "predicate", "object"], rows
    try:
        results = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as error:
        raise InputError(f"{url} did not answer with SPARQL JSON results ({media_type}): {error}") from None
    if isinstance(results, ox.QueryBoolean):
        return bool(results)
    variables = [v.value for v in results.variables]
    return variables, [
        {name: python_value(solution[name]) for name in variables if solution[name] is not None} for solution in results
    ]


__all__ = ["remote_answer"]
