"""Finding an entity from what a person types: the one resolution rule of mmkg.

A name is a label, an abbreviation or spelling (``skos:altLabel``), an INN, a brand
name, a notation, the local name of an mmkg IRI (``NDMM-TIE`` for ``setting:NDMM-TIE``,
so every short name an output prints is accepted back), a CURIE, an IRI or an external
identifier (``DB00480``, ``CHEBI:63791``). Names are compared case-insensitively with
dashes, slashes, plus signs and spaces ignored, so "Isa-Kd", "isaKd" and "IsaKD" all
find the same regimen. Unknown names fail with the closest known names.

The same rule binds query variables from Python (:func:`binding`): the command line's
flags and ``--param``, ``kg.query``/``kg.run`` bindings and patient histories all
resolve names here.

>>> from mmkg.store import Store
>>> store = Store.from_release()
>>> [resolve(store, name) for name in ("Darzalex", "NDMM-TIE", "Tec-Dara")]  # doctest: +NORMALIZE_WHITESPACE
['https://w3id.org/mmkg/drug/daratumumab', 'https://w3id.org/mmkg/setting/NDMM-TIE',
 'https://w3id.org/mmkg/regimen/Tec-Dara']
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import weakref
from collections import defaultdict
from typing import Any

import pyoxigraph as ox

from .errors import InputError
from .identifiers import MMKG_BASE, resolve_identifier
from .prefixes import compact, expand
from .store import Store, check_variable
from .terms import Term, iri, to_term

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


_IRI = re.compile(r"^https?://\S+$")


def local_name(iri: str) -> str:
    """The part of an IRI after its namespace: ``NDMM-TIE`` for ``setting:NDMM-TIE``.

    >>> local_name("https://w3id.org/mmkg/regimen/Tec-Dara")
    'Tec-Dara'
    """
    curie = compact(iri)
    if curie != iri:
        return curie.split(":", 1)[1]
    return re.split(r"[/#]", iri)[-1]


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
        # Four indexes, consulted in order: a name exactly as typed, then an IRI's local name
        # exactly as typed, then both compared by normalise(). So "cilta-cel" is the drug (an
        # abbreviation) rather than regimen:cilta-cel, and "MonoclonalAntibody" is the class
        # mmkg:MonoclonalAntibody rather than the modality whose label it also spells.
        self.exact_names: dict[str, set[str]] = defaultdict(set)
        self.exact_local_names: dict[str, set[str]] = defaultdict(set)
        self.names: dict[str, set[str]] = defaultdict(set)
        self.local_names: dict[str, set[str]] = defaultdict(set)
        self.display: dict[str, str] = {}
        values = " ".join(NAME_PREDICATES)
        for row in kg.select(f"SELECT ?e ?name WHERE {{ VALUES ?p {{ {values} }} ?e ?p ?name FILTER(isIRI(?e)) }}"):
            name, key = str(row["name"]), normalise(str(row["name"]))
            if key:
                self.exact_names[name].add(row["e"])
                self.names[key].add(row["e"])
                self.display.setdefault(key, name)
        # Outputs print CURIEs and bare codes ("NDMM-TIE", "FDA"): the local name of an mmkg
        # IRI is a name of it too.
        for row in kg.select(
            f"SELECT DISTINCT ?e WHERE {{ ?e ?p ?o FILTER(isIRI(?e) && STRSTARTS(STR(?e), {ox.Literal(MMKG_BASE)!s})) }}"
        ):
            local = local_name(row["e"])
            key = normalise(local)
            if key:
                self.exact_local_names[local].add(row["e"])
                self.local_names[key].add(row["e"])
                self.display.setdefault(key, local)

    def _members(self, kind: str) -> set[str]:
        rows = self.kg.select("SELECT DISTINCT ?e WHERE { ?e a ?kind }", kind=ox.NamedNode(expand(kind) or kind))
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

    def exists(self, iri: str) -> bool:
        """Whether ``iri`` occurs in the graph (read from the store directly, without a query)."""
        return _exists(self.kg, iri)

    def _named(self, text: str, kind: str | None) -> set[str]:
        """Entities ``text`` names, from the first index (see ``__init__``) that has any."""
        key = normalise(text)
        for index, lookup in (
            (self.exact_names, text),
            (self.exact_local_names, text),
            (self.names, key),
            (self.local_names, key),
        ):
            candidates = set(index.get(lookup, set()))
            if kind is not None and candidates:
                candidates &= self._members(kind)
            if candidates:
                return candidates
        return set()

    def resolve(self, name: str, *, kind: str | None = None) -> str:
        if not isinstance(name, str):
            raise InputError(f"a name is text, got {type(name).__name__}: {name!r}")
        if kind is not None and not isinstance(kind, str):
            raise InputError(f"a kind is a class CURIE or IRI (text), got {type(kind).__name__}: {kind!r}")
        text = name.strip()
        if not text:
            raise InputError("empty name")
        own = _mmkg_entity(self.kg, text)
        if own is not None:
            return own
        iri = text if _IRI.match(text) else expand(text)
        if iri is not None:  # an external IRI or CURIE: follow the cross-references back
            found = resolve_identifier(self.kg, text)
            if found is not None:
                return found
            raise InputError(f"no mmkg entity maps to {text!r}")
        candidates = self._named(text, kind)
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
            known = {
                k: v
                for k, v in self.display.items()
                if (self.names.get(k, set()) | self.local_names.get(k, set())) & members
            }
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
    if store not in _RESOLVERS and isinstance(name, str) and (kind is None or isinstance(kind, str)):
        # a cold command resolves a name or two: where the rule's answer needs no index, none is built
        found = _mmkg_entity(store, name.strip()) or _exactly_named(store, name, kind)
        if found is not None:
            return found
    return resolver(store).resolve(name, kind=kind)


def _exists(store: Store, iri: str) -> bool:
    try:
        node = ox.NamedNode(iri)
    except ValueError as error:
        raise InputError(f"not a valid IRI: {iri!r} ({error})") from None
    quads = store.store.quads_for_pattern
    return any(True for _ in quads(node, None, None)) or any(True for _ in quads(None, None, node))


def _mmkg_entity(store: Store, text: str) -> str | None:
    """The entity an mmkg IRI or CURIE names (an InputError when nothing in the graph has it); None for any other name."""
    iri = text if _IRI.match(text) else expand(text)
    if iri is None or not iri.startswith(MMKG_BASE):
        return None
    if _exists(store, iri):
        return iri
    raise InputError(f"unknown entity {text!r}: nothing in the graph has that IRI")


def _exactly_named(store: Store, name: object, kind: object) -> str | None:
    """The one entity ``name`` names exactly as typed (the resolver's first index), looked up without building it.

    A cold command resolves a name or two; indexing every name first was a third of its
    time. None when the full rule is needed (no exact name, more than one, or not a plain name).
    """
    if not isinstance(name, str) or not (kind is None or isinstance(kind, str)):
        return None
    text = name.strip()
    if not text or not normalise(text) or _IRI.match(text) or expand(text) is not None:
        return None
    values = " ".join(NAME_PREDICATES)
    rows = store.select(
        f"SELECT DISTINCT ?e WHERE {{ VALUES ?p {{ {values} }} ?e ?p ?name FILTER(isIRI(?e) && STR(?name) = ?text) }}",
        text=ox.Literal(text),
    )
    candidates = {row["e"] for row in rows}
    if candidates and kind is not None:
        members = store.select("SELECT DISTINCT ?e WHERE { ?e a ?kind }", kind=ox.NamedNode(expand(kind) or kind))
        candidates &= {row["e"] for row in members}
    return candidates.pop() if len(candidates) == 1 else None


def binding(store: Store, value: Any) -> Term:
    """A value bound to a query variable from Python, by the one resolution rule.

    A plain string names an entity and is resolved (label, abbreviation, brand name,
    local name, mmkg CURIE or external identifier), or InputError names close
    matches: a binding never silently matches nothing. Full IRIs, CURIEs outside
    mmkg's namespaces (``skos:exactMatch``, ``chebi:63791``) and pyoxigraph terms are
    taken as they are; numbers, dates and booleans become typed literals. A string
    literal is bound as ``pyoxigraph.Literal("text")``.

    >>> from mmkg.store import Store
    >>> binding(Store.from_release(), "belantamab mafodotin")
    <NamedNode value=https://w3id.org/mmkg/drug/belantamab-mafodotin>
    """
    if not isinstance(value, str):
        return to_term(value)
    text = value.strip()
    if _IRI.match(text):
        return iri(text)
    expanded = expand(text)
    if expanded is not None and not expanded.startswith(MMKG_BASE):
        return iri(expanded)
    return ox.NamedNode(resolve(store, text))


def bindings(store: Store, values: dict[str, Any]) -> dict[str, Term]:
    """:func:`binding` for each variable of ``values`` (their names checked first, before any name is resolved)."""
    for name in values:
        check_variable(name)
    return {name: binding(store, value) for name, value in values.items()}
