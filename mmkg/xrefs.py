"""Cross-references of mmkg entities to external vocabularies, with their sources.

An mmkg drug, target or class points to external concepts with SKOS mapping
properties; each such triple is described by a ``mmkg:Mapping`` node that carries
the identifier as its scheme writes it and the sources it was seen in
(``ontology/kb/xrefs.ttl``, ``ontology/kb/class-alignments.ttl``). Identifiers
recorded as absent are ``mmkg:AbsentIdentifier`` nodes. A regimen has no identifier of
its own: its cross-references are its components'; a drug class has its own alignments
(ATC groups, ChEBI roles) and its members' (:func:`parts`), each marked with ``via``.

>>> from mmkg.store import Store
>>> [(x["scheme"], x["identifier"]) for x in xrefs(Store.from_release(), "drug:lenalidomide")][:3]
[('ChEBI', 'CHEBI:63791'), ('DrugBank', 'DB00480'), ('RxNorm', '342369')]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox

from .errors import InputError
from .identifiers import MMKG_BASE, PREDICATE_ORDER, SCHEME_ORDER, SCHEMES, converter, notation, resolve_identifier
from .prefixes import compact, expand
from .resolve import resolve
from .store import Store
from .terms import iri as iri_term


def entity_iri(kg: Store, entity: str) -> str:
    """The IRI of ``entity``: an IRI, an mmkg CURIE, an external identifier, or a name ``kg.resolve`` knows."""
    if not isinstance(entity, str):
        raise InputError(f"an entity is named by text, got {type(entity).__name__}")
    entity = entity.strip()
    if re.match(r"^https?://", entity):
        if entity.startswith(MMKG_BASE):
            return entity
        resolved = resolve_identifier(kg, entity)
        return resolved if resolved is not None else entity
    iri = expand(entity)
    if iri is not None and iri.startswith(MMKG_BASE):
        return iri
    resolved = resolve_identifier(kg, entity)
    if resolved is not None:
        return resolved
    return resolve(kg, entity)


def _scheme_of(iri: str) -> tuple[str, str, str]:
    """(scheme name, identifier, CURIE) of an external IRI, from the prefix map."""
    curie = converter().compress(iri, passthrough=False)
    if curie is None:
        return ("", iri, iri)
    prefix, local = curie.split(":", 1)
    return (SCHEMES.get(prefix, prefix), notation(prefix, local), curie)


def parts(kg: Store, iri: str) -> list[str]:
    """What ``iri``'s cross-references are read through: a regimen's components, a drug class's members."""
    rows = kg.select(
        """SELECT DISTINCT ?part WHERE {
          { ?e a mmkg:Regimen ; mmkg:hasComponent ?part }
          UNION { ?e mmkg:classificationAxis ?axis . ?part a ?e ; a mmkg:Drug }
        } ORDER BY ?part""",
        e=ox.NamedNode(iri),
    )
    return [str(row["part"]) for row in rows]


def xrefs(kg: Store, entity: str) -> list[dict[str, Any]]:
    """The cross-references of ``entity`` (an mmkg IRI, CURIE, name or external identifier).

    The entity's own first, then, for a regimen or a drug class, those of each of its
    :func:`parts` (``via`` names the part; ``None`` for the entity's own).

    >>> import mmkg
    >>> sorted({x["via"] for x in xrefs(mmkg.load(), "DaraVRd")})  # doctest: +NORMALIZE_WHITESPACE
    ['https://w3id.org/mmkg/drug/bortezomib', 'https://w3id.org/mmkg/drug/daratumumab',
     'https://w3id.org/mmkg/drug/dexamethasone', 'https://w3id.org/mmkg/drug/lenalidomide']
    """
    return _with_parts(kg, entity_iri(kg, entity), _own_xrefs)


