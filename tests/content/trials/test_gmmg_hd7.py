"""GMMG-HD7 part 1 (Isa-RVd vs RVd induction, transplant-eligible NDMM).

Sources: Goldschmidt, Lancet Haematol 2022 (primary endpoint); Mai, JCO 2025 (final part 1 analysis).
"""

from __future__ import annotations

import datetime


def test_gmmg_hd7_design(kg, evidence) -> None:
    """662 randomised 1:1 (331 Isa-RVd, 329 RVd; 660 in ITT); NCT03617731; co-primary MRD (part 1) and PFS (part 2)."""
    assert evidence.values("trial:GMMG-HD7", "nctId", "randomisationRatio", "sampleSize") == (
        "NCT03617731",
        "1:1",
        662,
    )
    assert evidence.describe("trial:GMMG-HD7")["primaryEndpoint"] == {
        "endpoint:MRD-negativity-1e-5",
        "endpoint:PFS",
    }
    assert evidence.values("arm:GMMG-HD7-IsaVRd", "sampleSize")[0] == 331
    assert evidence.values("arm:GMMG-HD7-VRd", "sampleSize")[0] == 329
    assert evidence.values("population:GMMG-HD7-itt", "sampleSize", "diseaseSetting") == (660, "setting:NDMM-TE")


def test_gmmg_hd7_mrd_negativity_after_induction_odds_ratio(kg, evidence) -> None:
    """Primary endpoint of part 1: OR 1.82 (95% CI 1.33-2.48), P<0.001; 50.1% vs 35.6%."""
    assert evidence.values(
        "result:GMMG-HD7-mrd-negativity-1e-5-after-induction-or-itt",
        "estimate",
        "ciLower",
        "ciUpper",
        "pValue",
        "pValueRelation",
        "analysisType",
    ) == (1.82, 1.33, 2.48, 0.001, "<", "analysis:primary")
    assert evidence.values(
        "result:GMMG-HD7-mrd-negativity-1e-5-after-induction-IsaVRd-itt", "estimate", "confidence"
    ) == (
        50.1,
        "medium",
    )
    assert evidence.values("result:GMMG-HD7-mrd-negativity-1e-5-after-induction-VRd-itt", "estimate")[0] == 35.6


def test_gmmg_hd7_mrd_after_transplant_final_part1(kg, evidence) -> None:
    """Final part 1 analysis (cut-off 2024-01-31): MRD negativity after transplant 66% vs 48%."""
    assert evidence.values(
        "result:GMMG-HD7-mrd-negativity-1e-5-after-transplant-IsaVRd-itt",
        "estimate",
        "dataCutoff",
        "analysisType",
    ) == (66.0, datetime.date(2024, 1, 31), "analysis:final")
    assert evidence.values("result:GMMG-HD7-mrd-negativity-1e-5-after-transplant-VRd-itt", "estimate")[0] == 48.0


def test_gmmg_hd7_pfs_from_first_randomisation(kg, evidence) -> None:
    """PFS HR 0.70 (0.52-0.94) from the first randomisation, at medium confidence (congress report)."""
    assert evidence.values("result:GMMG-HD7-pfs-hr-itt", "estimate", "ciLower", "ciUpper", "confidence") == (
        0.7,
        0.52,
        0.94,
        "medium",
    )


def test_gmmg_hd7_jco_identifiers(kg, evidence) -> None:
    assert evidence.values("ref:mai-2025-jco", "doi", "pmid") == ("10.1200/JCO-24-02266", "39652594")
