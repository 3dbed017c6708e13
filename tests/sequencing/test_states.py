"""Derived states: the closed-world evaluation agrees with HermiT on a cohort."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from mmkg.sequencing import History, derive_state

MMKG = "https://w3id.org/mmkg/ontology/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@pytest.fixture(scope="module")
def hermit_states(cohort: dict[str, History], fixture_build) -> dict[str, set[str]]:
    """The classes HermiT gives each patient of the cohort (tests/sequencing/fixtures/cohort.yaml)."""
    found: dict[str, set[str]] = {h.iri(): set() for h in cohort.values()}
    for triple in fixture_build.triples:
        if (
            isinstance(triple.subject, ox.NamedNode)
            and triple.subject.value in found
            and triple.predicate.value == RDF_TYPE
        ) and triple.object.value.startswith(MMKG):
            found[triple.subject.value].add(triple.object.value)
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
