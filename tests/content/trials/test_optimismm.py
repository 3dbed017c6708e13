"""OPTIMISMM: pomalidomide, bortezomib and dexamethasone (PVd) vs Vd after lenalidomide."""

from __future__ import annotations

import pytest


def test_optimismm_pvd_primary_pfs_11_2_hr_0_61_and_table_pfs_11_7_vs_6_9(kg, evidence) -> None:
    d = evidence.design("OPTIMISMM")
    assert (d["nct"], d["n"]) == ("NCT01734928", 559)
    assert evidence.median("OPTIMISMM-pfs-median-PVd-itt", 11.2)["followup"] == pytest.approx(15.9)
    evidence.hr("OPTIMISMM-pfs-hr-itt", 0.61)
    evidence.median("OPTIMISMM-pfs-median-PVd-itt-update", 11.7)
    evidence.median("OPTIMISMM-pfs-median-Vd-itt-update", 6.9)
    evidence.median("OPTIMISMM-pfs-median-PVd-second-line", 20.73)
    evidence.median("OPTIMISMM-pfs-median-Vd-second-line", 11.63)


def test_optimismm_len_refractory_second_line_pfs_17_8_vs_9_5(kg, evidence) -> None:
    r = evidence.median("OPTIMISMM-pfs-median-PVd-len-refractory-second-line", 17.8)
    assert r["population"] == evidence.path_iri("population:OPTIMISMM-len-refractory-second-line")
    evidence.median("OPTIMISMM-pfs-median-Vd-len-refractory-second-line", 9.5)
    rows = kg.select(
        """SELECT ?drug ?max WHERE { population:OPTIMISMM-len-refractory-second-line
             mmkg:requiresRefractorinessTo ?drug ; mmkg:maxPriorLines ?max }"""
    )
    assert rows == [{"drug": evidence.path_iri("drug:lenalidomide"), "max": 1}]


def test_optimismm_len_refractory_os_and_orr_population_is_low_confidence(kg, evidence) -> None:
    for local, value in [
        ("OPTIMISMM-os-median-PVd-len-refractory", 29.8),
        ("OPTIMISMM-os-median-Vd-len-refractory", 24.2),
    ]:
        assert evidence.median(local, value)["confidence"] == "low"
    for local, value in [("OPTIMISMM-orr-PVd-len-refractory", 85.9), ("OPTIMISMM-orr-Vd-len-refractory", 50.8)]:
        assert evidence.percent(local, value)["confidence"] == "low"


def test_optimismm_pi_naive_pfs_20_7_vs_9_5_hr_0_62(kg, evidence) -> None:
    evidence.median("OPTIMISMM-pfs-median-PVd-pi-naive", 20.7)
    evidence.median("OPTIMISMM-pfs-median-Vd-pi-naive", 9.5)
    r = evidence.hr("OPTIMISMM-pfs-hr-pi-naive", 0.62, 0.35, 1.11, p=0.1055)
    assert r["confidence"] == "medium"
