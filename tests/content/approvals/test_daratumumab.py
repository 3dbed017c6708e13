"""Daratumumab in Italy: AIFA determination of 2023-01-13 (DPd admitted to reimbursement, earlier indications restated)."""

from __future__ import annotations


def dara_italy(kg, day: str) -> dict[str, str]:
    rows = kg.run("approved-as-of", region="IT", as_of=day)
    return {r["indication"].rsplit("/", 1)[1]: r["reimbursement"] for r in rows if r["product"].endswith("/daratumumab")}


def test_daratumumab_is_reimbursed_in_italy_from_the_2023_01_13_determination(kg) -> None:
    assert dara_italy(kg, "2023-01-12") == {}
    got = dara_italy(kg, "2023-01-13")
    assert set(got) == {
        "daratumumab-DPd-eu-1l", "daratumumab-DPd-eu-2l", "daratumumab-DRd-eu-ndmm-tie", "daratumumab-DaraVMP-eu-ndmm-tie",
        "daratumumab-DaraVTd-eu-ndmm-te", "daratumumab-DRd-eu-1l", "daratumumab-DVd-eu-1l", "daratumumab-monotherapy-eu",
    }
    assert set(got.values()) == {"reimbursed"}
