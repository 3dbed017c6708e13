"""Finding an entity from what a person types: label, abbreviation, spelling, CURIE or IRI.

Names are compared case-insensitively with dashes, slashes, plus signs and spaces
ignored, so "Isa-Kd", "isaKd" and "IsaKD" all find the same regimen. Unknown
names fail with the closest known names.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import weakref
from collections import defaultdict

from .errors import InputError
from .identifiers import MMKG_BASE, resolve_identifier
from .prefixes import compact, expand
from .store import Store

# When a name fits several entities, the first group with exactly one of them wins:
# "Isa-Kd" is the regimen, not IKEMA's arm that is labelled after it.
PRIORITY = (
    ("mmkg:Drug", "mmkg:Regimen"),
    (
        "mmkg:ClinicalTrial",
        "mmkg:MolecularTarget",
        "mmkg:Modality",
        "mmkg:DiseaseSetting",
        "mmkg:Agency",
        "mmkg:Region",
        "owl:Class",
    ),
)

NAME_PREDICATES = (
    "rdfs:label",
    "skos:prefLabel",
    "skos:altLabel",
    "skos:notation",
    "mmkg:internationalNonproprietaryName",
    "mmkg:brandName",
)


def normalise(name: str) -> str:
    """The key names are compared by.

    >>> normalise("Isa-Kd") == normalise("isaKd") == normalise("IsaKD") == normalise("isa kd")
    True
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\s\-‐‑‒–—_/+.,()]+", "", text)


class Resolver:
    """The names of one store's entities, indexed once."""

    def __init__(self, kg: Store) -> None:
        self.kg = kg
        self.names: dict[str, set[str]] = defaultdict(set)
        self.display: dict[str, str] = {}
        values = " ".join(NAME_PREDICATES)
        for row in kg.select(f"SELECT ?e ?name WHERE {{ VALUES ?p {{ {values} }} ?e ?p ?name FILTER(isIRI(?e)) }}"):
            key = normalise(str(row["name"]))
            if key:
                self.names[key].add(row["e"])
                self.display.setdefault(key, str(row["name"]))

    def _members(self, kind: str) -> set[str]:
        rows = self.kg.select("SELECT DISTINCT ?e WHERE { ?e a ?kind }", kind=expand(kind) or kind)
        return {row["e"] for row in rows}

    def _prefer(self, candidates: set[str]) -> set[str]:
        values = " ".join(f"<{c}>" for c in sorted(candidates))
        types: dict[str, set[str]] = {c: set() for c in candidates}
        for row in self.kg.select(f"SELECT ?e ?t WHERE {{ VALUES ?e {{ {values} }} ?e a ?t }}"):
            types[row["e"]].add(row["t"])
        for group in PRIORITY:
            kinds = {expand(k) for k in group}
            chosen = {c for c in candidates if types[c] & kinds}
            if chosen:
                return chosen
        return candidates

    def _exists(self, iri: str) -> bool:
        return bool(self.kg.query("ASK { { ?e ?p ?o } UNION { ?s ?p ?e } }", e=iri))

    def resolve(self, name: str, *, kind: str | None = None) -> str:
        text = name.strip()
        if not text:
            raise InputError("empty name")
        iri = text if re.match(r"^https?://\S+$", text) else expand(text)
        if iri is not None and iri.startswith(MMKG_BASE):
            if self._exists(iri):
                return iri
            raise InputError(f"unknown entity {text!r}: nothing in the graph has that IRI")
        if iri is not None:  # an external IRI or CURIE: follow the cross-references back
            found = resolve_identifier(self.kg, text)
            if found is not None:
                return found
            raise InputError(f"no mmkg entity maps to {text!r}")
        candidates = set(self.names.get(normalise(text), set()))
        if kind is not None and candidates:
            candidates &= self._members(kind)
        if len(candidates) == 1:
            return candidates.pop()
        if len(candidates) > 1:
            candidates = self._prefer(candidates)
        if len(candidates) == 1:
            return candidates.pop()
        if len(candidates) > 1:
            listed = ", ".join(sorted(compact(c) for c in candidates))
            raise InputError(f"ambiguous name {text!r}: it names {listed}; use one of these CURIEs")
        found = resolve_identifier(self.kg, text)  # a scheme's own notation: CHEBI:63791, DB00480, L04AX04
        if found is not None and (kind is None or found in self._members(kind)):
            return found
        if kind is None:
            known = self.display
        else:
            members = self._members(kind)
            known = {k: v for k, v in self.display.items() if self.names[k] & members}
        close = difflib.get_close_matches(normalise(text), list(known), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(repr(known[k]) for k in close)}?" if close else ""
        what = f"unknown {compact(kind)}" if kind else "unknown name"
        raise InputError(f"{what} {text!r}{hint}")


_RESOLVERS: weakref.WeakKeyDictionary[Store, Resolver] = weakref.WeakKeyDictionary()


def resolver(store: Store) -> Resolver:
    """The store's resolver, built on first use and kept as long as the store."""
    found = _RESOLVERS.get(store)
    if found is None:
        found = _RESOLVERS[store] = Resolver(store)
    return found


def resolve(store: Store, name: str, *, kind: str | None = None) -> str:
    """The IRI of the entity called ``name`` (label, abbreviation, CURIE, IRI or identifier).

    ``kind`` (a class IRI or CURIE) restricts the candidates to its members.
    Raises InputError naming close matches when nothing fits.

    >>> from mmkg.store import Store
    >>> resolve(Store.from_release(), "Isa-Kd")
    'https://w3id.org/mmkg/regimen/IsaKd'
    """
    return resolver(store).resolve(name, kind=kind)
