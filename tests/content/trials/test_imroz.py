"""IMROZ (Isa-VRd vs VRd, transplant-ineligible NDMM up to 80 years).

Source: Facon, NEJM 2024 (abstract, themednet.org copy); arm sizes from ASH Clinical News.
"""

from __future__ import annotations


def test_imroz_design(kg, evidence) -> None:
    """446 patients randomised 3:2 (265 Isa-VRd, 181 VRd); NCT03319667; primary endpoint PFS."""
    assert evidence.values("trial:IMROZ", "nctId", "randomisationRatio", "sampleSize", "primaryEndpoint") == (
        "NCT03319667",
        "3:2",
        446,
        "endpoint:PFS",
    )
    assert evidence.values("arm:IMROZ-IsaVRd", "armRegimen", "sampleSize") == ("regimen:IsaVRd", 265)
    assert evidence.values("arm:IMROZ-VRd", "armRegimen", "sampleSize") == ("regimen:VRd", 181)


def test_imroz_pfs_hazard_ratio_with_98_5_percent_ci(kg, evidence) -> None:
    """HR 0.60 with a 98.5% CI of 0.41-0.88, P<0.001, at 59.7 months; 60-month PFS 63.2% vs 45.2%."""
    assert evidence.values(
        "result:IMROZ-pfs-hr-itt",
        "estimate",
        "ciLower",
        "ciUpper",
        "ciLevel",
        "pValue",
        "pValueRelation",
        "medianFollowUpMonths",
    ) == (0.6, 0.41, 0.88, 0.985, 0.001, "<", 59.7)
    assert evidence.values("result:IMROZ-pfs-60mo-landmark-IsaVRd-itt", "estimate")[0] == 63.2
    assert evidence.values("result:IMROZ-pfs-60mo-landmark-VRd-itt", "estimate")[0] == 45.2


def test_imroz_complete_response_and_mrd_negative_cr(kg, evidence) -> None:
    """>=CR 74.7% vs 64.1%; MRD-negative CR 55.5% vs 40.9%."""
    assert evidence.values("result:IMROZ-cr-IsaVRd-itt", "estimate")[0] == 74.7
    assert evidence.values("result:IMROZ-cr-VRd-itt", "estimate")[0] == 64.1
    assert evidence.values("result:IMROZ-mrd-negative-cr-IsaVRd-itt", "estimate")[0] == 55.5
    assert evidence.values("result:IMROZ-mrd-negative-cr-VRd-itt", "estimate")[0] == 40.9
