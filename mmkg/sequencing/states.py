"""A patient's derived states, evaluated closed-world from the ontology's own definitions.

Nothing about what "triple-class exposed" or "lenalidomide-refractory" means is
written here: the property chains (exposedTo = hasLineOfTherapy o lineDrug), the
defined classes (owl:equivalentClass intersections of someValuesFrom/hasValue
restrictions) and the counting rules (``ontology/rules/*.rq``) are read from the
graph and evaluated over the patient's history as a closed world — what the
history does not say did not happen. ``tests/sequencing/test_states.py`` checks that this
agrees with HermiT on a cohort.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pyoxigraph as ox

from .. import resources
from ..prefixes import compact, sparql_prologue
from ..rules import apply_rules, rule_files
from ..store import Store, solutions
from .history import MMKG, History, Line

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PATIENT_CLASS = MMKG + "Patient"


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
    drug_types: dict[str, set[str]] = field(default_factory=dict)
    progression_on_last_line: bool | None = None  # None: the history does not say
    last_line: int = 0
    # how the last line ended: on-therapy, within-60-days, after-60-days, none, or
    # non-response; None when the history does not say
    last_line_course: str | None = None

    def is_a(self, cls: str) -> bool:
        return cls in self.states

    def members_exposed(self, cls: str) -> list[str]:
        return sorted(d for d in self.exposed if cls in self.drug_types.get(d, set()) or d == cls)

    def members_refractory(self, cls: str) -> list[str]:
        return sorted(d for d in self.refractory if cls in self.drug_types.get(d, set()) or d == cls)

    def to_dict(self, kg: Store) -> dict[str, Any]:
        return {
            "prior_lines": self.prior_lines,
            "exposed": sorted(kg.label(d) for d in self.exposed),
            "refractory": sorted(kg.label(d) for d in self.refractory),
            "states": sorted(compact(s) for s in self.states),
            "progression_on_last_line": self.progression_on_last_line,
        }


@cache
def definitions(kg: Store) -> dict[str, Definition]:
    """Every class defined as an intersection, read from the graph (once per graph)."""
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
    return {
        cls: Definition(cls, tuple(sorted(named[cls])), tuple(sorted(restrictions[cls], key=str)))
        for cls in set(named) | set(restrictions)
    }


def _chain_values(kg: Store, history: History) -> dict[str, set[str]]:
    """Patient property values from the ontology's property chains and sub-properties."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in history.triples())
    chains = kg.select(
        "SELECT ?p ?first ?second WHERE { ?p owl:propertyChainAxiom ?c . ?c rdf:first ?first ; rdf:rest/rdf:first ?second }"
    )
    values: dict[str, set[str]] = defaultdict(set)
    for chain in chains:
        query = f"SELECT ?z WHERE {{ <{history.iri()}> <{chain['first']}>/<{chain['second']}> ?z }}"
        values[chain["p"]] |= {str(row["z"].value) for row in solutions(store, query)}
    for row in kg.select("SELECT ?sub ?super WHERE { ?sub rdfs:subPropertyOf+ ?super . ?sub a owl:ObjectProperty }"):
        values[row["super"]] |= values.get(row["sub"], set())
    return values


def _drug_types(kg: Store, drugs: set[str], history: History) -> dict[str, set[str]]:
    types: dict[str, set[str]] = defaultdict(set)
    if drugs:
        values = " ".join(f"<{d}>" for d in sorted(drugs))
        for row in kg.select(f"SELECT ?d ?c WHERE {{ VALUES ?d {{ {values} }} ?d a ?c }}"):
            types[row["d"]].add(row["c"])
    for placeholder, cls in history.placeholders.items():
        types[placeholder].add(cls)
        types[placeholder] |= {
            r["super"] for r in kg.select("SELECT ?super WHERE { ?c rdfs:subClassOf+ ?super }", c=cls)
        }
    return types


def _holds(restriction: Restriction, values: dict[str, set[str]], types: dict[str, set[str]]) -> bool:
    found = values.get(restriction.prop, set())
    if restriction.value is not None:
        return restriction.value in found
    if restriction.some is not None:
        return any(restriction.some in types.get(v, set()) for v in found)
    return False


def _classify(defs: dict[str, Definition], values: dict[str, set[str]], types: dict[str, set[str]]) -> set[str]:
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


def derive_state(kg: Store, history: History) -> PatientState:
    """Evaluate the patient's exposure and refractoriness classes closed-world."""
    values = _chain_values(kg, history)
    exposed_drugs = values.get(MMKG + "exposedTo", set())
    types = _drug_types(kg, exposed_drugs, history)
    states = _classify(definitions(kg), values, types)

    # counting classes come from the same closed-world rules the build runs
    store = ox.Store()
    patient = ox.NamedNode(history.iri())
    quads = [ox.Quad(patient, RDF_TYPE, ox.NamedNode(c)) for c in states]
    for prop, found in values.items():
        quads += [ox.Quad(patient, ox.NamedNode(prop), ox.NamedNode(v)) for v in found]
    for drug, drug_classes in types.items():
        quads += [ox.Quad(ox.NamedNode(drug), RDF_TYPE, ox.NamedNode(c)) for c in drug_classes]
    store.extend(quads)
    added = apply_rules(store, rule_files(resources.rules_dir()), prefixes=sparql_prologue())
    states |= {
        str(t.object.value)
        for t in added
        if t.subject == patient and t.predicate == RDF_TYPE and isinstance(t.object, ox.NamedNode)
    }
    classes = " ".join(f"<{c}>" for c in sorted(states))
    states |= {
        r["super"]
        for r in kg.select(
            f"SELECT ?super WHERE {{ VALUES ?c {{ {classes} }} ?c rdfs:subClassOf+ ?super . ?super rdfs:subClassOf+ mmkg:Patient }}"
        )
    }

    exposed_line: dict[str, int] = {}
    refractory_line: dict[str, int] = {}
    for line in history.lines:
        for drug in line.drugs:
            exposed_line.setdefault(drug, line.number)
        for drug in line.refractory_to:
            refractory_line.setdefault(drug, line.number)
    last = history.lines[-1] if history.lines else None
    return PatientState(
        patient=history.iri(),
        prior_lines=history.prior_lines,
        exposed=exposed_line,
        refractory=refractory_line,
        states=states - {PATIENT_CLASS},
        drug_types=dict(types),
        progression_on_last_line=_progressed_on(last),
        last_line=last.number if last else 0,
        last_line_course=_course(last),
    )


def _course(line: Line | None) -> str | None:
    if line is None:
        return None
    if line.progression is not None:
        return line.progression
    if line.best_response in ("SD", "PD"):
        return "non-response"
    return "on-therapy" if line.refractory else None


def _progressed_on(line: Line | None) -> bool | None:
    if line is None:
        return None
    if line.refractory:
        return True
    return False if line.progression in ("after-60-days", "none") else None
