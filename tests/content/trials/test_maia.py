"""MAIA (D-Rd vs Rd, transplant-ineligible NDMM): design, primary endpoint and survival.

Sources: Facon, NEJM 2019 (PMID 31141632; primary analysis), Facon, Lancet Oncol 2021 (interim
OS, as the IMS newsletter quotes it) and the final survival analysis (EHA 2024, J&J Medical Connect).
"""

from __future__ import annotations


def test_maia_design_nct_arms_and_setting(kg, evidence) -> None:
    """737 patients randomised 1:1 to D-Rd (368) or Rd (369); NCT02252172; primary endpoint PFS."""
    assert evidence.values("trial:MAIA", "nctId", "phase", "randomisationRatio", "sampleSize", "primaryEndpoint") == (
        "NCT02252172",
        "3",
        "1:1",
        737,
        "endpoint:PFS",
    )
    assert evidence.values("arm:MAIA-DRd", "armRegimen", "sampleSize") == ("regimen:DRd", 368)
    assert evidence.values("arm:MAIA-Rd", "armRegimen", "sampleSize") == ("regimen:Rd", 369)
    assert evidence.values("population:MAIA-itt", "diseaseSetting", "maxECOG") == ("setting:NDMM-TIE", 2)


def test_maia_pfs_hazard_ratio(kg, evidence) -> None:
    """Primary analysis: HR 0.56 (95% CI 0.43-0.73), P<0.001, median follow-up 28.0 months."""
    assert evidence.values(
        "result:MAIA-pfs-hr-itt",
        "estimate",
        "ciLower",
        "ciUpper",
        "ciLevel",
        "pValue",
        "pValueRelation",
        "medianFollowUpMonths",
        "forArm",
        "versusArm",
    ) == (0.56, 0.43, 0.73, 0.95, 0.001, "<", 28.0, "arm:MAIA-DRd", "arm:MAIA-Rd")
    assert evidence.describe("result:MAIA-pfs-hr-itt")["analysisType"] == {
        "analysis:primary",
        "analysis:interim",
    }
    assert "ref:facon-2019-nejm" in evidence.sources("result:MAIA-pfs-hr-itt")


def test_maia_pfs_30_month_rates(kg, evidence) -> None:
    """30-month PFS 70.6% (65.0-75.4) with D-Rd vs 55.6% (49.5-61.3) with Rd."""
    assert evidence.values(
        "result:MAIA-pfs-30mo-landmark-DRd-itt", "estimate", "ciLower", "ciUpper", "timepointMonths"
    ) == (
        70.6,
        65.0,
        75.4,
        30.0,
    )
    assert evidence.values(
        "result:MAIA-pfs-30mo-landmark-Rd-itt", "estimate", "ciLower", "ciUpper", "timepointMonths"
    ) == (
        55.6,
        49.5,
        61.3,
        30.0,
    )


def test_maia_complete_response_and_mrd_rates(kg, evidence) -> None:
    """>=CR 47.6% vs 24.9%; MRD negativity (10^-5) 24.2% vs 7.3%."""
    assert evidence.values("result:MAIA-cr-DRd-itt", "estimate")[0] == 47.6
    assert evidence.values("result:MAIA-cr-Rd-itt", "estimate")[0] == 24.9
    assert evidence.values("result:MAIA-mrd-negativity-1e-5-DRd-itt", "estimate")[0] == 24.2
    assert evidence.values("result:MAIA-mrd-negativity-1e-5-Rd-itt", "estimate")[0] == 7.3


def test_maia_os_hazard_ratio_at_interim_analysis(kg, evidence) -> None:
    """Interim OS analysis (56.2 months): HR 0.68 (0.53-0.86), p=0.0013."""
    assert evidence.values(
        "result:MAIA-os-hr-itt-interim",
        "estimate",
        "ciLower",
        "ciUpper",
        "pValue",
        "pValueRelation",
        "medianFollowUpMonths",
        "analysisType",
    ) == (0.68, 0.53, 0.86, 0.0013, "=", 56.2, "analysis:interim")


def test_maia_final_overall_survival(kg, evidence) -> None:
    """Final analysis (89.3 months): median OS 90.3 vs 64.1 months, HR 0.67 (0.55-0.82), medium confidence."""
    assert evidence.values(
        "result:MAIA-os-hr-itt-final", "estimate", "ciLower", "ciUpper", "analysisType", "confidence"
    ) == (0.67, 0.55, 0.82, "analysis:final", "medium")
    assert evidence.values("result:MAIA-os-median-DRd-itt-final", "estimate")[0] == 90.3
    assert evidence.values("result:MAIA-os-median-Rd-itt-final", "estimate")[0] == 64.1


def test_maia_keeps_its_approval_link(kg, evidence) -> None:
    """The FDA 2019 approval link moved from the minimal node to the trial file."""
    notes = evidence.describe("trial:MAIA")["curationNote"]
    assert any(n.startswith("Approval link:") for n in notes)
    assert (
        "https://www.esmo.org/oncology-news/fda-approves-daratumumab-for-multiple-myeloma-ineligible-for-autologous-stem-cell-transplant"
        in evidence.sources("trial:MAIA")
    )
