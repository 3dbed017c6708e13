"""APOLLO (DPd vs Pd): PFS from the primary analysis (16.9 months), OS from the final analysis (39.6 months)."""

from __future__ import annotations

from tests.content.conftest import node, one


def test_apollo_pfs_hazard_ratio_0_63_primary_and_os_0_82_final(kg) -> None:
    pfs = node(kg, "result:APOLLO-pfs-hr-itt")
    assert (one(pfs, "estimate"), one(pfs, "pValue"), pfs["analysisType"]) == (0.63, 0.0018, {"analysis:primary"})
    os_ = node(kg, "result:APOLLO-os-hr-itt")
    assert (one(os_, "estimate"), os_["analysisType"]) == (0.82, {"analysis:final"})
