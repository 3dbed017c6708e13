"""Evidence after BCMA-targeted or T-cell-redirecting therapy: results on populations defined by prior
exposure (mmkg:requiresPriorExposureTo), which the sequencing answers cite after such a therapy."""

from __future__ import annotations

from tests.content.conftest import node, one, short

POST_EXPOSURE_POPULATIONS = {
    # population: (required class, sample size)
    "population:CARTITUDE-2-cohort-C": ("mmkg:BCMATargetedTherapy", 20),
    "population:MagnetisMM-1-prior-bcma": ("mmkg:BCMATargetedTherapy", 13),
    "population:USMIC-teclistamab-prior-bcma": ("mmkg:BCMATargetedTherapy", 193),
    "population:MonumenTAL-1-prior-tcr": ("mmkg:TCellRedirectingTherapy", 51),
    "population:MonumenTAL-1-prior-tcr-car-t": ("mmkg:CARTCellTherapy", 36),
    "population:MonumenTAL-1-prior-tcr-bispecific": ("mmkg:BispecificTCellEngager", 18),
}


def test_post_bcma_populations_state_the_prior_exposure_and_their_size(kg) -> None:
    for curie, (cls, n) in POST_EXPOSURE_POPULATIONS.items():
        pop = node(kg, curie)
        assert cls in pop["requiresPriorExposureTo"], curie
        assert one(pop, "sampleSize") == n, curie
        assert pop.get("criteriaText"), curie


def test_cilta_cel_after_a_bcma_adc_or_bispecific_orr_60_percent(kg) -> None:
    """CARTITUDE-2 cohort C: ORR 60.0% (95% CI 36.1-80.9), median PFS 9.1 months."""
    assert one(node(kg, "result:CARTITUDE-2-cohort-C-orr-proportion-cilta-cel"), "estimate") == 60.0
    assert one(node(kg, "result:CARTITUDE-2-cohort-C-pfs-median-cilta-cel"), "estimate") == 9.1


def test_bcma_bispecifics_after_prior_bcma_therapy_respond_less_often(kg) -> None:
    """Teclistamab (US consortium series): ORR 48.7% vs 61.5%; elranatamab (MagnetisMM-1): 53.8% vs 63.6% overall."""
    tec_prior = one(node(kg, "result:USMIC-teclistamab-orr-proportion-prior-bcma"), "estimate")
    tec_naive = one(node(kg, "result:USMIC-teclistamab-orr-proportion-no-prior-bcma"), "estimate")
    elra_prior = one(node(kg, "result:MagnetisMM-1-orr-proportion-elranatamab-prior-bcma"), "estimate")
    elra_all = one(node(kg, "result:MagnetisMM-1-orr-proportion-elranatamab"), "estimate")
    assert (tec_prior, tec_naive, elra_prior, elra_all) == (48.7, 61.5, 53.8, 63.6)


def test_results_after_belantamab_mafodotin_are_found_by_its_classes(kg) -> None:
    """What mmkg options asks after a BCMA ADC: results whose population requires exposure to a class of the drug."""
    rows = kg.select(
        """SELECT DISTINCT ?result WHERE {
             ?result mmkg:inPopulation ?population .
             ?population mmkg:requiresPriorExposureTo ?c .
             { ?prior a ?c } UNION { FILTER (?prior = ?c) } }""",
        prior="drug:belantamab-mafodotin",
    )
    found = {short(r["result"]) for r in rows}
    assert {
        "result:CARTITUDE-2-cohort-C-orr-proportion-cilta-cel",
        "result:MagnetisMM-1-orr-proportion-elranatamab-prior-bcma",
        "result:USMIC-teclistamab-orr-proportion-prior-bcma",
    } <= found
    # talquetamab's prior-TCR cohort is evidence after T-cell redirection, not after an ADC
    assert not any(r.startswith("result:MonumenTAL-1") for r in found)


def test_results_after_a_bcma_car_t_include_talquetamab_after_t_cell_redirection(kg) -> None:
    rows = kg.select(
        """SELECT DISTINCT ?result WHERE {
             ?result mmkg:inPopulation ?population .
             ?population mmkg:requiresPriorExposureTo ?c .
             ?prior a ?c }""",
        prior="drug:ciltacabtagene-autoleucel",
    )
    found = {short(r["result"]) for r in rows}
    assert {
        "result:MonumenTAL-1-orr-proportion-talquetamab-prior-tcr",
        "result:MonumenTAL-1-orr-proportion-talquetamab-prior-tcr-car-t",
    } <= found
    assert "result:MonumenTAL-1-orr-proportion-talquetamab-prior-tcr-bispecific" not in found


def test_every_post_bcma_result_has_a_source_and_a_confidence(kg) -> None:
    rows = kg.select(
        """SELECT ?result (COUNT(DISTINCT ?s) AS ?n) (SAMPLE(?conf) AS ?c) WHERE {
             ?result mmkg:inPopulation ?population ; dcterms:source ?s .
             OPTIONAL { ?result mmkg:confidence ?conf }
             ?population mmkg:requiresPriorExposureTo ?cls .
             FILTER (?cls IN (mmkg:BCMATargetedTherapy, mmkg:TCellRedirectingTherapy, mmkg:CARTCellTherapy, mmkg:BispecificTCellEngager)) }
           GROUP BY ?result"""
    )
    assert len(rows) >= 15
    for row in rows:
        assert row["n"] >= 1 and row.get("c") in {"high", "medium", "low"}, row
