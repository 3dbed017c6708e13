"""CARTITUDE-2 cohort C: cilta-cel after a non-cellular BCMA-targeted therapy (Blood 2023;141(3):219),
median follow-up 11.3 months."""

from __future__ import annotations

from tests.content.conftest import node, one


def test_cartitude2_cohort_c_requires_prior_bcma_targeted_therapy(kg) -> None:
    pop = node(kg, "population:CARTITUDE-2-cohort-C")
    assert "mmkg:BCMATargetedTherapy" in pop["requiresPriorExposureTo"]
    assert {"mmkg:ProteasomeInhibitor", "mmkg:ImmunomodulatoryDrug", "mmkg:AntiCD38Antibody"} <= pop[
        "requiresPriorExposureTo"
    ]
    assert one(pop, "sampleSize") == 20
    assert "13 ADC exposed; 7 BsAb exposed" in one(pop, "criteriaText")
    trial = node(kg, "trial:CARTITUDE-2")
    assert one(trial, "primaryEndpoint") == "endpoint:MRD-negativity-1e-5"


def test_cartitude2_cohort_c_orr_60_percent_after_prior_bcma(kg) -> None:
    orr = node(kg, "result:CARTITUDE-2-cohort-C-orr-proportion-cilta-cel")
    assert (one(orr, "estimate"), one(orr, "ciLower"), one(orr, "ciUpper"), one(orr, "medianFollowUpMonths")) == (
        60.0,
        36.1,
        80.9,
        11.3,
    )
    assert one(orr, "forArm") == "arm:CARTITUDE-2-cohort-C-cilta-cel"


def test_cartitude2_cohort_c_median_pfs_9_1_and_dor_11_5_months(kg) -> None:
    pfs = node(kg, "result:CARTITUDE-2-cohort-C-pfs-median-cilta-cel")
    assert (one(pfs, "estimate"), one(pfs, "ciLower"), one(pfs, "ciUpperNotReached")) == (9.1, 1.5, True)
    dor = node(kg, "result:CARTITUDE-2-cohort-C-dor-median-cilta-cel")
    assert (one(dor, "estimate"), one(dor, "ciLower")) == (11.5, 7.9)


def test_cartitude2_cohort_c_mrd_negativity_35_percent_70_in_evaluable(kg) -> None:
    itt = node(kg, "result:CARTITUDE-2-cohort-C-mrd-negativity-1e-5-proportion-cilta-cel")
    evaluable = node(kg, "result:CARTITUDE-2-cohort-C-mrd-negativity-1e-5-proportion-cilta-cel-mrd-evaluable")
    assert (one(itt, "estimate"), one(itt, "numberOfPatients")) == (35.0, 7)
    assert (one(evaluable, "estimate"), one(evaluable, "numberOfPatients")) == (70.0, 7)
    assert one(node(kg, "population:CARTITUDE-2-cohort-C-mrd-evaluable"), "sampleSize") == 10
