"""BOSTON (SVd vs Vd): PFS from the primary analysis; the EHA 2023 subgroups."""

from __future__ import annotations

from tests.content.conftest import node, one


def test_boston_pfs_hazard_ratio_0_70_primary_analysis(kg) -> None:
    hr = node(kg, "result:BOSTON-pfs-hr-itt")
    assert (one(hr, "estimate"), one(hr, "ciLower"), one(hr, "ciUpper"), hr["analysisType"]) == (
        0.7,
        0.53,
        0.93,
        {"analysis:primary"},
    )
    assert node(kg, "result:BOSTON-pfs-hr-second-line")["analysisType"] == {"analysis:subgroup"}
