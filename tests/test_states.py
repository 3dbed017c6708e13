"""Derived states: the closed-world evaluation agrees with HermiT on a cohort."""

from __future__ import annotations

from pathlib import Path

import pytest

from mmkg.history import History, parse_history
from mmkg.release import materialise
from mmkg.sources import to_ntriples
from mmkg.states import derive_state

MMKG = "https://w3id.org/mmkg/ontology/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

COHORT = {
    "newly-diagnosed": {"lines": []},
    "len-refractory-first-relapse": {"lines": [{"regimen": "VRd", "refractory": ["lenalidomide"]}]},
    "triple-class-refractory": {"lines": [{"regimen": "DRd", "progression": "on-therapy"}, {"regimen": "Kd", "progression": "on-therapy"}]},
    "penta-refractory": {
        "lines": [
            {"regimen": "VRd", "progression": "on-therapy"},
            {"regimen": "DKd", "progression": "within-60-days"},
            {"regimen": "Pd", "progression": "on-therapy"},
        ]
    },
    "bcma-car-t-then-gprc5d": {"lines": [{"regimen": "DaraVRd"}, {"regimen": "cilta-cel", "progression": "after-60-days"}, {"regimen": "talquetamab monotherapy", "progression": "on-therapy"}]},
    "belamaf-refractory": {"lines": [{"regimen": "DRd"}, {"regimen": "BVd", "refractory": ["belantamab mafodotin"]}]},
}


@pytest.fixture(scope="module")
def cohort(kg) -> dict[str, History]:
    return {name: parse_history({"id": name, **data}, kg) for name, data in COHORT.items()}


@pytest.fixture(scope="module")
def hermit_states(cohort: dict[str, History], tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    path = tmp_path_factory.mktemp("cohort") / "cohort.nt"
    path.write_bytes(to_ntriples([t for h in cohort.values() for t in h.triples()]))
    triples, _ = materialise(extra_files=[path])
    found: dict[str, set[str]] = {h.iri(): set() for h in cohort.values()}
    for triple in triples:
        text = str(triple)
        subject = triple.subject.value if hasattr(triple.subject, "value") else ""
        if subject in found and f" {RDF_TYPE} <{MMKG}" in text:
            found[subject].add(triple.object.value)
    return {iri: classes - {MMKG + "Patient"} for iri, classes in found.items()}


def test_closed_world_states_agree_with_hermit_on_the_cohort(kg, cohort, hermit_states) -> None:
    for name, history in cohort.items():
        assert derive_state(kg, history).states == hermit_states[history.iri()], name


def test_penta_refractory_needs_two_pis_two_imids_and_an_anti_cd38(kg, cohort) -> None:
    assert derive_state(kg, cohort["penta-refractory"]).is_a(MMKG + "PentaDrugRefractory")
    assert not derive_state(kg, cohort["triple-class-refractory"]).is_a(MMKG + "PentaDrugExposed")


def test_triple_class_refractory_after_drd_then_kd(kg, cohort) -> None:
    state = derive_state(kg, cohort["triple-class-refractory"])
    assert state.is_a(MMKG + "TripleClassRefractory") and state.is_a(MMKG + "LenalidomideRefractory")
    # dexamethasone is a backbone: a refractory line does not make the patient dexamethasone-refractory
    assert "https://w3id.org/mmkg/drug/dexamethasone" not in state.refractory


def test_bcma_exposure_is_classified_by_modality(kg, cohort) -> None:
    car_t = derive_state(kg, cohort["bcma-car-t-then-gprc5d"])
    assert car_t.is_a(MMKG + "BCMACARTExposed") and car_t.is_a(MMKG + "GPRC5DExposed")
    assert not car_t.is_a(MMKG + "BCMAADCExposed")
    adc = derive_state(kg, cohort["belamaf-refractory"])
    assert adc.is_a(MMKG + "BCMAADCExposed") and not adc.is_a(MMKG + "BCMACARTExposed")


def test_newly_diagnosed_patient_has_no_state(kg, cohort) -> None:
    state = derive_state(kg, cohort["newly-diagnosed"])
    assert state.states == set() and state.prior_lines == 0
