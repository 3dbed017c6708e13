"""A patient's derived states, evaluated closed-world from the ontology's own definitions.

Nothing about what "triple-class exposed" or "lenalidomide-refractory" means is
written here: the property chains (exposedTo = hasLineOfTherapy o lineDrug), the
defined classes (owl:equivalentClass intersections of someValuesFrom/hasValue
restrictions) and the counting rules (``ontology/rules/*.rq``) are read from the
graph and evaluated over the patient's history as a closed world — what the
history does not say did not happen. ``tests/sequencing/test_states.py`` checks that this
agrees with HermiT on a cohort.

The definitions, chains and rules are read once per store; a patient's states depend
only on what the patient was exposed and refractory to, so the rules run once per
distinct exposure (a cohort repeats the same combinations).
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .. import resources
from ..prefixes import compact, sparql_prologue
from ..rules import apply_rules, rule_files
from ..store import Store
from .knowledge import MMKG, Knowledge, knowledge

if TYPE_CHECKING:
    from .history import History, Line

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PATIENT_CLASS = MMKG + "Patient"
_RULE_PATIENT = "https://w3id.org/mmkg/patient/state"


@dataclass(frozen=True)
class Restriction:
    prop: str
    some: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class Definition:
    """A defined class: the intersection of named classes and restrictions."""

    cls: str
    classes: tuple[str, ...]
    restrictions: tuple[Restriction, ...]


@dataclass
class PatientState:
    """What a patient's history makes them: exposures, refractoriness and classes (IRIs)."""

    patient: str
    prior_lines: int
    exposed: dict[str, int]  # drug → first line that gave it
    refractory: dict[str, int]  # drug → first line refractory to it
    states: set[str]  # patient classes, e.g. mmkg:LenalidomideRefractory
    drug_types: dict[str, frozenset[str]] = field(default_factory=dict)
    progression_on_last_line: bool | None = None  # None: the history does not say
    last_line: int = 0
    # how the last line ended, a course notation (ontology/kb/sequencing.ttl); None when not said
    last_line_course: str | None = None

    def is_a(self, cls: str) -> bool:
        return cls in self.states

    # what members_exposed / members_refractory found, by class: an option's indications ask
    # about the same few classes (the state is read, not changed, once derived)
    _found: dict[tuple[str, bool], list[str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def _members(self, cls: str, refractory: bool) -> list[str]:
        found = self._found.get((cls, refractory))
        if found is None:
            types = self.drug_types
            found = self._found[(cls, refractory)] = sorted(
                d for d in (self.refractory if refractory else self.exposed) if d == cls or cls in types.get(d, ())
            )
        return found

    def members_exposed(self, cls: str) -> list[str]:
        return list(self._members(cls, False))

    def members_refractory(self, cls: str) -> list[str]:
        return list(self._members(cls, True))

    def to_dict(self, kg: Store) -> dict[str, Any]:
        return {
            "prior_lines": self.prior_lines,
            "exposed": sorted(kg.label(d) for d in self.exposed),
            "refractory": sorted(kg.label(d) for d in self.refractory),
            "states": sorted(compact(s) for s in self.states),
            "progression_on_last_line": self.progression_on_last_line,
            "last_line_course": self.last_line_course,
        }


@dataclass
class _Ontology:
    """The patient-side definitions of one store: defined classes, property chains, sub-properties, rules."""

    definitions: dict[str, Definition]
    chains: list[tuple[str, str, str]]  # (property, first, second)
    super_properties: dict[str, frozenset[str]]
    patient_superclasses: dict[str, frozenset[str]]
    memo: dict[Any, frozenset[str]] = field(default_factory=dict)


_ONTOLOGIES: weakref.WeakKeyDictionary[Store, _Ontology] = weakref.WeakKeyDictionary()


def definitions(kg: Store) -> dict[str, Definition]:
    """Every class defined as an intersection, read from the graph (once per graph)."""
    return _ontology(kg).definitions


def _ontology(kg: Store) -> _Ontology:
    found = _ONTOLOGIES.get(kg)
    if found is not None:
        return found
    rows = kg.select(
        """SELECT ?cls ?member ?prop ?some ?value WHERE {
             ?cls owl:equivalentClass ?e . ?e owl:intersectionOf ?list .
             ?list rdf:rest*/rdf:first ?member . FILTER (isIRI(?cls))
             OPTIONAL { ?member owl:onProperty ?prop .
                        OPTIONAL { ?member owl:someValuesFrom ?some } OPTIONAL { ?member owl:hasValue ?value } } }"""
    )
    named: dict[str, list[str]] = defaultdict(list)
    restrictions: dict[str, list[Restriction]] = defaultdict(list)
    for row in rows:
        if "prop" in row:
            restrictions[row["cls"]].append(Restriction(row["prop"], row.get("some"), row.get("value")))
        elif not str(row["member"]).startswith("_:"):
            named[row["cls"]].append(row["member"])
    defs = {
        cls: Definition(cls, tuple(sorted(named[cls])), tuple(sorted(restrictions[cls], key=str)))
        for cls in set(named) | set(restrictions)
    }
    chains = [
        (row["p"], row["first"], row["second"])
        for row in kg.select(
            "SELECT ?p ?first ?second WHERE { ?p owl:propertyChainAxiom ?c . ?c rdf:first ?first ; rdf:rest/rdf:first ?second }"
        )
    ]
    supers: dict[str, set[str]] = defaultdict(set)
    for row in kg.select("SELECT ?sub ?super WHERE { ?sub rdfs:subPropertyOf+ ?super . ?sub a owl:ObjectProperty }"):
        supers[row["sub"]].add(row["super"])
    patient_supers: dict[str, set[str]] = defaultdict(set)
    for row in kg.select(
        "SELECT ?c ?super WHERE { ?c rdfs:subClassOf+ ?super . ?super rdfs:subClassOf+ mmkg:Patient }"
    ):
        patient_supers[row["c"]].add(row["super"])
    found = _Ontology(
        defs,
        chains,
        {p: frozenset(s) for p, s in supers.items()},
        {c: frozenset(s) for c, s in patient_supers.items()},
    )
    _ONTOLOGIES[kg] = found
    return found


def _chain_values(onto: _Ontology, history: History) -> dict[str, set[str]]:
    """Patient property values from the ontology's property chains and sub-properties, over the history's triples."""
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for t in history.triples():
        if isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode):
            edges[(t.subject.value, t.predicate.value)].add(t.object.value)
    patient = history.iri()
    values: dict[str, set[str]] = defaultdict(set)
    for prop, first, second in onto.chains:
        for middle in edges.get((patient, first), ()):
            values[prop] |= edges.get((middle, second), set())
    for sub, supers in onto.super_properties.items():
        for sup in supers:
            values[sup] |= values.get(sub, set())
    return values


def _drug_types(k: Knowledge, drugs: set[str], history: History) -> dict[str, frozenset[str]]:
    types: dict[str, frozenset[str]] = {d: k.drugs[d].types for d in drugs if d in k.drugs}
    for placeholder, cls in history.placeholders.items():
        types[placeholder] = frozenset({cls}) | k.superclasses.get(cls, frozenset())
    return types


def _holds(restriction: Restriction, values: dict[str, set[str]], types: dict[str, frozenset[str]]) -> bool:
    found = values.get(restriction.prop, set())
    if restriction.value is not None:
        return restriction.value in found
    if restriction.some is not None:
        return any(restriction.some in types.get(v, frozenset()) for v in found)
    return False


def _classify(defs: dict[str, Definition], values: dict[str, set[str]], types: dict[str, frozenset[str]]) -> set[str]:
    """The defined classes the patient belongs to (least fixpoint over the definitions)."""
    member = {PATIENT_CLASS}
    changed = True
    while changed:
        changed = False
        for cls, definition in defs.items():
            if cls in member:
                continue
            if (
                all(c in member for c in definition.classes)
                and all(_holds(r, values, types) for r in definition.restrictions)
                and (definition.classes or definition.restrictions)
            ):
                member.add(cls)
                changed = True
    return member


def _rule_states(
    onto: _Ontology, states: set[str], values: dict[str, set[str]], types: dict[str, frozenset[str]]
) -> frozenset[str]:
    """The classes the closed-world rules add (counting: penta-drug exposed/refractory), once per distinct input."""
    key = (
        frozenset(states),
        frozenset((p, frozenset(v)) for p, v in values.items() if v),
        frozenset((d, t) for d, t in types.items()),
    )
    found = onto.memo.get(key)
    if found is not None:
        return found
    store = ox.Store()
    patient = ox.NamedNode(_RULE_PATIENT)
    quads = [ox.Quad(patient, RDF_TYPE, ox.NamedNode(c)) for c in states]
    for prop, objects in values.items():
        quads += [ox.Quad(patient, ox.NamedNode(prop), ox.NamedNode(v)) for v in objects]
    for drug, drug_classes in types.items():
        quads += [ox.Quad(ox.NamedNode(drug), RDF_TYPE, ox.NamedNode(c)) for c in drug_classes]
    store.extend(quads)
    added = apply_rules(store, rule_files(resources.rules_dir()), prefixes=sparql_prologue())
    found = frozenset(
        str(t.object.value)
        for t in added
        if t.subject == patient and t.predicate == RDF_TYPE and isinstance(t.object, ox.NamedNode)
    )
    onto.memo[key] = found
    return found


def derive_state(kg: Store, history: History) -> PatientState:
    """Evaluate the patient's exposure and refractoriness classes closed-world."""
    k = knowledge(kg)
    onto = _ontology(kg)
    values = _chain_values(onto, history)
    exposed_drugs = values.get(MMKG + "exposedTo", set())
    types = _drug_types(k, exposed_drugs, history)
    states = _classify(onto.definitions, values, types)
    states |= _rule_states(onto, states, values, types)
    states |= {s for c in list(states) for s in onto.patient_superclasses.get(c, ())}
    state = exposure_state(k, history, types)
    state.states = states - {PATIENT_CLASS}
    return state


def exposure_state(k: Knowledge, history: History, types: dict[str, frozenset[str]] | None = None) -> PatientState:
    """What the patient was exposed and refractory to (first line of each), and how the last line ended.

    The patient's classes (``states``) are left empty: :func:`derive_state` adds them.
    ``types``: the classes of the drugs (default: as the graph and the history's placeholders give them).
    """
    exposed_line: dict[str, int] = {}
    refractory_line: dict[str, int] = {}
    for line in history.lines:
        for drug in line.drugs:
            exposed_line.setdefault(drug, line.number)
        for drug in line.refractory_to:
            refractory_line.setdefault(drug, line.number)
    last = history.lines[-1] if history.lines else None
    course = last.course(k) if last else None
    return PatientState(
        patient=history.iri(),
        prior_lines=history.prior_lines,
        exposed=exposed_line,
        refractory=refractory_line,
        states=set(),
        drug_types=_drug_types(k, set(exposed_line), history) if types is None else types,
        progression_on_last_line=progressed_on(last, k),
        last_line=last.number if last else 0,
        last_line_course=course,
    )


def progressed_on(line: Line | None, k: Knowledge) -> bool | None:
    """Whether the disease progressed on ``line`` (a refractory course), None when the history does not say."""
    if line is None:
        return None
    course = line.course(k)
    if course is None:
        return True if line.refractory else None
    return course in k.refractory_courses
