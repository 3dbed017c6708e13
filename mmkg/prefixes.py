"""The project's one prefix map (``ontology/prefixes.json``): CURIEs ↔ IRIs.

Compressing and expanding are plain string operations on the map (the longest namespace
that starts an IRI wins, as in ``curies``); ``curies`` itself, which pulls in pydantic and
costs most of a cold start, is imported only by :func:`converter`, for those who want its
full API.

>>> expand("drug:lenalidomide")
'https://w3id.org/mmkg/drug/lenalidomide'
>>> compact("https://w3id.org/mmkg/regimen/IsaKd")
'regimen:IsaKd'
>>> compact("https://example.org/unknown")
'https://example.org/unknown'
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from .resources import ontology_dir

if TYPE_CHECKING:
    import curies


@cache
def prefix_map() -> dict[str, str]:
    """Prefix → namespace IRI, as shipped in ``ontology/prefixes.json``."""
    with open(ontology_dir() / "prefixes.json", encoding="utf-8") as handle:
        data = json.load(handle)
    return {str(k): str(v) for k, v in sorted(data.items()) if not k.startswith("@")}


@cache
def _namespaces() -> tuple[tuple[str, str], ...]:
    """(namespace, prefix), longest namespace first."""
    return tuple(sorted(((ns, p) for p, ns in prefix_map().items()), key=lambda item: -len(item[0])))


@cache
def converter() -> curies.Converter:
    """The prefix map as a ``curies`` converter."""
    import curies

    return curies.Converter.from_prefix_map(prefix_map())


@cache
def sparql_prologue() -> str:
    """``PREFIX`` declarations for every prefix, to put before a query."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefix_map().items())


@lru_cache(maxsize=65536)
def compact(iri: str) -> str:
    """CURIE for ``iri`` where a prefix fits, else the IRI itself."""
    for namespace, prefix in _namespaces():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def expand(curie_or_iri: str) -> str | None:
    """Full IRI for a CURIE with a known prefix, or ``None``."""
    if ":" not in curie_or_iri or curie_or_iri.startswith(("http://", "https://")):
        return None
    prefix, local = curie_or_iri.split(":", 1)
    namespace = prefix_map().get(prefix)
    return None if namespace is None else namespace + local
