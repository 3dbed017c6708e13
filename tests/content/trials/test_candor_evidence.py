"""CANDOR (DKd vs Kd): the deck's chart is the final analysis (Usmani Blood Adv 2023); the triplets list row
is the 2022 updated analysis."""

from __future__ import annotations

from tests.content.conftest import node, one


def test_candor_pfs_hazard_ratio_0_64_is_the_final_analysis(kg) -> None:
    hr = node(kg, "result:CANDOR-pfs-hr-itt")
    assert (one(hr, "estimate"), one(hr, "ciLower"), one(hr, "ciUpper"), hr["analysisType"]) == (
        0.64,
        0.49,
        0.83,
        {"analysis:final"},
    )
    assert node(kg, "result:CANDOR-pfs-hr-itt-2022")["analysisType"] == {"analysis:updated"}
    assert node(kg, "result:CANDOR-os-hr-len-refractory")["analysisType"] == {"analysis:final", "analysis:subgroup"}
