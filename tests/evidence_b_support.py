"""Helpers for the evidence-b tests: read one curated result, trial or arm from the release."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from mmkg.prefixes import compact, expand

MMKG = "https://w3id.org/mmkg/ontology/"

# Properties read as single values (a list would hide a duplicate).
_SINGLE = {
    "ofTrial", "forArm", "versusArm", "inPopulation", "endpoint", "statistic", "estimate", "estimateRelation",
    "notReached", "ciLower", "ciUpper", "ciUpperNotReached", "ciLevel", "pValue", "pValueRelation", "unit",
    "timepointMonths", "timepointDays", "minimumGrade", "maximumGrade", "medianFollowUpMonths", "rangeMin",
    "rangeMax", "numberOfPatients", "confidence", "nctId", "phase", "trialStatus", "randomisationRatio",
    "sampleSize", "plannedSampleSize", "enrolledPopulation", "preferenceRank", "evidenceLevel",
    "recommendationGrade", "recommendationText", "inGuideline", "treatmentPhase", "patientSubgroup",
    "minPriorLines", "maxPriorLines", "maxECOG", "minAge", "subgroupOf", "lastTherapyCondition",
    "diseaseSetting", "prefers", "over", "aboutClass",
}

def describe(kg, curie: str) -> dict[str, Any]:
    """The node's mmkg properties by local name: single values for the properties in _SINGLE, sets otherwise.

    IRIs come back as CURIEs (e.g. "endpoint:PFS", "stat:median", "mmkg:X", "unit:PERCENT");
    the node must exist.
    """
    node = iri(curie)
    rows = kg.select("SELECT ?p ?o WHERE { ?s ?p ?o }", s=node)
    assert rows, f"{curie} is not in the release"
    found: dict[str, Any] = {}
    for row in rows:
        p = row["p"]
        if not p.startswith(MMKG):
            continue
        name = p[len(MMKG):]
        value = short(row["o"])
        if name in _SINGLE:
            assert name not in found or found[name] == value, f"{curie} has two values for mmkg:{name}"
            found[name] = value
        else:
            found.setdefault(name, set()).add(value)
    return found

def iri(curie: str) -> ox.NamedNode:
    """The IRI of a CURIE such as "result:X", "ref:Y" or "mmkg:Z"."""
    full = expand(curie)
    assert full is not None, f"unknown prefix in {curie}"
    return ox.NamedNode(full)

def short(value: Any) -> Any:
    return compact(value) if isinstance(value, str) and value.startswith(("http://", "https://")) else value

def sources(kg, curie: str) -> set[str]:
    rows = kg.select("SELECT ?o WHERE { ?s dcterms:source ?o }", s=iri(curie))
    return {short(r["o"]) for r in rows}
