"""CEPHEUS (D-VRd vs VRd, NDMM transplant-ineligible or deferred).

Sources: Usmani, Nat Med 2025 (abstract, MSKCC record), J&J Medical Connect, MedPath.
"""

from __future__ import annotations


def test_cepheus_design_primary_endpoint_is_mrd_negative_cr(kg, evidence) -> None:
    """395 patients; NCT03652064; primary endpoint MRD negativity (10^-5) with >=CR."""
    assert evidence.values("trial:CEPHEUS", "nctId", "sampleSize", "primaryEndpoint") == (
        "NCT03652064",
        395,
        "endpoint:MRD-negative-CR",
    )
    assert evidence.values("population:CEPHEUS-itt", "diseaseSetting")[0] == "setting:NDMM-TIE"


def test_cepheus_mrd_negativity_odds_ratio(kg, evidence) -> None:
    """60.9% vs 39.4%; OR 2.37 (95% CI 1.58-3.55), P<0.0001; median follow-up 58.7 months."""
    assert evidence.values(
        "result:CEPHEUS-mrd-negative-cr-or-itt",
        "estimate",
        "ciLower",
        "ciUpper",
        "pValue",
        "pValueRelation",
        "medianFollowUpMonths",
    ) == (2.37, 1.58, 3.55, 0.0001, "<", 58.7)
    assert evidence.values("result:CEPHEUS-mrd-negative-cr-DaraVRd-itt", "estimate")[0] == 60.9
    assert evidence.values("result:CEPHEUS-mrd-negative-cr-VRd-itt", "estimate")[0] == 39.4


def test_cepheus_pfs_hazard_ratio(kg, evidence) -> None:
    """PFS HR 0.57 (0.41-0.79), P=0.0005; median not reached vs 52.6 months; 54-month PFS 68.1% vs 49.5%."""
    assert evidence.values(
        "result:CEPHEUS-pfs-hr-itt", "estimate", "ciLower", "ciUpper", "pValue", "pValueRelation"
    ) == (
        0.57,
        0.41,
        0.79,
        0.0005,
        "=",
    )
    assert evidence.values("result:CEPHEUS-pfs-median-DaraVRd-itt", "notReached")[0] is True
    assert evidence.values("result:CEPHEUS-pfs-median-VRd-itt", "estimate")[0] == 52.6
    assert evidence.values("result:CEPHEUS-pfs-54mo-landmark-DaraVRd-itt", "estimate")[0] == 68.1
    assert evidence.values("result:CEPHEUS-pfs-54mo-landmark-VRd-itt", "estimate")[0] == 49.5


def test_cepheus_complete_response_odds_ratio(kg, evidence) -> None:
    """>=CR 81.2% vs 61.6%; OR 2.73 (1.71-4.34)."""
    assert evidence.values("result:CEPHEUS-cr-or-itt", "estimate", "ciLower", "ciUpper") == (2.73, 1.71, 4.34)
