"""PLEIADES (MMY2040) D-Kd cohort with subcutaneous daratumumab.

Source: ESMO oncology news restating the FDA approval summary (2021-12-02).
"""

from __future__ import annotations


def test_pleiades_dkd_cohort_design(kg, evidence) -> None:
    """Phase 2 multi-cohort study, NCT03412565; D-Kd cohort of 66 patients after >=1 prior line; primary endpoint ORR."""
    assert evidence.values("trial:PLEIADES", "nctId", "phase", "primaryEndpoint") == (
        "NCT03412565",
        "2",
        "endpoint:ORR",
    )
    assert evidence.values("arm:PLEIADES-DKd", "armRegimen", "sampleSize") == ("regimen:DKd", 66)
    # the only curated cohort, enrolled on its own criteria: the trial's population, not a subgroup of one
    assert evidence.values("trial:PLEIADES", "enrolledPopulation") == ("population:PLEIADES-DKd-cohort",)
    assert evidence.values("population:PLEIADES-DKd-cohort", "minPriorLines") == (1,)
    assert not kg.select("SELECT ?b WHERE { population:PLEIADES-DKd-cohort mmkg:subgroupOf ?b }")


def test_pleiades_dkd_overall_response_rate(kg, evidence) -> None:
    """ORR 84.8% (95% CI 73.9-92.5) at a median follow-up of 9.2 months."""
    assert evidence.values(
        "result:PLEIADES-orr-DKd-DKd-cohort",
        "estimate",
        "ciLower",
        "ciUpper",
        "ciLevel",
        "medianFollowUpMonths",
    ) == (84.8, 73.9, 92.5, 0.95, 9.2)


def test_pleiades_response_maintained_at_6_and_9_months(kg, evidence) -> None:
    assert evidence.values("result:PLEIADES-dor-6mo-landmark-DKd-DKd-cohort", "estimate", "timepointMonths") == (
        85.2,
        6.0,
    )
    assert evidence.values("result:PLEIADES-dor-9mo-landmark-DKd-DKd-cohort", "estimate", "timepointMonths") == (
        82.5,
        9.0,
    )
