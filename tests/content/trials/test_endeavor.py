"""ENDEAVOR: carfilzomib 56 mg/m2 and dexamethasone (Kd56) vs bortezomib and dexamethasone (Vd)."""

from __future__ import annotations

import pytest


def test_endeavor_kd56_pfs_18_7_vs_9_4_hr_0_53(kg, evidence) -> None:
    d = evidence.design("ENDEAVOR")
    assert (d["nct"], d["n"], d["mfu"]) == ("NCT01568866", 929, pytest.approx(44.3))
    assert evidence.arm("ENDEAVOR-Kd56")["regimen"] == evidence.path_iri("regimen:Kd56")
    evidence.median("ENDEAVOR-pfs-median-Kd56-itt", 18.7)
    evidence.median("ENDEAVOR-pfs-median-Vd-itt", 9.4)
    r = evidence.hr("ENDEAVOR-pfs-hr-itt", 0.53, 0.44, 0.65, p=0.0001)
    assert r["relation"] == "<"


def test_endeavor_os_47_8_vs_38_8_and_51_3_vs_43_7_as_second_line(kg, evidence) -> None:
    evidence.median("ENDEAVOR-os-median-Kd56-itt", 47.8)
    evidence.median("ENDEAVOR-os-median-Vd-itt", 38.8)
    second = evidence.median("ENDEAVOR-os-median-Kd56-second-line", 51.3)
    assert second["confidence"] == "medium"  # the parenthesis is placed by reading, not by the table's layout
    evidence.median("ENDEAVOR-os-median-Vd-second-line", 43.7)
    rows = kg.select(
        "SELECT ?min ?max WHERE { population:ENDEAVOR-second-line mmkg:minPriorLines ?min ; mmkg:maxPriorLines ?max }"
    )
    assert rows == [{"min": 1, "max": 1}]


def test_endeavor_len_refractory_pfs_8_6_vs_6_6_os_29_2_vs_21_4(kg, evidence) -> None:
    evidence.median("ENDEAVOR-pfs-median-Kd56-len-refractory", 8.6)
    evidence.median("ENDEAVOR-pfs-median-Vd-len-refractory", 6.6)
    evidence.median("ENDEAVOR-os-median-Kd56-len-refractory", 29.2)
    evidence.median("ENDEAVOR-os-median-Vd-len-refractory", 21.4)
    assert "forArm" not in evidence.result("ENDEAVOR-len-refractory-itt")
    evidence.percent("ENDEAVOR-len-refractory-itt", 25)


def test_endeavor_bortezomib_naive_pfs_17_7_vs_9_4_hr_0_47_medium_confidence(kg, evidence) -> None:
    kd = evidence.median("ENDEAVOR-pfs-median-Kd56-pi-naive", 17.7)
    assert kd["followup"] == pytest.approx(11.9) and kd["confidence"] == "medium"
    assert evidence.median("ENDEAVOR-pfs-median-Vd-pi-naive", 9.4)["followup"] == pytest.approx(11.1)
    r = evidence.hr("ENDEAVOR-pfs-hr-pi-naive", 0.47, 0.25, 0.88, p=0.0084)
    assert r["confidence"] == "medium"
    rows = kg.select("SELECT ?d WHERE { population:ENDEAVOR-pi-naive mmkg:excludesPriorExposureTo ?d }")
    assert rows == [{"d": evidence.path_iri("drug:bortezomib")}]
