"""PERSEUS (D-VRd vs VRd with lenalidomide-based maintenance, transplant-eligible NDMM).

Sources: Sonneveld, NEJM 2024 (abstract), NHS SPS summary, CancerNetwork (ASCO 2025), Medimix.
"""

from __future__ import annotations


def test_perseus_design(kg, evidence) -> None:
    """709 patients randomised 1:1 (355 D-VRd, 354 VRd); NCT03710603; primary endpoint PFS."""
    assert evidence.values("trial:PERSEUS", "nctId", "randomisationRatio", "sampleSize", "primaryEndpoint") == (
        "NCT03710603",
        "1:1",
        709,
        "endpoint:PFS",
    )
    assert evidence.values("arm:PERSEUS-DaraVRd", "armRegimen", "sampleSize") == ("regimen:DaraVRd", 355)
    assert evidence.values("arm:PERSEUS-VRd", "armRegimen", "sampleSize") == ("regimen:VRd", 354)


def test_perseus_pfs_hazard_ratio(kg, evidence) -> None:
    """48-month PFS 84.3% vs 67.7%; HR 0.42 (95% CI 0.30-0.59), P<0.001; median follow-up 47.5 months."""
    assert evidence.values(
        "result:PERSEUS-pfs-hr-itt",
        "estimate",
        "ciLower",
        "ciUpper",
        "pValue",
        "pValueRelation",
        "medianFollowUpMonths",
        "analysisType",
    ) == (0.42, 0.3, 0.59, 0.001, "<", 47.5, "analysis:primary")
    assert evidence.values("result:PERSEUS-pfs-48mo-landmark-DaraVRd-itt", "estimate", "timepointMonths") == (
        84.3,
        48.0,
    )
    assert evidence.values("result:PERSEUS-pfs-48mo-landmark-VRd-itt", "estimate", "timepointMonths") == (67.7, 48.0)


def test_perseus_mrd_negative_cr_odds_ratio(kg, evidence) -> None:
    """MRD-negative (10^-5) >=CR 75.2% vs 47.5%, OR 3.40 (2.47-4.69), recorded at medium confidence."""
    assert evidence.values("result:PERSEUS-mrd-negative-cr-or-itt", "estimate", "ciLower", "ciUpper", "confidence") == (
        3.4,
        2.47,
        4.69,
        "medium",
    )
    assert evidence.values("result:PERSEUS-mrd-negative-cr-DaraVRd-itt", "estimate")[0] == 75.2
    assert evidence.values("result:PERSEUS-mrd-negative-cr-VRd-itt", "estimate")[0] == 47.5


def test_perseus_grade_3_4_cytopenias(kg, evidence) -> None:
    """Grade 3/4 neutropenia 62.1% vs 51.0%; thrombocytopenia 29.1% vs 17.3%."""
    assert evidence.values(
        "result:PERSEUS-neutropenia-grade3-DaraVRd-itt", "estimate", "minimumGrade", "maximumGrade"
    ) == (
        62.1,
        3,
        4,
    )
    assert evidence.values("result:PERSEUS-neutropenia-grade3-VRd-itt", "estimate")[0] == 51.0
    assert evidence.values("result:PERSEUS-thrombocytopenia-grade3-DaraVRd-itt", "estimate")[0] == 29.1
    assert evidence.values("result:PERSEUS-thrombocytopenia-grade3-VRd-itt", "estimate")[0] == 17.3
