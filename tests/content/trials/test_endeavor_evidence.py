"""ENDEAVOR (Kd56 vs Vd): PFS and response from the primary analysis, OS from the updated OS analysis."""

from __future__ import annotations

from tests.content.conftest import node


def test_endeavor_pfs_hazard_ratio_0_53_primary_os_0_76_updated(kg) -> None:
    assert node(kg, "result:ENDEAVOR-pfs-hr-itt")["analysisType"] == {"analysis:primary"}
    assert node(kg, "result:ENDEAVOR-os-hr-itt")["analysisType"] == {"analysis:updated"}
    assert node(kg, "result:ENDEAVOR-pfs-hr-pi-naive")["analysisType"] == {"analysis:subgroup"}
