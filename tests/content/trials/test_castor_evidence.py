"""CASTOR (DVd vs Vd): PFS from the updated analysis (Spencer 2018, 19.4 months), OS final (Sonneveld 2023),
subgroups from the 40-month update."""

from __future__ import annotations

from tests.content.conftest import node


def test_castor_pfs_hazard_ratio_0_31_updated_os_0_74_final(kg) -> None:
    assert node(kg, "result:CASTOR-pfs-hr-itt")["analysisType"] == {"analysis:updated"}
    assert node(kg, "result:CASTOR-os-hr-itt")["analysisType"] == {"analysis:final"}
    assert node(kg, "result:CASTOR-pfs-hr-len-refractory")["analysisType"] == {"analysis:updated", "analysis:subgroup"}
