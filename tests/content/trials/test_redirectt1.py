"""RedirecTT-1 phase 2 (talquetamab + teclistamab in RRMM with extramedullary disease).

Source: Kumar, EHA 2025, as a copy of OncLive's report gives the results (congress data).
"""

from __future__ import annotations


def test_redirectt1_phase2_overall_response_rate(kg, evidence) -> None:
    """ORR 78.9% (95% CI 69.0-86.8) in 90 patients at a median follow-up of 12.6 months (interim, congress)."""
    assert evidence.values(
        "result:RedirecTT-1-orr-Tal-Tec-emd",
        "estimate",
        "ciLower",
        "ciUpper",
        "medianFollowUpMonths",
        "analysisType",
        "confidence",
    ) == (78.9, 69.0, 86.8, 12.6, "analysis:interim", "medium")
    assert evidence.values("population:RedirecTT-1-emd", "sampleSize")[0] == 90
    assert "ref:kumar-2025-eha" in evidence.sources("result:RedirecTT-1-orr-Tal-Tec-emd")


def test_redirectt1_phase2_progression_free_survival(kg, evidence) -> None:
    """Median PFS 15.4 months (10.8-not evaluable); 12-month PFS 61.0% (49.6-70.6)."""
    assert evidence.values("result:RedirecTT-1-pfs-median-Tal-Tec-emd", "estimate", "ciLower", "ciUpperNotReached") == (
        15.4,
        10.8,
        True,
    )
    assert evidence.values("result:RedirecTT-1-pfs-12mo-landmark-Tal-Tec-emd", "estimate", "ciLower", "ciUpper") == (
        61.0,
        49.6,
        70.6,
    )


def test_redirectt1_phase2_depth_of_response(kg, evidence) -> None:
    """>=CR 54.4%; >=VGPR 70.0%."""
    assert evidence.values("result:RedirecTT-1-cr-Tal-Tec-emd", "estimate")[0] == 54.4
    assert evidence.values("result:RedirecTT-1-vgpr-Tal-Tec-emd", "estimate")[0] == 70.0
