"""AQUILA (subcutaneous daratumumab vs active monitoring, high-risk smouldering myeloma).

Source: Dimopoulos, NEJM 2025;392:1777-1788 (DOI 10.1056/NEJMoa2409029), as summarised by Links
Medicus, Blood Cancers Today, AJMC and Altai Oncology.
"""

from __future__ import annotations

import datetime


def test_aquila_design(kg, evidence) -> None:
    """390 patients randomised 1:1; NCT03301220; high-risk smouldering myeloma; primary endpoint PFS."""
    assert evidence.values("trial:AQUILA", "nctId", "randomisationRatio", "sampleSize", "primaryEndpoint") == (
        "NCT03301220",
        "1:1",
        390,
        "endpoint:PFS",
    )
    assert evidence.values("arm:AQUILA-daratumumab", "armRegimen", "sampleSize") == (
        "regimen:daratumumab-monotherapy",
        194,
    )
    assert evidence.values("population:AQUILA-itt", "diseaseSetting")[0] == "setting:HR-SMM"


def test_aquila_pfs_hazard_ratio(kg, evidence) -> None:
    """HR 0.49 (95% CI 0.36-0.67), p<0.001, median follow-up 65.2 months, clinical cut-off 2024-05-01."""
    assert evidence.values(
        "result:AQUILA-pfs-hr-itt",
        "estimate",
        "ciLower",
        "ciUpper",
        "pValue",
        "pValueRelation",
        "medianFollowUpMonths",
        "dataCutoff",
    ) == (0.49, 0.36, 0.67, 0.001, "<", 65.2, datetime.date(2024, 5, 1))


def test_aquila_comparator_is_active_monitoring_not_an_arm(kg, evidence) -> None:
    """Active monitoring has no regimen, so comparisons carry no versusArm and its values no forArm."""
    assert evidence.values("result:AQUILA-pfs-hr-itt", "versusArm")[0] is None
    assert evidence.values("result:AQUILA-pfs-60mo-landmark-active-monitoring-itt", "forArm", "estimate") == (
        None,
        40.8,
    )
    assert evidence.values("result:AQUILA-pfs-60mo-landmark-daratumumab-itt", "estimate")[0] == 63.1


def test_aquila_overall_survival(kg, evidence) -> None:
    """OS HR 0.52 (0.27-0.98); 5-year OS 93.0% vs 86.9%."""
    assert evidence.values("result:AQUILA-os-hr-itt", "estimate", "ciLower", "ciUpper") == (0.52, 0.27, 0.98)
    assert evidence.values("result:AQUILA-os-60mo-landmark-daratumumab-itt", "estimate")[0] == 93.0
    assert evidence.values("result:AQUILA-os-60mo-landmark-active-monitoring-itt", "estimate")[0] == 86.9


def test_aquila_article_doi(kg, evidence) -> None:
    assert evidence.values("ref:dimopoulos-2025-nejm", "doi")[0] == "10.1056/NEJMoa2409029"
