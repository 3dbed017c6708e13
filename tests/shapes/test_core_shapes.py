"""Each core shape (drugs, regimens, vocabularies, ontology) fails the build on data that violates it."""

from __future__ import annotations

import pytest


SHAPE = "https://w3id.org/mmkg/shapes/"


@pytest.mark.parametrize(
    ("fixture", "shape", "focus"),
    [
        ("core/drug-without-modality.ttl", "DrugShape", "drug:fixture-no-modality"),
        ("core/drug-with-two-modalities.ttl", "DrugShape", "drug:fixture-two-modalities"),
        ("core/drug-without-source.ttl", "DrugShape", "drug:fixture-unsourced"),
        ("core/regimen-without-component.ttl", "RegimenShape", "regimen:fixture-empty"),
        ("core/regimen-with-unknown-component.ttl", "RegimenShape", "regimen:fixture-typo"),
        ("core/regimen-duplicate-abbreviation.ttl", "UniqueRegimenNameShape", "regimen:fixture-duplicate"),
        ("core/target-without-definition.ttl", "MolecularTargetShape", "target:FIXTURE"),
        ("core/class-without-definition.ttl", "TermDocumentationShape", "mmkg:FixtureClass"),
        ("core/ontology-two-versions.ttl", "OntologyMetadataShape", "https://w3id.org/mmkg/mmkg.owl"),
    ],
)
def test_core_shape_rejects_violating_data(shape_fixtures, fixture: str, shape: str, focus: str) -> None:
    shape_fixtures.assert_violates(fixture, SHAPE + shape, focus=focus)

