"""APOLLO: daratumumab, pomalidomide and dexamethasone (DPd) vs Pd after lenalidomide and a PI."""

from __future__ import annotations

import pytest


def test_apollo_design_dpd_vs_pd_after_lenalidomide_and_a_pi(kg, evidence) -> None:
    d = evidence.design("APOLLO")
    assert (d["nct"], d["ratio"], d["n"]) == ("NCT03180736", "1:1", 304)
    rows = kg.select(
        """SELECT ?ecog ?crcl (GROUP_CONCAT(STR(?e); separator=" ") AS ?exposures) WHERE {
             population:APOLLO-itt mmkg:maxECOG ?ecog ; mmkg:minCreatinineClearance ?crcl ; mmkg:requiresPriorExposureTo ?e }
           GROUP BY ?ecog ?crcl"""
    )
    assert rows[0]["ecog"] == 2 and rows[0]["crcl"] == pytest.approx(30)
    assert set(rows[0]["exposures"].split()) == {
        evidence.path_iri("drug:lenalidomide"),
        evidence.path_iri("ontology:ProteasomeInhibitor"),
    }


def test_apollo_pfs_12_4_vs_6_9_hr_0_63_p_0_0018(kg, evidence) -> None:
    evidence.median("APOLLO-pfs-median-DPd-itt", 12.4)
    evidence.median("APOLLO-pfs-median-Pd-itt", 6.9)
    evidence.hr("APOLLO-pfs-hr-itt", 0.63, 0.47, 0.85, p=0.0018)


def test_apollo_final_os_34_4_vs_23_7_hr_0_82_p_0_199(kg, evidence) -> None:
    evidence.median("APOLLO-os-median-DPd-itt", 34.4)
    evidence.median("APOLLO-os-median-Pd-itt", 23.7)
    evidence.hr("APOLLO-os-hr-itt", 0.82, 0.61, 1.11, p=0.199)
    evidence.median("APOLLO-pfs-median-DPd-len-refractory", 9.9)
    evidence.median("APOLLO-pfs-median-Pd-len-refractory", 6.5)