def _own_xrefs(kg: Store, iri: str) -> list[dict[str, Any]]:
    """The mappings of ``iri`` itself.

    One dict per mapping, strongest and best-known schemes first, with keys:
    ``scheme`` (e.g. ``"ChEBI"``), ``identifier`` (``"CHEBI:63791"``), ``iri`` (the
    external IRI), ``curie`` (``"chebi:63791"``), ``predicate`` (``"skos:exactMatch"``),
    ``sources`` (IRIs of the references the mapping was read in) and ``mapping``
    (the ``mmkg:Mapping`` node, or ``None`` for a mapping derived by a build rule,
    whose sources are then the entity's own) and ``via`` (``None``).

    >>> import mmkg
    >>> [x for x in xrefs(mmkg.load(), "lenalidomide") if x["scheme"] == "ATC"][0]["iri"]
    'http://www.whocc.no/atc_ddd_index/?code=L04AX04'
    """
    rows = kg.select(
        """
        SELECT ?p ?o ?m ?id ?scheme ?src WHERE {
          ?e ?p ?o .
          FILTER (?p IN (skos:exactMatch, skos:closeMatch, skos:broadMatch, skos:narrowMatch, skos:relatedMatch))
          FILTER (isIRI(?o))
          OPTIONAL {
            ?m a mmkg:Mapping ; mmkg:subject ?e ; mmkg:predicate ?p ; mmkg:object ?o .
            OPTIONAL { ?m mmkg:identifier ?id }
            OPTIONAL { ?m mmkg:scheme ?scheme }
            OPTIONAL { ?m dcterms:source ?src }
          }
        }
        """,
        e=iri_term(iri),
    )
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        predicate, target = str(row["p"]), str(row["o"])
        item = merged.get((predicate, target))
        if item is None:
            scheme, identifier, curie = _scheme_of(target)
            item = {
                "scheme": str(row.get("scheme", scheme)),
                "identifier": str(row.get("id", identifier)),
                "iri": target,
                "curie": curie,
                "predicate": compact(predicate),
                "sources": [],
                "mapping": str(row["m"]) if "m" in row else None,
                "via": None,
            }
            merged[(predicate, target)] = item
        if "src" in row and str(row["src"]) not in item["sources"]:
            item["sources"].append(str(row["src"]))
    if any(item["mapping"] is None for item in merged.values()):
        own = [str(r["s"]) for r in kg.select("SELECT ?s WHERE { ?e dcterms:source ?s }", e=ox.NamedNode(iri))]
        for item in merged.values():
            if item["mapping"] is None:
                item["sources"] = list(own)
    result = list(merged.values())
    for item in result:
        item["sources"].sort()
    result.sort(
        key=lambda x: (
            SCHEME_ORDER.get(x["scheme"], len(SCHEME_ORDER)),
            PREDICATE_ORDER.get(expand(x["predicate"]) or x["predicate"], 9),
            x["identifier"],
        )
    )
    return result


def absent_identifiers(kg: Store, entity: str) -> list[dict[str, Any]]:
    """Schemes in which ``entity`` (or one of its :func:`parts`, ``via``) has no identifier, with why.

    From the ``mmkg:AbsentIdentifier`` records. Keys: ``scheme``, ``status`` (``"not
    assigned"`` or ``"not found"``), ``checked_in`` (source IRIs), ``date`` (when it was
    checked), ``note`` and ``via``.

    >>> import mmkg
    >>> [(a["scheme"], a["status"]) for a in absent_identifiers(mmkg.load(), "drug:iberdomide") if a["scheme"] == "ATC"]
    [('ATC', 'not assigned')]
    """
    return _with_parts(kg, entity_iri(kg, entity), _own_absences)


def _with_parts(kg: Store, iri: str, own: Callable[[Store, str], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """``own`` records of ``iri``, then those of each of its :func:`parts`, marked with ``via``."""
    found = own(kg, iri)
    for part in parts(kg, iri):
        found += [record | {"via": part} for record in own(kg, part)]
    return found


def _own_absences(kg: Store, iri: str) -> list[dict[str, Any]]:
    rows = kg.select(
        """
        SELECT ?a ?scheme ?status ?checked ?date ?note WHERE {
          ?a a mmkg:AbsentIdentifier ; mmkg:absentFor ?e ; mmkg:scheme ?scheme .
          OPTIONAL { ?a mmkg:absenceStatus ?status }
          OPTIONAL { ?a mmkg:checkedIn ?checked }
          OPTIONAL { ?a dcterms:date ?date }
          OPTIONAL { ?a mmkg:curationNote ?note }
        }
        """,
        e=iri_term(iri),
    )
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:
        item = merged.setdefault(
            str(row["a"]),
            {
                "scheme": str(row["scheme"]),
                "status": str(row.get("status", "")),
                "checked_in": [],
                "date": row.get("date"),
                "note": str(row.get("note", "")),
                "via": None,
            },
        )
        if "checked" in row and str(row["checked"]) not in item["checked_in"]:
            item["checked_in"].append(str(row["checked"]))
    return sorted(merged.values(), key=lambda x: SCHEME_ORDER.get(x["scheme"], len(SCHEME_ORDER)))


__all__ = ["absent_identifiers", "entity_iri", "parts", "xrefs"]
