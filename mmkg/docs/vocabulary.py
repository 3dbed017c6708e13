"""mmkg names in a query that the graph does not know, with the names that were probably meant.

A query that asks for ``mmkg:IMiD`` is valid SPARQL and silently finds nothing, because
the class is ``mmkg:ImmunomodulatoryDrug`` (whose alternative label is "IMiD"). This
looks at every mmkg name in the query (``mmkg:IMiD``, ``drug:lenalidomid``,
``<https://w3id.org/mmkg/ontology/IMiD>``) and warns about those that no triple of the
graph mentions, suggesting terms by their labels and by the spelling of their names.
It only reads names, as a spell checker would; it is not a SPARQL parser, and a name
inside a string literal can draw a warning it does not deserve.

>>> from mmkg.store import Store
>>> unknown_terms(Store.from_release(), "SELECT ?d WHERE { ?d a mmkg:IMiD }")
['mmkg:IMiD is not in mmkg; did you mean mmkg:ImmunomodulatoryDrug?']
"""

from __future__ import annotations

import difflib
import re
import weakref
from collections import defaultdict

from ..errors import InputError
from ..prefixes import compact, prefix_map
from ..resolve import resolve
from ..store import Store

BASE = "https://w3id.org/mmkg/"
_IRI = re.compile(r"<(https://w3id\.org/mmkg/[^>\s]*)>")
_PREFIXED = re.compile(r"(?<![\w:/#?$<])([A-Za-z][\w-]*):([A-Za-z_0-9][\w.-]*[\w-]|[A-Za-z_0-9])")

_known: weakref.WeakKeyDictionary[Store, dict[str, set[str]]] = weakref.WeakKeyDictionary()


def known_names(store: Store) -> dict[str, set[str]]:
    """Every mmkg IRI the graph mentions, by namespace (once per store)."""
    if store not in _known:
        rows = store.select(
            f"""SELECT DISTINCT ?t WHERE {{
                {{ ?t ?p ?o }} UNION {{ ?s ?t ?o }} UNION {{ ?s ?p ?t }}
                FILTER(isIRI(?t) && STRSTARTS(STR(?t), "{BASE}"))
            }}"""
        )
        names: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            namespace, local = _split(row["t"])
            names[namespace].add(local)
        _known[store] = dict(names)
    return _known[store]


_NOT_IN_IRI = frozenset('<>"{}|^`\\ ')


def _in_graph(store: Store, iri: str) -> bool:
    """Whether a triple of the graph mentions ``iri``: every known name once per store, else a lookup of this one.

    A cold command asks about a name or two; listing every name first was most of its time.
    """
    if store in _known:
        namespace, local = _split(iri)
        return local in _known[store].get(namespace, set())
    if any(c in _NOT_IN_IRI for c in iri):
        return False
    return store.answer(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s <{iri}> ?o }} UNION {{ ?s ?p <{iri}> }} }}") is True


def _split(iri: str) -> tuple[str, str]:
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    return iri[:cut], iri[cut:]


def mentioned(sparql: str) -> list[str]:
    """The mmkg IRIs a query text mentions, as prefixed names or in full, in order of appearance."""
    namespaces = {p: ns for p, ns in prefix_map().items() if ns.startswith(BASE)}
    found: list[str] = []
    for match in _IRI.finditer(sparql):
        found.append(match.group(1))
    for match in _PREFIXED.finditer(sparql):
        namespace = namespaces.get(match.group(1))
        if namespace is not None:
            found.append(namespace + match.group(2))
    return list(dict.fromkeys(found))


def suggestions(store: Store, iri: str) -> list[str]:
    """Known IRIs that ``iri`` probably meant: the one its name labels, then those spelt like it."""
    namespace, local = _split(iri)
    candidates = known_names(store).get(namespace, set())
    found = []
    try:
        by_label = resolve(store, local)
    except InputError:
        by_label = None
    if by_label is not None and by_label.startswith(namespace):
        found.append(by_label)
    lowered = {name.lower(): name for name in candidates}
    for close in difflib.get_close_matches(local.lower(), list(lowered), n=3, cutoff=0.8):
        found.append(namespace + lowered[close])
    return list(dict.fromkeys(found))[:3]


def unknown_terms(store: Store, sparql: str) -> list[str]:
    """One warning for each mmkg name in ``sparql`` that the graph does not know."""
    warnings = []
    for iri in mentioned(sparql):
        if not _split(iri)[1] or _in_graph(store, iri):
            continue
        close = suggestions(store, iri)
        hint = f"; did you mean {', '.join(compact(c) for c in close)}?" if close else ""
        warnings.append(f"{compact(iri)} is not in mmkg{hint}")
    return warnings


__all__ = ["known_names", "mentioned", "suggestions", "unknown_terms"]
