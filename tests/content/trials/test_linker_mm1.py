"""LINKER-MM1: linvoseltamab in triple-class exposed RRMM."""

from __future__ import annotations


def test_linker_mm1_linvoseltamab_orr_71_cr_52_pfs_89_percent_at_12_months(kg, evidence) -> None:
    assert evidence.describe("trial:LINKER-MM1")["nctId"] == "NCT03761108"
    assert evidence.describe("result:LINKER-MM1-orr-proportion-linvoseltamab")["estimate"] == 71.0
    pfs = evidence.describe("result:LINKER-MM1-pfs-12mo-landmark-linvoseltamab")
    assert (pfs["estimate"], pfs["timepointMonths"], pfs["confidence"]) == (89.0, 12.0, "medium")
    assert evidence.describe("result:LINKER-MM1-icans-grade3-proportion-linvoseltamab")["estimate"] == 2.6
