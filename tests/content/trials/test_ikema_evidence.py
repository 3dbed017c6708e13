"""IKEMA (IsaKd vs Kd): PFS from the updated analysis (Martin Blood Cancer J 2023), OS from the final OS
analysis (Yong Lancet Haematol 2024)."""

from __future__ import annotations

from tests.content.conftest import node


def test_ikema_pfs_hazard_ratio_0_58_updated_and_os_final(kg) -> None:
    assert node(kg, "result:IKEMA-pfs-hr-itt")["analysisType"] == {"analysis:updated"}
    assert node(kg, "result:IKEMA-os-hr-itt")["analysisType"] == {"analysis:final"}
    assert node(kg, "result:IKEMA-pfs-hr-len-refractory")["analysisType"] == {"analysis:subgroup"}
