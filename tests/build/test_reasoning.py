"""HermiT classifies drugs and regimens from their asserted target, modality and components."""

from __future__ import annotations

DRUG = "https://w3id.org/mmkg/drug/"
MMKG = "https://w3id.org/mmkg/ontology/"


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _has_type(build, drug: str, cls: str) -> bool:
    return build.has(DRUG + drug, RDF_TYPE, MMKG + cls)


def test_hermit_classifies_a_bcma_adc_from_target_and_modality_alone(fixture_build) -> None:
    assert _has_type(fixture_build, "fixture-adc", "BCMATargetedADC")
    assert _has_type(fixture_build, "fixture-adc", "BCMATargetedTherapy")
    assert not _has_type(fixture_build, "fixture-adc", "TCellRedirectingTherapy")


def test_hermit_classifies_a_bcma_bispecific_from_target_and_modality_alone(fixture_build) -> None:
    assert _has_type(fixture_build, "fixture-tce", "BCMABispecific")
    assert _has_type(fixture_build, "fixture-tce", "TCellRedirectingTherapy")


def test_belantamab_mafodotin_is_a_bcma_targeted_adc(kg) -> None:
    assert kg.query("ASK { drug:belantamab-mafodotin a mmkg:BCMATargetedADC }")
    # nothing but its target and modality says so in the curated sources
    assert not kg.query("ASK { drug:belantamab-mafodotin a mmkg:BCMABispecific }")


def test_teclistamab_is_a_bcma_bispecific_t_cell_engager(kg) -> None:
    assert kg.query("ASK { drug:teclistamab a mmkg:BCMABispecific, mmkg:TCellRedirectingTherapy }")


def test_cilta_cel_and_ide_cel_are_bcma_directed_car_t(kg) -> None:
    rows = kg.select("SELECT ?d WHERE { ?d a mmkg:BCMADirectedCART } ORDER BY ?d")
    assert [r["d"].rsplit("/", 1)[-1] for r in rows] == [
        "anitocabtagene-autoleucel",
        "ciltacabtagene-autoleucel",
        "idecabtagene-vicleucel",
    ]


def test_talquetamab_is_the_gprc5d_bispecific(kg) -> None:
    rows = kg.select("SELECT ?d WHERE { ?d a mmkg:GPRC5DBispecific }")
    assert [r["d"] for r in rows] == [DRUG + "talquetamab"]


def test_daratumumab_and_isatuximab_are_inferred_anti_cd38_antibodies(kg) -> None:
    rows = kg.select("SELECT ?d WHERE { ?d a mmkg:AntiCD38Antibody } ORDER BY ?d")
    assert [r["d"] for r in rows] == [DRUG + "daratumumab", DRUG + "isatuximab"]


def test_isakd_is_an_anti_cd38_and_pi_containing_triplet(kg) -> None:
    assert kg.query("ASK { regimen:IsaKd a mmkg:AntiCD38ContainingRegimen, mmkg:PIContainingRegimen, mmkg:Triplet }")
    assert not kg.query("ASK { regimen:IsaKd a mmkg:IMiDContainingRegimen }")


def test_daravrd_is_a_quadruplet_and_kd_a_doublet(kg) -> None:
    assert kg.query("ASK { regimen:DaraVRd a mmkg:Quadruplet ; mmkg:componentCount 4 }")
    assert kg.query("ASK { regimen:Kd a mmkg:Doublet }")


def test_belamaf_combinations_are_bcma_targeted_regimens(kg) -> None:
    rows = kg.select(
        "SELECT ?r WHERE { ?r a mmkg:BCMATargetedRegimen ; mmkg:hasComponent drug:belantamab-mafodotin } ORDER BY ?r"
    )
    assert [r["r"].rsplit("/", 1)[-1] for r in rows] == ["BPd", "BVd", "belantamab-mafodotin-monotherapy"]


def test_lenalidomide_refractory_patient_is_classified_through_the_property_chain(fixture_build) -> None:
    """tests/build/fixtures/len-refractory-patient.ttl: one line refractory to lenalidomide, with daratumumab and bortezomib."""
    patient = "https://w3id.org/mmkg/patient/fixture-len-refractory"
    for cls in ("LenalidomideRefractory", "TripleClassExposed", "IMiDRefractory"):
        assert fixture_build.has(patient, RDF_TYPE, MMKG + cls)
    assert not fixture_build.has(patient, RDF_TYPE, MMKG + "TripleClassRefractory")
