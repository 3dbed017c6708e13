"""External identifiers (ChEBI, DrugBank, RxNorm, ATC, …) and the mmkg entities they denote.

An mmkg drug, target or class points to external concepts with SKOS mapping
properties (``skos:exactMatch``, ``skos:closeMatch``, ``skos:broadMatch``,
``skos:narrowMatch``); each such triple is described by a ``mmkg:Mapping`` node
that carries the identifier as its scheme writes it and the sources it was seen
in (``ontology/kb/xrefs.ttl``, ``ontology/kb/class-alignments.ttl``).

:func:`resolve_identifier` goes back from an identifier (``"CHEBI:63791"``, ``"DB00480"``, ``"L04AX04"``,
a CURIE or an external IRI) to the mmkg entity.

>>> import mmkg
>>> kg = mmkg.load()
>>> resolve_identifier(kg, "DB00480")
'https://w3id.org/mmkg/drug/lenalidomide'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .prefixes import prefix_map
from .resources import ontology_dir
from .store import Store

if TYPE_CHECKING:
    import curies

SKOS = "http://www.w3.org/2004/02/skos/core#"
MMKG_BASE = "https://w3id.org/mmkg/"

#: SKOS mapping properties, strongest first.
MATCH_PREDICATES: tuple[str, ...] = tuple(
    SKOS + p for p in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
)

#: prefix (as in ``ontology/prefixes.json``) → the scheme's name, in display order.
SCHEMES: dict[str, str] = {
    "chebi": "ChEBI",
    "drugbank": "DrugBank",
    "rxnorm": "RxNorm",
    "atc": "ATC",
    "ncit": "NCIt",
    "unii": "UNII",
    "mesh": "MeSH",
    "wikidata": "Wikidata",
    "hgnc": "HGNC",
    "uniprot": "UniProt",
    "go": "GO",
    "clinicaltrials": "ClinicalTrials.gov",
    "pubmed": "PubMed",
    "doi": "DOI",
}

# Schemes whose own notation puts a banner before the local identifier.
_BANNER = {"chebi": "CHEBI:", "hgnc": "HGNC:", "go": "GO:"}

# Syntax of bare identifiers (no prefix), used to guess candidate schemes.
_BARE = {
    "drugbank": re.compile(r"DB\d{5}"),
    "rxnorm": re.compile(r"[1-9]\d{0,7}"),
    "atc": re.compile(r"[A-Z](\d{2}([A-Z]([A-Z](\d{2})?)?)?)?"),
    "ncit": re.compile(r"C\d+"),
    "unii": re.compile(r"[A-Z0-9]{10}"),
    "mesh": re.compile(r"D\d{6}|D\d{9}|C\d{6,9}"),
    "wikidata": re.compile(r"Q[1-9]\d*"),
    "uniprot": re.compile(r"[OPQ]\d[A-Z0-9]{3}\d|[A-NR-Z]\d([A-Z][A-Z0-9]{2}\d){1,2}"),
    "clinicaltrials": re.compile(r"NCT\d{8}"),
    "pubmed": re.compile(r"[1-9]\d{0,8}"),
    "doi": re.compile(r"10\.\d{4,9}/\S+"),
}

PREDICATE_ORDER = {p: i for i, p in enumerate(MATCH_PREDICATES)}
SCHEME_ORDER = {name: i for i, name in enumerate(SCHEMES.values())}


@cache
def _synonyms() -> dict[str, dict[str, list[str]]]:
    """Prefix and URI-prefix synonyms of the external schemes (generated from bioregistry)."""
    path = ontology_dir() / "mappings" / "prefix-synonyms.json"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as handle:
        data: dict[str, dict[str, list[str]]] = json.load(handle)
    return data


@cache
def converter() -> curies.Converter:
    """The project's prefix map with bioregistry's synonyms of the external schemes.

    Compresses e.g. ``http://identifiers.org/CHEBI:63791`` or
    ``https://www.wikidata.org/wiki/Q425681`` to the canonical CURIE.
    """
    import curies  # on first use: it pulls in pydantic, most of a cold start

    records = []
    synonyms = _synonyms()
    for prefix, uri_prefix in prefix_map().items():
        extra = synonyms.get(prefix, {})
        records.append(
            curies.Record(
                prefix=prefix,
                uri_prefix=uri_prefix,
                prefix_synonyms=sorted(set(extra.get("prefix_synonyms", [])) - {prefix}),
                uri_prefix_synonyms=sorted(set(extra.get("uri_prefix_synonyms", [])) - {uri_prefix}),
            )
        )
    return curies.Converter(records)


@cache
def _prefix_lookup() -> dict[str, str]:
    """Lower-cased prefix or prefix synonym → canonical prefix, for external schemes only."""
    lookup: dict[str, str] = {}
    for prefix in SCHEMES:
        lookup[prefix] = prefix
        for synonym in _synonyms().get(prefix, {}).get("prefix_synonyms", []):
            lookup.setdefault(synonym.lower(), prefix)
    return lookup


def _local(prefix: str, local: str) -> str:
    """Normalise a local identifier: upper case where the scheme is, banner removed."""
    banner = _BANNER.get(prefix)
    if banner and local.upper().startswith(banner):
        local = local[len(banner) :]
    if prefix in {"drugbank", "atc", "ncit", "unii", "mesh", "wikidata", "uniprot", "clinicaltrials"}:
        local = local.upper()
    return local


def notation(prefix: str, local: str) -> str:
    """The identifier as its scheme writes it: ``notation("chebi", "63791") == "CHEBI:63791"``."""
    return _BANNER.get(prefix, "") + local


def candidate_iris(text: str) -> list[str]:
    """External IRIs that ``text`` may denote (an IRI, a CURIE or a scheme's own notation, or a bare identifier).

    >>> candidate_iris("CHEBI:63791")
    ['http://purl.obolibrary.org/obo/CHEBI_63791']
    >>> candidate_iris("http://identifiers.org/drugbank/DB00480")
    ['http://identifiers.org/drugbank/DB00480', 'https://go.drugbank.com/drugs/DB00480']
    """
    text = text.strip()
    if not text:
        return []
    found: list[str] = []

    def add(iri: str | None) -> None:
        if iri and iri not in found:
            found.append(iri)

    if re.match(r"^https?://", text):
        add(text)
        conv = converter()
        curie = conv.compress(text, passthrough=False)
        if curie:
            prefix, local = curie.split(":", 1)
            if prefix in SCHEMES:
                add(prefix_map()[prefix] + _local(prefix, local))
        return found
    if ":" in text and not text.lower().startswith("10."):
        head, local = text.split(":", 1)
        known = _prefix_lookup().get(head.strip().lower())
        if known is not None:
            add(prefix_map()[known] + _local(known, local.strip()))
            return found
    upper = text.upper()
    for prefix, pattern in _BARE.items():
        candidate = text if prefix == "doi" else upper
        if pattern.fullmatch(candidate):
            add(prefix_map()[prefix] + candidate)
    return found


def _term(value: str) -> str:
    return str(ox.NamedNode(value))


def _valid_iri(value: str) -> bool:
    """False for text that is no IRI (a space, a '>'): it cannot be an external identifier's IRI."""
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


def _entities_for(kg: Store, iris: Iterable[str], text: str) -> dict[str, set[str]]:
    """Predicate → mmkg entities that map to one of ``iris`` or whose mapping has identifier ``text``."""
    values = " ".join(_term(i) for i in iris if _valid_iri(i))
    literal = str(ox.Literal(text.strip().upper()))
    parts = []
    if values:
        parts.append(f"{{ VALUES ?o {{ {values} }} ?e ?p ?o . }}")
    parts.append(
        f"{{ ?m a mmkg:Mapping ; mmkg:identifier ?id ; mmkg:subject ?e ; mmkg:predicate ?p . FILTER (UCASE(STR(?id)) = {literal}) }}"
    )
    sparql = (
        "SELECT DISTINCT ?e ?p WHERE { "
        + " UNION ".join(parts)
        + ' FILTER (?p IN (skos:exactMatch, skos:closeMatch)) FILTER (isIRI(?e) && STRSTARTS(STR(?e), "'
        + MMKG_BASE
        + '")) }'
    )
    found: dict[str, set[str]] = {}
    for row in kg.select(sparql):
        found.setdefault(str(row["p"]), set()).add(str(row["e"]))
    return found


def resolve_identifier(kg: Store, text: str) -> str | None:
    """The IRI of the mmkg entity (or class) an external identifier denotes, or ``None``.

    ``text`` may be a scheme's own notation (``"CHEBI:63791"``, ``"HGNC:30185"``), a bare
    identifier (``"DB00480"``, ``"L04AX04"``, ``"Q425681"``, ``"342369"``), a CURIE with
    a prefix of ``ontology/prefixes.json`` or a bioregistry synonym (``"drugbank:DB00480"``,
    ``"RXCUI:342369"``, ``"PMID:…"``), or an external IRI in any form bioregistry knows
    (``http://identifiers.org/chebi/CHEBI:63791``, ``https://www.wikidata.org/wiki/Q425681``).

    Exact matches win over close matches (e.g. ixazomib citrate's ChEBI entry
    resolves to ixazomib through its close match); broad and narrow matches are
    not followed. Returns ``None`` when nothing matches or when the identifier is
    ambiguous (two entities at the same strength).

    >>> import mmkg
    >>> kg = mmkg.load()
    >>> resolve_identifier(kg, "CHEBI:63791")
    'https://w3id.org/mmkg/drug/lenalidomide'
    >>> resolve_identifier(kg, "L01XG02")
    'https://w3id.org/mmkg/drug/carfilzomib'
    >>> resolve_identifier(kg, "L01XX45") is None  # carfilzomib's former ATC code
    True
    """
    if not text or not text.strip():
        return None
    found = _entities_for(kg, candidate_iris(text), text)
    for predicate in (SKOS + "exactMatch", SKOS + "closeMatch"):
        entities = found.get(predicate, set())
        if len(entities) == 1:
            return next(iter(entities))
        if len(entities) > 1:
            return None
    return None


__all__ = [
    "MATCH_PREDICATES",
    "MMKG_BASE",
    "PREDICATE_ORDER",
    "SCHEMES",
    "SCHEME_ORDER",
    "candidate_iris",
    "converter",
    "notation",
    "resolve_identifier",
]
