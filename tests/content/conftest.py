"""Fixtures of the content tests: read one curated result, trial, arm or node from the release."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest

from mmkg import KnowledgeGraph
from mmkg.prefixes import compact, expand

MMKG = "https://w3id.org/mmkg/ontology/"
MO = "http://qudt.org/vocab/unit/MO"
PERCENT = "http://qudt.org/vocab/unit/PERCENT"

RESULT_QUERY = """
SELECT ?trial ?arm ?versus ?population ?endpoint ?statistic ?estimate ?not_reached ?lower ?upper ?upper_nr
       ?level ?p ?relation ?unit ?followup ?extrapolated ?range_min ?range_max ?confidence ?note
WHERE {
  ?r mmkg:ofTrial ?trial ; mmkg:inPopulation ?population ; mmkg:endpoint ?endpoint ; mmkg:statistic ?statistic .
  OPTIONAL { ?r mmkg:forArm ?arm } OPTIONAL { ?r mmkg:versusArm ?versus }
  OPTIONAL { ?r mmkg:estimate ?estimate } OPTIONAL { ?r mmkg:notReached ?not_reached }
  OPTIONAL { ?r mmkg:ciLower ?lower } OPTIONAL { ?r mmkg:ciUpper ?upper } OPTIONAL { ?r mmkg:ciUpperNotReached ?upper_nr }
  OPTIONAL { ?r mmkg:ciLevel ?level } OPTIONAL { ?r mmkg:pValue ?p } OPTIONAL { ?r mmkg:pValueRelation ?relation }
  OPTIONAL { ?r mmkg:unit ?unit } OPTIONAL { ?r mmkg:medianFollowUpMonths ?followup }
  OPTIONAL { ?r mmkg:isExtrapolated ?extrapolated }
  OPTIONAL { ?r mmkg:rangeMin ?range_min } OPTIONAL { ?r mmkg:rangeMax ?range_max }
  OPTIONAL { ?r mmkg:confidence ?confidence } OPTIONAL { ?r mmkg:curationNote ?note }
}"""

# Properties read as single values by describe() (a list would hide a duplicate).
SINGLE = {
    "ofTrial",
    "forArm",
    "versusArm",
    "inPopulation",
    "endpoint",
    "statistic",
    "estimate",
    "estimateRelation",
    "notReached",
    "ciLower",
    "ciUpper",
    "ciUpperNotReached",
    "ciLevel",
    "pValue",
    "pValueRelation",
    "unit",
    "timepointMonths",
    "timepointDays",
    "minimumGrade",
    "maximumGrade",
    "medianFollowUpMonths",
    "rangeMin",
    "rangeMax",
    "numberOfPatients",
    "confidence",
    "nctId",
    "phase",
    "trialStatus",
    "randomisationRatio",
    "sampleSize",
    "plannedSampleSize",
    "preferenceRank",
    "evidenceLevel",
    "recommendationGrade",
    "recommendationText",
    "inGuideline",
    "treatmentPhase",
    "patientSubgroup",
    "minPriorLines",
    "maxPriorLines",
    "maxECOG",
    "minAge",
    "subgroupOf",
    "lastTherapyCondition",
    "diseaseSetting",
    "prefers",
    "over",
    "aboutClass",
}


class Evidence:
    """Reads curated evidence from the release; each reader asserts the shape of what it reads."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.kg = kg

    @staticmethod
    def path_iri(curie: str) -> str:
        """The IRI of ``kind:name`` under https://w3id.org/mmkg/kind/ (``statistic:median``, ``ontology:ControlArm``)."""
        prefix, name = curie.split(":", 1)
        return f"https://w3id.org/mmkg/{prefix}/{name}"

    @staticmethod
    def iri(curie: str) -> ox.NamedNode:
        """The IRI of a project CURIE such as ``result:X``, ``ref:Y`` or ``mmkg:Z``."""
        full = expand(curie)
        assert full is not None, f"unknown prefix in {curie}"
        return ox.NamedNode(full)

    def result(self, local: str) -> dict[str, Any]:
        rows = self.kg.select(RESULT_QUERY, r=f"result:{local}")
        assert len(rows) == 1, f"result:{local}: expected one row, got {len(rows)}"
        return rows[0]

    def result_sources(self, local: str) -> set[str]:
        return {r["s"] for r in self.kg.select("SELECT ?s WHERE { ?r dcterms:source ?s }", r=f"result:{local}")}

    def hr(
        self,
        local: str,
        estimate: float,
        lower: float | None = None,
        upper: float | None = None,
        p: float | None = None,
    ) -> dict[str, Any]:
        """A hazard ratio result with its estimate (and CI and p where given)."""
        r = self.result(local)
        assert r["statistic"] == self.path_iri("statistic:hazard-ratio")
        assert r["estimate"] == pytest.approx(estimate)
        if lower is not None:
            assert (r["lower"], r["upper"]) == (pytest.approx(lower), pytest.approx(upper))
        if p is not None:
            assert r["p"] == pytest.approx(p)
        assert "unit" not in r
        return r

    def median(self, local: str, estimate: float | None, *, not_reached: bool = False) -> dict[str, Any]:
        """A median in months, or not reached."""
        r = self.result(local)
        assert r["statistic"] == self.path_iri("statistic:median")
        assert r["unit"] == MO
        if not_reached:
            assert r.get("not_reached") is True and "estimate" not in r
        else:
            assert r["estimate"] == pytest.approx(estimate) and "not_reached" not in r
        return r

    def percent(self, local: str, estimate: float) -> dict[str, Any]:
        """A proportion in percent."""
        r = self.result(local)
        assert r["statistic"] == self.path_iri("statistic:proportion")
        assert r["unit"] == PERCENT
        assert r["estimate"] == pytest.approx(estimate)
        return r

    def design(self, trial: str) -> dict[str, Any]:
        """A trial's NCT id, phase, randomisation, size, follow-up, arms and primary endpoints."""
        rows = self.kg.select(
            """SELECT ?nct ?phase ?ratio ?n ?mfu (GROUP_CONCAT(DISTINCT STR(?arm); separator=" ") AS ?arms)
                      (GROUP_CONCAT(DISTINCT STR(?primary); separator=" ") AS ?primaries)
               WHERE { ?t mmkg:phase ?phase ; mmkg:hasArm ?arm .
                       OPTIONAL { ?t mmkg:nctId ?nct } OPTIONAL { ?t mmkg:randomisationRatio ?ratio }
                       OPTIONAL { ?t mmkg:sampleSize ?n } OPTIONAL { ?t mmkg:medianFollowUpMonths ?mfu }
                       OPTIONAL { ?t mmkg:primaryEndpoint ?primary } }
               GROUP BY ?nct ?phase ?ratio ?n ?mfu""",
            t=f"trial:{trial}",
        )
        assert len(rows) == 1
        row = rows[0]
        row["arms"] = set(row["arms"].split())
        row["primaries"] = set(row.get("primaries", "").split())
        return row

    def arm(self, local: str) -> dict[str, Any]:
        """An arm's kind (experimental or control), regimen and size."""
        rows = self.kg.select(
            """SELECT ?kind ?regimen ?n WHERE { ?a a ?kind ; mmkg:armRegimen ?regimen . OPTIONAL { ?a mmkg:sampleSize ?n }
                                                 VALUES ?kind { mmkg:ExperimentalArm mmkg:ControlArm } }""",
            a=f"arm:{local}",
        )
        assert len(rows) == 1
        return rows[0]

    def describe(self, curie: str) -> dict[str, Any]:
        """The node's mmkg properties by local name: single values for the properties in SINGLE, sets otherwise.

        IRIs come back as CURIEs (e.g. "endpoint:PFS", "stat:median", "mmkg:X", "unit:PERCENT").
        """
        rows = self.kg.select("SELECT ?p ?o WHERE { ?s ?p ?o }", s=self.iri(curie))
        assert rows, f"{curie} is not in the release"
        found: dict[str, Any] = {}
        for row in rows:
            p = row["p"]
            if not p.startswith(MMKG):
                continue
            name = p[len(MMKG) :]
            value = short(row["o"])
            if name in SINGLE:
                assert name not in found or found[name] == value, f"{curie} has two values for mmkg:{name}"
                found[name] = value
            else:
                found.setdefault(name, set()).add(value)
        return found

    def values(self, curie: str, *props: str) -> tuple[Any, ...]:
        """The node's values of the given mmkg properties, in order: the value, a set where there are several, None where absent.

        ``evidence.values("arm:MAIA-Rd", "armRegimen", "sampleSize") == ("regimen:Rd", 369)``
        """
        node = self.describe(curie)
        return tuple(_single(node.get(p)) for p in props)

    def sources(self, curie: str) -> set[str]:
        """The node's dcterms:source values as CURIEs (or IRIs)."""
        rows = self.kg.select("SELECT ?o WHERE { ?s dcterms:source ?o }", s=self.iri(curie))
        return {short(r["o"]) for r in rows}


