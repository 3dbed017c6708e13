"""CANDOR: carfilzomib, daratumumab and dexamethasone (KdD) vs Kd in RRMM after 1-3 prior lines."""

from __future__ import annotations

import pytest


def test_candor_design_kdd_vs_kd_2_to_1(kg, evidence) -> None:
    d = evidence.design("CANDOR")
    assert (d["nct"], d["phase"], d["ratio"], d["n"]) == ("NCT03158688", "3", "2:1", 466)
    assert d["arms"] == {evidence.path_iri("arm:CANDOR-KdD"), evidence.path_iri("arm:CANDOR-Kd")}
    assert d["primaries"] == {evidence.path_iri("endpoint:PFS")}
    assert d["mfu"] == pytest.approx(50.6)
    kdd, kd = evidence.arm("CANDOR-KdD"), evidence.arm("CANDOR-Kd")
    assert (kdd["regimen"], kd["regimen"]) == (evidence.path_iri("regimen:DKd"), evidence.path_iri("regimen:Kd"))
    assert (kdd["kind"], kd["kind"]) == (
        evidence.path_iri("ontology:ExperimentalArm"),
        evidence.path_iri("ontology:ControlArm"),
    )


def test_candor_kdd_arm_size_follows_primary_source_not_slide(kg, evidence) -> None:
    """The slide reads KdD n=313; 312 + 154 = 466 as the CANDOR reports give it."""
    assert evidence.arm("CANDOR-KdD")["n"] == 312
    assert evidence.arm("CANDOR-Kd")["n"] == 154
    note = kg.select("SELECT ?n WHERE { arm:CANDOR-KdD mmkg:curationNote ?n }")[0]["n"]
    assert "313" in note


def test_candor_final_pfs_28_4_vs_15_2_hazard_ratio_0_64(kg, evidence) -> None:
    evidence.median("CANDOR-pfs-median-KdD-itt", 28.4)
    evidence.median("CANDOR-pfs-median-Kd-itt", 15.2)
    r = evidence.hr("CANDOR-pfs-hr-itt", 0.64, 0.49, 0.83)
    assert (r["arm"], r["versus"]) == (evidence.path_iri("arm:CANDOR-KdD"), evidence.path_iri("arm:CANDOR-Kd"))
    assert evidence.path_iri("reference:usmani-2023-blood-adv") in evidence.result_sources("CANDOR-pfs-hr-itt")


def test_candor_os_hazard_ratio_0_78_p_0_0417_read_from_interleaved_chart(kg, evidence) -> None:
    """'p=0.041743.6' is p=0.0417 followed by the Kd median OS bar label 43.6."""
    r = evidence.hr("CANDOR-os-hr-itt", 0.78, 0.60, 1.03, p=0.0417)
    assert r["relation"] == "=" and r["confidence"] == "high"
    assert "0.041743.6" in r["note"]
    evidence.median("CANDOR-os-median-KdD-itt", 50.8)
    evidence.median("CANDOR-os-median-Kd-itt", 43.6)


def test_candor_len_refractory_pfs_28_1_vs_11_1_and_os_not_reached_vs_38_2(kg, evidence) -> None:
    evidence.median("CANDOR-pfs-median-KdD-len-refractory", 28.1)
    evidence.median("CANDOR-pfs-median-Kd-len-refractory", 11.1)
    evidence.median("CANDOR-os-median-KdD-len-refractory", None, not_reached=True)
    evidence.median("CANDOR-os-median-Kd-len-refractory", 38.2)
    evidence.percent("CANDOR-orr-KdD-len-refractory", 79.8)
    evidence.hr("CANDOR-os-hr-len-refractory", 0.69, 0.43, 1.11)


def test_candor_len_refractory_population_requires_lenalidomide_refractoriness(kg, evidence) -> None:
    rows = kg.select(
        "SELECT ?drug ?broader WHERE { population:CANDOR-len-refractory mmkg:requiresRefractorinessTo ?drug ; mmkg:subgroupOf ?broader }"
    )
    assert rows == [
        {"drug": evidence.path_iri("drug:lenalidomide"), "broader": evidence.path_iri("population:CANDOR-itt")}
    ]


def test_candor_updated_analysis_on_triplets_list_pfs_28_6_hr_0_59(kg, evidence) -> None:
    evidence.median("CANDOR-pfs-median-KdD-itt-2022", 28.6)
    evidence.hr("CANDOR-pfs-hr-itt-2022", 0.59, 0.45, 0.78)
    evidence.percent("CANDOR-cr-KdD-itt", 29)
