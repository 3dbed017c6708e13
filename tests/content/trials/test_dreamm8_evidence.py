"""DREAMM-8 (BPd vs PVd): the primary endpoint was met at a prespecified interim analysis (GSK, 7 March 2024)."""

from __future__ import annotations

import datetime as dt

from tests.content.conftest import node, one


def test_dreamm8_pfs_hazard_ratio_0_52_at_the_interim_analysis(kg) -> None:
    hr = node(kg, "result:DREAMM-8-pfs-hr-itt")
    assert (one(hr, "estimate"), one(hr, "ciLower"), one(hr, "ciUpper"), hr["analysisType"]) == (
        0.52,
        0.37,
        0.73,
        {"analysis:interim"},
    )
    assert node(kg, "result:DREAMM-8-os-hr-itt")["analysisType"] == {"analysis:interim"}


def test_dreamm8_pfs_data_cutoff_2024_1_29(kg) -> None:
    """GSK's DREAMM-8 efficacy page: 'Efficacy data are based on the ITT population with a data cut-off of ...'."""
    for result in ("pfs-hr-itt", "pfs-median-BPd-itt", "orr-proportion-BPd-itt"):
        assert one(node(kg, f"result:DREAMM-8-{result}"), "dataCutoff") == dt.date(2024, 1, 29), result
    assert "dataCutoff" not in node(kg, "result:DREAMM-8-os-hr-itt")
