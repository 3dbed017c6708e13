"""DREAMM-7 (BVd vs DVd): the first interim analysis (median follow-up 28.2 months, primary endpoint met)
and overall survival at the second interim analysis (Hungria et al., Lancet Oncol 2025; 39.4 months)."""

from __future__ import annotations

import datetime as dt

from tests.content.conftest import node, one


def test_dreamm7_os_hazard_ratio_0_58_at_the_second_interim_analysis(kg) -> None:
    hr = node(kg, "result:DREAMM-7-os-hr-itt-39mo")
    assert (one(hr, "estimate"), one(hr, "ciLower"), one(hr, "ciUpper"), one(hr, "pValue")) == (
        0.58,
        0.43,
        0.79,
        0.0002,
    )
    assert (one(hr, "medianFollowUpMonths"), hr["analysisType"]) == (39.4, {"analysis:interim"})
    assert one(node(kg, "ref:hungria-2025-lancet-oncol"), "doi") == "10.1016/S1470-2045(25)00330-4"
    dvd = node(kg, "result:DREAMM-7-os-median-DVd-itt-39mo")
    assert one(dvd, "notReached") is True and one(dvd, "ciLower") == 41.0


def test_dreamm7_pfs_hazard_ratio_0_41_comes_from_the_first_interim_analysis(kg) -> None:
    hr = node(kg, "result:DREAMM-7-pfs-hr-itt")
    assert (one(hr, "estimate"), one(hr, "medianFollowUpMonths"), hr["analysisType"]) == (
        0.41,
        28.2,
        {"analysis:interim"},
    )
    assert node(kg, "result:DREAMM-7-os-hr-itt")["analysisType"] == {"analysis:interim"}


def test_dreamm7_pfs_data_cutoff_2023_10_2(kg) -> None:
    """GSK's DREAMM-7 efficacy page: 'Efficacy data are based on the ITT population with a data cut-off of ...'."""
    for result in ("pfs-hr-itt", "pfs-median-BVd-itt", "orr-proportion-BVd-itt"):
        assert one(node(kg, f"result:DREAMM-7-{result}"), "dataCutoff") == dt.date(2023, 10, 2), result
    assert "dataCutoff" not in node(kg, "result:DREAMM-7-os-hr-itt")
