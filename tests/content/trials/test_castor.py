"""CASTOR: daratumumab, bortezomib and dexamethasone (DVd) vs Vd after at least one prior line."""

from __future__ import annotations


def test_castor_dvd_pfs_16_7_vs_7_1_hazard_ratio_from_primary_source(kg, evidence) -> None:
    """The triplets slide prints HR 0.32; Spencer 2018 (cited) reports 0.31 (0.24-0.39)."""
    assert evidence.design("CASTOR")["n"] == 498
    evidence.median("CASTOR-pfs-median-DVd-itt", 16.7)
    evidence.median("CASTOR-pfs-median-Vd-itt", 7.1)
    r = evidence.hr("CASTOR-pfs-hr-itt", 0.31, 0.24, 0.39)
    assert "0.32" in r["note"] and r["confidence"] == "medium"


def test_castor_second_line_pfs_27_0_vs_7_9_and_final_os_49_6_vs_38_5(kg, evidence) -> None:
    evidence.median("CASTOR-pfs-median-DVd-second-line", 27.0)
    evidence.median("CASTOR-pfs-median-Vd-second-line", 7.9)
    evidence.median("CASTOR-os-median-DVd-itt", 49.6)
    evidence.median("CASTOR-os-median-Vd-itt", 38.5)
    evidence.hr("CASTOR-os-hr-itt", 0.74, 0.59, 0.92, p=0.0075)
    evidence.median("CASTOR-pfs-median-DVd-len-refractory", 7.8)
    evidence.median("CASTOR-pfs-median-Vd-len-refractory", 4.9)
    r = evidence.result("CASTOR-prior-lines-itt")
    assert (r["estimate"], r["range_min"], r["range_max"]) == (2, 1, 9)
