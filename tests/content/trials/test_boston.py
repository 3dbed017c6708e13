"""BOSTON: selinexor, bortezomib and dexamethasone (SVd) vs Vd after 1-3 prior lines."""

from __future__ import annotations

import pytest


def test_boston_pi_naive_pfs_29_5_vs_9_7_hazard_ratio_0_29(kg, evidence) -> None:
    svd = evidence.median("BOSTON-pfs-median-SVd-pi-naive", 29.5)
    assert svd["followup"] == pytest.approx(28.2) and svd["confidence"] == "high"
    assert evidence.median("BOSTON-pfs-median-Vd-pi-naive", 9.7)["followup"] == pytest.approx(27.1)
    r = evidence.hr("BOSTON-pfs-hr-pi-naive", 0.29, 0.14, 0.63, p=0.001)
    assert r["relation"] == "<"
    rows = kg.select("SELECT ?c WHERE { population:BOSTON-pi-naive mmkg:excludesPriorExposureTo ?c }")
    assert rows == [{"c": evidence.path_iri("ontology:ProteasomeInhibitor")}]


def test_boston_primary_pfs_13_93_vs_9_46_hr_0_70_and_second_line_21_0_vs_10_7(kg, evidence) -> None:
    d = evidence.design("BOSTON")
    assert (d["nct"], d["n"], d["ratio"]) == ("NCT03110562", 402, "1:1")
    evidence.median("BOSTON-pfs-median-SVd-itt", 13.93)
    evidence.hr("BOSTON-pfs-hr-itt", 0.70, 0.53, 0.93, p=0.0075)
    evidence.median("BOSTON-pfs-median-SVd-itt-update", 13.2)
    evidence.median("BOSTON-pfs-median-SVd-second-line", 21.0)
    evidence.median("BOSTON-pfs-median-Vd-second-line", 10.7)
    evidence.median("BOSTON-os-median-SVd-second-line", None, not_reached=True)


def test_boston_len_refractory_os_26_7_vs_18_6_orr_67_9_vs_47_2(kg, evidence) -> None:
    evidence.median("BOSTON-pfs-median-SVd-len-refractory", 10.2)
    evidence.median("BOSTON-pfs-median-Vd-len-refractory", 7.1)
    evidence.median("BOSTON-os-median-SVd-len-refractory", 26.7)
    evidence.median("BOSTON-os-median-Vd-len-refractory", 18.6)
    evidence.percent("BOSTON-orr-SVd-len-refractory", 67.9)
    evidence.percent("BOSTON-orr-Vd-len-refractory", 47.2)
