"""IKEMA: isatuximab, carfilzomib and dexamethasone (Isa-Kd) vs Kd after 1-3 prior lines."""

from __future__ import annotations

import pytest


def test_ikema_design_isakd_vs_kd_3_to_2(kg, evidence) -> None:
    d = evidence.design("IKEMA")
    assert (d["nct"], d["ratio"], d["n"]) == ("NCT03275285", "3:2", 302)
    assert (evidence.arm("IKEMA-IsaKd")["n"], evidence.arm("IKEMA-Kd")["n"]) == (179, 123)
    assert evidence.arm("IKEMA-IsaKd")["regimen"] == evidence.path_iri("regimen:IsaKd")


def test_ikema_population_excludes_prior_carfilzomib_and_anti_cd38_refractoriness(kg, evidence) -> None:
    rows = kg.select(
        """SELECT ?min ?max ?noExposure ?noRefractoriness WHERE { population:IKEMA-itt mmkg:minPriorLines ?min ; mmkg:maxPriorLines ?max ;
           mmkg:excludesPriorExposureTo ?noExposure ; mmkg:excludesRefractorinessTo ?noRefractoriness }"""
    )
    assert rows == [
        {
            "min": 1,
            "max": 3,
            "noExposure": evidence.path_iri("drug:carfilzomib"),
            "noRefractoriness": evidence.path_iri("ontology:AntiCD38Antibody"),
        }
    ]


def test_ikema_pfs_hazard_ratio(kg, evidence) -> None:
    """HR 0.58 (0.42–0.79), median PFS 35.7 vs 19.2 months; Martin 2023 gives a 95.4% CI."""
    r = evidence.hr("IKEMA-pfs-hr-itt", 0.58, 0.42, 0.79)
    assert r["level"] == pytest.approx(0.954)
    assert evidence.median("IKEMA-pfs-median-IsaKd-itt", 35.7)["lower"] == pytest.approx(25.8)
    evidence.median("IKEMA-pfs-median-Kd-itt", 19.2)


def test_ikema_os_not_reached_extrapolated_63_0_vs_50_6_hr_0_86(kg, evidence) -> None:
    observed = evidence.median("IKEMA-os-median-IsaKd-itt", None, not_reached=True)
    assert observed["lower"] == pytest.approx(52.17) and observed["upper_nr"] is True
    extrapolated = evidence.median("IKEMA-os-median-IsaKd-itt-extrapolated", 63.0)
    assert extrapolated["extrapolated"] is True
    evidence.median("IKEMA-os-median-Kd-itt", 50.6)
    evidence.hr("IKEMA-os-hr-itt", 0.86, 0.61, 1.20, p=0.184)


def test_ikema_len_refractory_pfs_hazard_ratio_0_60(kg, evidence) -> None:
    r = evidence.hr("IKEMA-pfs-hr-len-refractory", 0.60)
    assert r["population"] == evidence.path_iri("population:IKEMA-len-refractory")
    evidence.percent("IKEMA-cr-IsaKd-itt", 44.1)
