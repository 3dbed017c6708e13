"""The trials behind the deck's list of triplets available at first and later relapse (ELOQUENT-2, ASPIRE, POLLUX, TOURMALINE-MM1, ICARIA-MM, ELOQUENT-3)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("trial", "nct", "regimen", "pfs", "hazard_ratio", "cr"),
    [
        ("ELOQUENT-2", "NCT01239797", "EloRd", 19.4, 0.70, 5),
        ("ASPIRE", "NCT01080391", "KRd", 26.3, 0.69, 31.8),
        ("POLLUX", "NCT02076009", "DRd", 44.5, 0.44, 56.6),
        ("TOURMALINE-MM1", "NCT01564537", "IxaRd", 20.6, 0.74, 12),
        ("ICARIA-MM", "NCT02990338", "IsaPd", 11.1, 0.60, 10),
        ("ELOQUENT-3", "NCT02654132", "EloPd", 10.3, 0.54, 8),
    ],
)
def test_triplet_list_trials_pfs_hazard_ratio_and_cr(kg, evidence, trial, nct, regimen, pfs, hazard_ratio, cr) -> None:
    d = evidence.design(trial)
    assert d["nct"] == nct
    experimental = [
        a
        for a in d["arms"]
        if evidence.arm(a.rsplit("/", 1)[1])["kind"] == evidence.path_iri("ontology:ExperimentalArm")
    ]
    assert [evidence.arm(a.rsplit("/", 1)[1])["regimen"] for a in experimental] == [
        evidence.path_iri(f"regimen:{regimen}")
    ]
    local = experimental[0].rsplit("/", 1)[1].removeprefix(f"{trial}-")
    evidence.median(f"{trial}-pfs-median-{local}-itt", pfs)
    evidence.hr(f"{trial}-pfs-hr-itt", hazard_ratio)
    evidence.percent(f"{trial}-cr-{local}-itt", cr)


def test_eloquent_2_hazard_ratio_records_primary_0_70_not_slide_0_71(kg, evidence) -> None:
    r = evidence.hr("ELOQUENT-2-pfs-hr-itt", 0.70)
    assert "0.71" in r["note"] and r["confidence"] == "medium"


def test_pollux_daratumumab_rd_pfs_44_5_vs_17_5_hr_0_44(kg, evidence) -> None:
    evidence.median("POLLUX-pfs-median-DRd-itt", 44.5)
    evidence.median("POLLUX-pfs-median-Rd-itt", 17.5)
    evidence.hr("POLLUX-pfs-hr-itt", 0.44, 0.35, 0.55)
