"""The project's one prefix map (``ontology/prefixes.json``), as a ``curies`` converter.

>>> from mmkg.prefixes import converter
>>> converter().expand("drug:lenalidomide")
'https://w3id.org/mmkg/drug/lenalidomide'
>>> converter().compress("https://w3id.org/mmkg/regimen/IsaKd")
'regimen:IsaKd'
"""

from __future__ import annotations

import json
from functools import cache

import curies

from .resources import ontology_dir


@cache
def prefix_map() -> dict[str, str]:
    """Prefix → namespace IRI, as shipped in ``ontology/prefixes.json``."""
    with open(ontology_dir() / "prefixes.json", encoding="utf-8") as handle:
        data = json.load(handle)
    return {str(k): str(v) for k, v in sorted(data.items()) if not k.startswith("@")}


@cache
def converter() -> curies.Converter:
    return curies.Converter.from_prefix_map(prefix_map())


def sparql_prologue() -> str:
    """``PREFIX`` declarations for every prefix, to put before a query."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefix_map().items())


def compact(iri: str) -> str:
    """CURIE for ``iri`` where a prefix fits, else the IRI itself."""
    return converter().compress(iri, passthrough=True)


def expand(curie_or_iri: str) -> str | None:
    """Full IRI for a CURIE with a known prefix, or ``None``."""
    if ":" not in curie_or_iri or curie_or_iri.startswith(("http://", "https://")):
        return None
    return converter().expand(curie_or_iri, strict=False)
