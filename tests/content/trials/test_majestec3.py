"""MajesTEC-3 (teclistamab + daratumumab vs DPd or DVd, RRMM after 1-3 prior lines).

Source: Costa et al., NEJM 2025 (DOI 10.1056/NEJMoa2514663; abstract on themednet.org), first
interim analysis presented at ASH 2025; CIs and OS from MIMS.
"""

from __future__ import annotations


def test_majestec3_randomised_587_patients(kg, evidence) -> None:
    """587 randomised (291 Tec-Dara, 296 DPd or DVd); primary endpoint PFS by independent review."""
    assert evidence.values("trial:MajesTEC-3", "sampleSize", "primaryEndpoint", "trialStatus") == (
        587,
        "endpoint:PFS",
        "ongoing",
    )
    assert evidence.values("arm:MajesTEC-3-Tec-Dara", "sampleSize")[0] == 291
    assert evidence.values("arm:MajesTEC-3-DPd-or-DVd", "sampleSize")[0] == 296


def test_majestec3_pfs_hazard_ratio(kg, evidence) -> None:
    """HR 0.17 (95% CI 0.12-0.23), P<0.001, median follow-up 34.5 months, first interim analysis."""
    assert evidence.values(
        "result:MajesTEC-3-pfs-hr-itt",
        "estimate",
        "ciLower",
        "ciUpper",
        "pValue",
        "pValueRelation",
        "medianFollowUpMonths",
    ) == (0.17, 0.12, 0.23, 0.001, "<", 34.5)
    assert evidence.describe("result:MajesTEC-3-pfs-hr-itt")["analysisType"] == {
        "analysis:primary",
        "analysis:interim",
    }
    assert "ref:costa-2025-nejm" in evidence.sources("result:MajesTEC-3-pfs-hr-itt")


def test_majestec3_pfs_at_36_months(kg, evidence) -> None:
    """36-month PFS 83.4% (78.2-87.4) vs 29.7% (23.6-36.0); median not reached vs 18.1 months."""
    assert evidence.values("result:MajesTEC-3-pfs-36mo-landmark-Tec-Dara-itt", "estimate", "ciLower", "ciUpper") == (
        83.4,
        78.2,
        87.4,
    )
    assert evidence.values("result:MajesTEC-3-pfs-36mo-landmark-DPd-or-DVd-itt", "estimate", "ciLower", "ciUpper") == (
        29.7,
        23.6,
        36.0,
    )
    assert evidence.values("result:MajesTEC-3-pfs-median-Tec-Dara-itt", "notReached")[0] is True
    assert evidence.values("result:MajesTEC-3-pfs-median-DPd-or-DVd-itt", "estimate")[0] == 18.1


def test_majestec3_os_hazard_ratio(kg, evidence) -> None:
    """OS HR 0.46 (0.32-0.65), p<0.0001 (interim)."""
    assert evidence.values(
        "result:MajesTEC-3-os-hr-itt",
        "estimate",
        "ciLower",
        "ciUpper",
        "pValue",
        "pValueRelation",
        "analysisType",
    ) == (0.46, 0.32, 0.65, 0.0001, "<", "analysis:interim")


def test_majestec3_response_and_mrd(kg, evidence) -> None:
    """>=CR 81.8% vs 32.1%; ORR 89.0% vs 75.3%; MRD negativity (10^-5) 58.4% vs 17.1%."""
    expected = {"cr": (81.8, 32.1), "orr": (89.0, 75.3), "mrd-negativity-1e-5": (58.4, 17.1)}
    for slug, (tec, soc) in expected.items():
        assert evidence.values(f"result:MajesTEC-3-{slug}-Tec-Dara-itt", "estimate")[0] == tec
        assert evidence.values(f"result:MajesTEC-3-{slug}-DPd-or-DVd-itt", "estimate")[0] == soc


def test_majestec3_serious_and_fatal_adverse_events(kg, evidence) -> None:
    """Serious AEs 70.7% vs 62.4%; death from AEs 7.1% vs 5.9%."""
    assert evidence.values("result:MajesTEC-3-serious-adverse-events-Tec-Dara-itt", "estimate")[0] == 70.7
    assert evidence.values("result:MajesTEC-3-serious-adverse-events-DPd-or-DVd-itt", "estimate")[0] == 62.4
    assert evidence.values("result:MajesTEC-3-fatal-adverse-events-Tec-Dara-itt", "estimate", "endpoint") == (
        7.1,
        "endpoint:fatal-adverse-events",
    )
    assert evidence.values("result:MajesTEC-3-fatal-adverse-events-DPd-or-DVd-itt", "estimate")[0] == 5.9
