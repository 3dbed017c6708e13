"""CARTITUDE-4 (cilta-cel vs standard of care, lenalidomide-refractory, 1-3 prior lines): the primary
endpoint at the primary analysis (San-Miguel NEJM 2023; IMS 2023 abstract OA-47 for the cut-off) and
the updated analysis with the second interim OS analysis (Einsele et al., Lancet Oncol)."""

from __future__ import annotations

import datetime as dt

from tests.content.conftest import node, one


def test_cartitude4_pfs_hazard_ratio(kg) -> None:
    """San-Miguel NEJM 2023: HR 0.26 (95% CI 0.18-0.38), P<0.001, median follow-up 15.9 months, cut-off 1 Nov 2022."""
    hr = node(kg, "result:CARTITUDE-4-pfs-hr-itt")
    assert one(hr, "endpoint") == "endpoint:PFS" and one(hr, "statistic") == "stat:hazard-ratio"
    assert (one(hr, "estimate"), one(hr, "ciLower"), one(hr, "ciUpper"), one(hr, "ciLevel")) == (0.26, 0.18, 0.38, 0.95)
    assert (one(hr, "pValue"), one(hr, "pValueRelation")) == (0.001, "<")
    assert one(hr, "medianFollowUpMonths") == 15.9
    assert one(hr, "dataCutoff") == dt.date(2022, 11, 1)
    assert hr["analysisType"] == {"analysis:primary", "analysis:interim"}
    assert (
        one(hr, "forArm") == "arm:CARTITUDE-4-cilta-cel" and one(hr, "versusArm") == "arm:CARTITUDE-4-standard-of-care"
    )
    assert "ref:san-miguel-2023-nejm" in hr["source"]


def test_cartitude4_median_pfs_not_reached_with_cilta_cel_vs_11_8_months(kg) -> None:
    """IMS 2023 OA-47: median not reached (95% CI 22.8-NE) vs 11.8 months (9.7-13.8)."""
    cilta = node(kg, "result:CARTITUDE-4-pfs-median-cilta-cel-itt")
    assert one(cilta, "notReached") is True and "estimate" not in cilta
    assert (one(cilta, "ciLower"), one(cilta, "ciUpperNotReached")) == (22.8, True)
    soc = node(kg, "result:CARTITUDE-4-pfs-median-SOC-itt")
    assert (one(soc, "estimate"), one(soc, "ciLower"), one(soc, "ciUpper")) == (11.8, 9.7, 13.8)
    assert one(soc, "dataCutoff") == dt.date(2022, 11, 1)


def test_cartitude4_12_month_pfs_75_9_vs_48_6_percent_at_medium_confidence(kg) -> None:
    """Read in a summary of San-Miguel NEJM 2023, not in the article: medium confidence."""
    cilta = node(kg, "result:CARTITUDE-4-pfs-12mo-landmark-cilta-cel-itt")
    soc = node(kg, "result:CARTITUDE-4-pfs-12mo-landmark-SOC-itt")
    assert (one(cilta, "estimate"), one(soc, "estimate")) == (75.9, 48.6)
    assert one(cilta, "timepointMonths") == 12.0 and one(cilta, "confidence") == "medium"


def test_cartitude4_updated_pfs_hazard_ratio_0_29_at_33_6_months(kg) -> None:
    """Einsele et al.: HR 0.29 (0.22-0.39); medians NR (34.5-NE) vs 11.8 (9.7-14.0) months."""
    hr = node(kg, "result:CARTITUDE-4-pfs-hr-itt-33mo")
    assert (one(hr, "estimate"), one(hr, "ciLower"), one(hr, "ciUpper"), one(hr, "medianFollowUpMonths")) == (
        0.29,
        0.22,
        0.39,
        33.6,
    )
    assert hr["analysisType"] == {"analysis:updated"}
    assert "ref:einsele-2026-lancet-oncol" in hr["source"]
    soc = node(kg, "result:CARTITUDE-4-pfs-median-SOC-itt-33mo")
    assert (one(soc, "estimate"), one(soc, "ciLower"), one(soc, "ciUpper")) == (11.8, 9.7, 14.0)
    cilta = node(kg, "result:CARTITUDE-4-pfs-median-cilta-cel-itt-33mo")
    assert one(cilta, "notReached") is True and one(cilta, "ciLower") == 34.5
    rates = [one(node(kg, f"result:CARTITUDE-4-pfs-30mo-landmark-{a}-itt"), "estimate") for a in ("cilta-cel", "SOC")]
    assert rates == [59.4, 25.7]


def test_cartitude4_os_hazard_ratio_0_55_at_the_second_interim_analysis(kg) -> None:
    """Einsele et al.: OS HR 0.55 (0.39-0.79), P=0.0009, prespecified second interim analysis."""
    hr = node(kg, "result:CARTITUDE-4-os-hr-itt")
    assert one(hr, "endpoint") == "endpoint:OS"
    assert (one(hr, "estimate"), one(hr, "ciLower"), one(hr, "ciUpper"), one(hr, "pValue")) == (
        0.55,
        0.39,
        0.79,
        0.0009,
    )
    assert hr["analysisType"] == {"analysis:interim"}
    assert one(hr, "medianFollowUpMonths") == 33.6
    soc = node(kg, "result:CARTITUDE-4-os-median-SOC-itt")
    assert one(soc, "notReached") is True and one(soc, "ciLower") == 37.7
    os30 = [one(node(kg, f"result:CARTITUDE-4-os-30mo-landmark-{a}-itt"), "estimate") for a in ("cilta-cel", "SOC")]
    assert os30 == [76.4, 63.8]


def test_cartitude4_mrd_results_come_from_the_updated_analysis(kg) -> None:
    """Popat ASH 2024, 33.6 months: updated; the MRD-evaluable sets are subgroups."""
    itt = node(kg, "result:CARTITUDE-4-mrd-negativity-1e-5-proportion-cilta-cel-itt")
    assert itt["analysisType"] == {"analysis:updated"}
    evaluable = node(kg, "result:CARTITUDE-4-mrd-negativity-1e-5-proportion-cilta-cel-mrd-evaluable-1e-5")
    assert evaluable["analysisType"] == {"analysis:updated", "analysis:subgroup"}


def test_cartitude4_design_cites_the_papers_not_summaries(kg) -> None:
    trial = node(kg, "trial:CARTITUDE-4")
    assert {"ref:san-miguel-2023-nejm", "ref:einsele-2026-lancet-oncol"} <= trial["source"]
    assert not any("journaljams" in s or "petermac" in s for s in trial["source"])
