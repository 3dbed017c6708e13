"""SHACL shapes of shapes/guidelines.ttl, each with a violating fixture ."""

from __future__ import annotations

import pytest


CASES = [
    ("rec-without-guideline.ttl", "shape:RecommendationProvenanceShape", "rec:fixture-no-guideline"),
    ("rec-without-source.ttl", "shape:RecommendationProvenanceShape", "rec:fixture-no-source"),
    ("rec-without-text.ttl", "shape:RecommendationProvenanceShape", "rec:fixture-no-text"),
    ("regimen-rec-without-regimen.ttl", "shape:RegimenRecommendationShape", "rec:fixture-no-regimen"),
    ("regimen-rec-without-setting.ttl", "shape:RegimenRecommendationShape", "rec:fixture-no-setting"),
    ("regimen-rec-without-rank.ttl", "shape:RegimenRecommendationShape", "rec:fixture-no-rank"),
    ("bad-evidence-level.ttl", "shape:RecommendationGradingShape", "rec:fixture-bad-level"),
    ("bad-grade.ttl", "shape:RecommendationGradingShape", "rec:fixture-bad-grade"),
    ("sequencing-prefers-without-over.ttl", "shape:SequencingRecommendationShape", "rec:fixture-prefers-only"),
    ("sequencing-without-classes.ttl", "shape:SequencingRecommendationShape", "rec:fixture-no-classes"),
    ("guideline-without-year.ttl", "shape:GuidelineShape", "ref:fixture-guideline-no-year"),
]


@pytest.mark.parametrize(("fixture", "shape", "focus"), CASES, ids=[c[0] for c in CASES])
def test_guideline_shape_rejects_fixture(shape_fixtures, fixture, shape, focus) -> None:
    shape_fixtures.assert_violates(f"guidelines/{fixture}", shape, focus=focus)
