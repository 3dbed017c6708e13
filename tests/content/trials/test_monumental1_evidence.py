"""MonumenTAL-1 (talquetamab): the prior T-cell redirection cohort (Chari ASH 2022 as reported by Physicians
Weekly; Chari Lancet Haematol 2025 as summarised by Altai Oncology)."""

from __future__ import annotations

from tests.content.conftest import node, one


def test_monumental1_prior_tcr_cohort_51_patients_after_t_cell_redirection(kg) -> None:
    pop = node(kg, "population:MonumenTAL-1-prior-tcr")
    assert pop["requiresPriorExposureTo"] == {"mmkg:TCellRedirectingTherapy"}
    assert (one(pop, "sampleSize"), one(pop, "minPriorLines"), one(pop, "maxECOG")) == (51, 3, 2)
    assert "subgroupOf" not in pop  # a cohort of its own, not a subgroup of the TCR-naive cohorts


def test_monumental1_orr_72_2_after_car_t_and_44_4_after_a_bispecific(kg) -> None:
    car_t = node(kg, "result:MonumenTAL-1-orr-proportion-talquetamab-prior-tcr-car-t")
    bsab = node(kg, "result:MonumenTAL-1-orr-proportion-talquetamab-prior-tcr-bispecific")
    assert (one(car_t, "estimate"), one(bsab, "estimate")) == (72.2, 44.4)
    assert one(node(kg, "population:MonumenTAL-1-prior-tcr-car-t"), "requiresPriorExposureTo") == "mmkg:CARTCellTherapy"
    assert (
        one(node(kg, "population:MonumenTAL-1-prior-tcr-bispecific"), "requiresPriorExposureTo")
        == "mmkg:BispecificTCellEngager"
    )
    assert (
        one(node(kg, "population:MonumenTAL-1-prior-tcr-car-t"), "sampleSize"),
        one(node(kg, "population:MonumenTAL-1-prior-tcr-bispecific"), "sampleSize"),
    ) == (36, 18)
    assert one(car_t, "confidence") == "medium"


def test_monumental1_prior_tcr_orr_67_median_pfs_7_7_months_post_hoc(kg) -> None:
    orr = node(kg, "result:MonumenTAL-1-orr-proportion-talquetamab-prior-tcr")
    pfs = node(kg, "result:MonumenTAL-1-pfs-median-talquetamab-prior-tcr")
    assert (one(orr, "estimate"), one(pfs, "estimate")) == (67.0, 7.7)
    assert orr["analysisType"] == pfs["analysisType"] == {"analysis:post-hoc"}
    assert "ref:chari-2025-lancet-haematol" in orr["source"]
    assert one(node(kg, "ref:chari-2025-lancet-haematol"), "pmid") == "40090350"


def test_monumental1_arms_are_still_the_two_tcr_naive_cohorts(kg) -> None:
    assert node(kg, "trial:MonumenTAL-1")["hasArm"] == {
        "arm:MonumenTAL-1-talquetamab-0.4-QW",
        "arm:MonumenTAL-1-talquetamab-0.8-Q2W",
    }
