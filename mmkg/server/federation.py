r"""Whether a query calls another SPARQL service (``SERVICE``), which the server refuses unless allowed.

pyoxigraph has no switch to turn federation off: it evaluates ``SERVICE <http://…>``
with its own HTTP client, which would let any client of the endpoint make the server
send requests to hosts of the client's choosing. Oxigraph's parser does not expand
``\\u`` escapes outside IRIs and strings, so a query without the word SERVICE cannot
call a service; a query that has the word is parsed (by rdflib's SPARQL parser, not by
hand) to tell a SERVICE clause from a variable, a literal or a comment that says "service".

>>> calls_service("SELECT * WHERE { ?s ?p ?o }")
False
>>> calls_service('SELECT ?service WHERE { ?service rdfs:label "service" } # a service')
False
>>> calls_service("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
True
"""

from __future__ import annotations

import re
from typing import Any

_KEYWORD = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def calls_service(query: str) -> bool:
    """True when ``query`` has a SERVICE clause, or mentions SERVICE and cannot be parsed to check."""
    if not _KEYWORD.search(query):
        return False
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(query)
    except Exception:  # oxigraph accepts some syntax rdflib does not: refuse rather than guess
        return True
    return "ServiceGraphPattern" in _names(tree)


def _names(node: Any) -> set[str]:
    from rdflib.plugins.sparql.parserutils import CompValue

    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            found.add(item.name)
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)) or hasattr(item, "asList"):
            stack.extend(item)
    return found


__all__ = ["calls_service"]
