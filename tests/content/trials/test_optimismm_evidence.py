"""OPTIMISMM (PVd vs Vd): PFS from the primary analysis (Richardson Lancet Oncol 2019, PMID 31097405)."""

from __future__ import annotations

from tests.content.conftest import node, one


def test_optimismm_pfs_hazard_ratio_0_61_primary_analysis(kg) -> None:
    hr = node(kg, "result:OPTIMISMM-pfs-hr-itt")
    assert (one(hr, "estimate"), one(hr, "medianFollowUpMonths"), hr["analysisType"]) == (
        0.61,
        15.9,
        {"analysis:primary"},
    )
    assert node(kg, "result:OPTIMISMM-pfs-hr-pi-naive")["analysisType"] == {"analysis:subgroup"}
    assert one(node(kg, "ref:richardson-2019-lancet-oncol"), "pmid") == "31097405"
