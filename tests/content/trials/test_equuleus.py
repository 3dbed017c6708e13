"""EQUULEUS (MMY1001) single-arm D-Pd and D-Kd cohorts.

Sources: Blood 2017;130(8):974 (D-Pd) and Chari, Blood 2019;134(5):421 (D-Kd), abstracts.
"""

from __future__ import annotations


def test_equuleus_cohorts_and_regimens(kg, evidence) -> None:
    """Phase 1b; D-Pd cohort (n=103) and D-Kd cohort (n=85), each enrolled on its own criteria."""
    assert evidence.values("trial:EQUULEUS", "phase", "primaryEndpoint") == ("1b", "endpoint:safety")
    assert evidence.values("arm:EQUULEUS-DPd", "armRegimen", "sampleSize") == ("regimen:DPd", 103)
    assert evidence.values("arm:EQUULEUS-DKd", "armRegimen", "sampleSize") == ("regimen:DKd", 85)
    enrolled = {r["p"] for r in kg.select("SELECT ?p WHERE { trial:EQUULEUS mmkg:enrolledPopulation ?p }")}
    assert enrolled == {
        "https://w3id.org/mmkg/population/EQUULEUS-DPd-cohort",
        "https://w3id.org/mmkg/population/EQUULEUS-DKd-cohort",
    }
    assert not kg.select(
        "SELECT ?c WHERE { ?c mmkg:subgroupOf ?b . FILTER(STRSTARTS(STR(?c), STR(population:EQUULEUS-))) }"
    )
    assert evidence.values("population:EQUULEUS-DKd-cohort", "minPriorLines", "maxPriorLines") == (1, 3)


def test_equuleus_dpd_response_and_survival(kg, evidence) -> None:
    """D-Pd: ORR 60%; median PFS 8.8 months (4.6-15.4); median OS 17.5 months (13.3-NE); follow-up 13.1 months."""
    assert evidence.values("result:EQUULEUS-orr-DPd-DPd-cohort", "estimate", "medianFollowUpMonths") == (60.0, 13.1)
    assert evidence.values("result:EQUULEUS-pfs-median-DPd-DPd-cohort", "estimate", "ciLower", "ciUpper") == (
        8.8,
        4.6,
        15.4,
    )
    assert evidence.values("result:EQUULEUS-os-median-DPd-DPd-cohort", "estimate", "ciLower", "ciUpperNotReached") == (
        17.5,
        13.3,
        True,
    )


def test_equuleus_dkd_response_and_pfs(kg, evidence) -> None:
    """D-Kd: ORR 84%; median PFS not reached; 12-month PFS 74%; grade 3/4 thrombocytopenia 31%."""
    assert evidence.values("result:EQUULEUS-orr-DKd-DKd-cohort", "estimate")[0] == 84.0
    assert evidence.values("result:EQUULEUS-pfs-median-DKd-DKd-cohort", "notReached")[0] is True
    assert evidence.values("result:EQUULEUS-pfs-12mo-landmark-DKd-DKd-cohort", "estimate", "timepointMonths") == (
        74.0,
        12.0,
    )
    assert evidence.values("result:EQUULEUS-thrombocytopenia-grade3-DKd-DKd-cohort", "estimate", "minimumGrade") == (
        31.0,
        3,
    )


def test_equuleus_keeps_both_approval_links(kg, evidence) -> None:
    notes = evidence.describe("trial:EQUULEUS")["curationNote"]
    assert any(n.startswith("Approval link:") and "2017-06-16" in n and "2020-08-20" in n for n in notes)