def _single(value: Any) -> Any:
    return next(iter(value)) if isinstance(value, set) and len(value) == 1 else value


def short(value: Any) -> Any:
    """An IRI as its CURIE where a prefix fits; any other value (a literal, a date, a number) as it is."""
    return compact(value) if isinstance(value, str) and value.startswith(("http://", "https://")) else value


def node(kg: KnowledgeGraph, curie: str) -> dict[str, set[Any]]:
    """Every property of the node by local name (``type``, ``source``, ``estimate``), each a set of values.

    Unlike :meth:`Evidence.describe`, it keeps properties outside mmkg (``rdf:type``, ``dcterms:source``,
    ``bibo:pmid``) and never decides that a property is single: :func:`one` says so where a test needs it.
    """
    found: dict[str, set[Any]] = {}
    for row in kg.select("SELECT ?p ?o WHERE { ?s ?p ?o }", s=curie):
        name = row["p"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        found.setdefault(name, set()).add(short(row["o"]))
    assert found, f"{curie} is not in the release"
    return found


def one(props: dict[str, set[Any]], name: str) -> Any:
    """The single value of a property of :func:`node` (a second value, or none, fails the test)."""
    values = props.get(name, set())
    assert len(values) == 1, (name, values)
    return next(iter(values))


@pytest.fixture(scope="session")
def trials_with_results(kg: KnowledgeGraph) -> set[str]:
    """The trials with at least one curated result, as CURIEs (``trial:IKEMA``).

    Asked of the graph, so that a statement about every trial with results covers the trials curated after it.
    """
    rows = kg.select("SELECT DISTINCT ?trial WHERE { ?result a mmkg:Result ; mmkg:ofTrial ?trial }")
    return {compact(r["trial"]) for r in rows}


@pytest.fixture(scope="session")
def evidence(kg: KnowledgeGraph) -> Evidence:
    """Readers of curated results, trials, arms and nodes (see :class:`Evidence`)."""
    return Evidence(kg)
