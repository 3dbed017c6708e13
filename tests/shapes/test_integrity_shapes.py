"""The integrity shapes (shapes/integrity.ttl) and the build checks no shape can make (issue 11, group 7).

Each fixture in tests/shapes/fixtures/integrity/ is one curated fact that disagrees with
another fact or with what it measures, and reached the release before these shapes. A
subclass cycle, an unsatisfiable class and an ill-typed literal are checked by the build
itself (mmkg/build/validation.py, mmkg/build/reasoning.py): they are tested here on
small inputs.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from mmkg.build.validation import ill_typed_literals, subclass_cycles
from mmkg.errors import BuildFailed
from mmkg.turtle import parse_turtle

FIXTURES = Path(__file__).parent / "fixtures" / "integrity"

CASES = [
    ("mapping-iri-disagrees.ttl", "shape:MappingIdentifierAgreesShape", "mapping:fixture-lenalidomide-chebi-disagrees"),
    ("drugs-with-same-label.ttl", "shape:DrugLabelUniqueShape", "drug:fixture-lenalidomide-twin"),
    (
        "approval-product-not-in-regimen.ttl",
        "shape:ApprovedProductInRegimenShape",
        "approval:fixture-product-not-in-regimen",
    ),
    ("ci-level-as-percent.ttl", "shape:ConfidenceLevelShape", "result:fixture-ci-level-95"),
    ("negative-sample-size.ttl", "shape:SampleSizeShape", "population:fixture-negative-size"),
    ("result-arm-of-another-trial.ttl", "shape:ResultArmOfTrialShape", "result:fixture-arm-of-boston"),
    ("result-estimate-not-a-number.ttl", "shape:ResultNumbersShape", "result:fixture-estimate-text"),
]


def test_every_fixture_is_listed() -> None:
    assert sorted(p.name for p in FIXTURES.glob("*.ttl")) == sorted(name for name, _, _ in CASES)


@pytest.mark.parametrize(("fixture", "shape", "focus"), CASES, ids=[c[0].removesuffix(".ttl") for c in CASES])
def test_integrity_shape_catches_the_fault(shape_fixtures, fixture: str, shape: str, focus: str) -> None:
    shape_fixtures.assert_violates(f"integrity/{fixture}", shape, focus=focus)


def test_curated_lenalidomide_is_named_by_the_duplicate_label_shape_too(shape_fixtures) -> None:
    lines = [v.line() for v in shape_fixtures.by_focus["https://w3id.org/mmkg/drug/lenalidomide"]]
    assert any("fixture-lenalidomide-twin" in line and "DrugLabelUniqueShape" in line for line in lines)


def _triples(text: str) -> list[ox.Triple]:
    prefixes = (
        "@prefix mmkg: <https://w3id.org/mmkg/ontology/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."
        " @prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> ."
        " @prefix result: <https://w3id.org/mmkg/result/> .\n"
    )
    return parse_turtle((prefixes + text).encode(), name="inline")


def test_a_subclass_cycle_is_found_and_named() -> None:
    lines = subclass_cycles(
        _triples(
            "mmkg:ImmunomodulatoryDrug rdfs:subClassOf mmkg:ProteasomeInhibitor ."
            " mmkg:ProteasomeInhibitor rdfs:subClassOf mmkg:ImmunomodulatoryDrug ."
            " mmkg:ProteasomeInhibitor rdfs:subClassOf mmkg:Drug ."
        )
    )
    assert lines == [
        "Violation: mmkg:ImmunomodulatoryDrug: subclass cycle mmkg:ImmunomodulatoryDrug ⊑ mmkg:ProteasomeInhibitor"
        " ⊑ mmkg:ImmunomodulatoryDrug (classes in a cycle are one class) [rule subclass cycle]"
    ]


def test_a_longer_cycle_and_no_false_alarm() -> None:
    assert (
        len(
            subclass_cycles(
                _triples(
                    "mmkg:A rdfs:subClassOf mmkg:B . mmkg:B rdfs:subClassOf mmkg:C . mmkg:C rdfs:subClassOf mmkg:A ."
                )
            )
        )
        == 1
    )
    assert (
        subclass_cycles(
            _triples("mmkg:A rdfs:subClassOf mmkg:B . mmkg:B rdfs:subClassOf mmkg:C . mmkg:A rdfs:subClassOf mmkg:C .")
        )
        == []
    )
    assert subclass_cycles(_triples("mmkg:A rdfs:subClassOf mmkg:A .")) == []


@pytest.mark.parametrize(
    ("literal", "ok"),
    [
        ('"abc"^^xsd:decimal', False),
        ('"12.5"^^xsd:decimal', True),
        ('"1e3"^^xsd:double', True),
        ('"2024-13-01"^^xsd:date', False),
        ('"2024-02-30"^^xsd:date', False),
        ('"2024-02-29"^^xsd:date', True),
        ('"2024-1"^^xsd:gYearMonth', False),
        ('"2024-01"^^xsd:gYearMonth', True),
        ('"24"^^xsd:gYear', False),
        ('"yes"^^xsd:boolean', False),
        ('"-3"^^xsd:nonNegativeInteger', False),
        ('"3.0"^^xsd:integer', False),
        ('"plain text"', True),
    ],
)
def test_ill_typed_literals_are_found(literal: str, ok: bool) -> None:
    lines = ill_typed_literals(_triples(f"result:fixture mmkg:estimate {literal} ."))
    assert (lines == []) is ok, lines
    if not ok:
        assert lines[0].startswith("Violation: result:fixture mmkg:estimate:") and lines[0].endswith(
            "[rule ill-typed literal]"
        )


def test_an_unsatisfiable_class_fails_the_reasoner(tmp_path: Path) -> None:
    from mmkg.build.reasoning import classify, java_available

    if not java_available():
        pytest.skip("HermiT needs Java")
    triples = _triples(
        "mmkg:A a owl:Class . mmkg:B a owl:Class . mmkg:A owl:disjointWith mmkg:B ."
        " mmkg:AB a owl:Class ; rdfs:subClassOf mmkg:A, mmkg:B ."
    )
    with pytest.raises(BuildFailed, match="1 unsatisfiable class") as error:
        classify(triples, cache=tmp_path)
    assert error.value.details == ["Violation: mmkg:AB: unsatisfiable class [rule unsatisfiable class]"]
    assert list(tmp_path.iterdir()) == [], "an unsatisfiable input must never be cached"
