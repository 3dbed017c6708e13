"""Standard-of-care teclistamab after prior BCMA-directed therapy: the US Multiple Myeloma Immunotherapy
Consortium retrospective series (Blood Cancer J 2025;15(1):111, PMID 40562770)."""

from __future__ import annotations

from tests.content.conftest import node, one


def test_usmic_teclistamab_is_a_real_world_study(kg) -> None:
    trial = node(kg, "trial:USMIC-teclistamab")
    assert "mmkg:RealWorldStudy" in trial["type"] and one(trial, "sampleSize") == 385
    ref = node(kg, "ref:dima-2025-blood-cancer-j")
    assert (one(ref, "pmid"), one(ref, "doi")) == ("40562770", "10.1038/s41408-025-01314-9")


def test_usmic_teclistamab_orr_48_7_and_median_pfs_4_6_months_after_prior_bcma(kg) -> None:
    pop = node(kg, "population:USMIC-teclistamab-prior-bcma")
    assert pop["requiresPriorExposureTo"] == {"mmkg:BCMATargetedTherapy"} and one(pop, "sampleSize") == 193
    assert one(node(kg, "result:USMIC-teclistamab-orr-proportion-prior-bcma"), "estimate") == 48.7
    assert one(node(kg, "result:USMIC-teclistamab-pfs-median-prior-bcma"), "estimate") == 4.6


def test_usmic_teclistamab_orr_61_5_and_median_pfs_8_2_months_without_prior_bcma(kg) -> None:
    pop = node(kg, "population:USMIC-teclistamab-no-prior-bcma")
    assert pop["excludesPriorExposureTo"] == {"mmkg:BCMATargetedTherapy"} and one(pop, "sampleSize") == 192
    assert one(node(kg, "result:USMIC-teclistamab-orr-proportion-no-prior-bcma"), "estimate") == 61.5
    assert one(node(kg, "result:USMIC-teclistamab-pfs-median-no-prior-bcma"), "estimate") == 8.2
