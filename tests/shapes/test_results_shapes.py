"""The result, trial and arm shapes (shapes/results.ttl) catch what they are meant to catch.

Each fixture in tests/shapes/fixtures/results/ is one curated fact with one mistake.
"""

from __future__ import annotations

import pytest


CASES = [
    ("result-without-trial.ttl", "shape:ResultTrialShape"),
    ("result-without-endpoint.ttl", "shape:ResultEndpointShape"),
    ("result-without-population.ttl", "shape:ResultPopulationShape"),
    ("result-without-statistic.ttl", "shape:ResultStatisticShape"),
    ("result-without-source.ttl", "shape:ResultSourceShape"),
    ("result-estimate-and-not-reached.ttl", "shape:ResultEstimateShape"),
    ("result-without-estimate.ttl", "shape:ResultEstimateShape"),
    ("result-ci-lower-above-estimate.ttl", "shape:ResultConfidenceIntervalShape"),
    ("result-ci-upper-below-estimate.ttl", "shape:ResultConfidenceIntervalShape"),
    ("result-hazard-ratio-zero.ttl", "shape:ResultRatioShape"),
    ("result-hazard-ratio-negative-ci.ttl", "shape:ResultRatioShape"),
    ("result-percentage-over-100.ttl", "shape:ResultPercentageShape"),
    ("result-percentage-negative.ttl", "shape:ResultPercentageShape"),
    ("result-p-value-zero.ttl", "shape:ResultPValueShape"),
    ("result-p-value-above-one.ttl", "shape:ResultPValueShape"),
    ("result-p-value-sidedness.ttl", "shape:ResultPValueShape"),
    ("arm-without-regimen.ttl", "shape:TrialArmRegimenShape"),
    ("trial-without-source.ttl", "shape:TrialSourceShape"),
    ("trial-with-results-without-arm.ttl", "shape:TrialArmShape"),
]


@pytest.mark.parametrize(("fixture", "shape"), CASES, ids=[c[0].removesuffix(".ttl") for c in CASES])
def test_result_and_trial_shapes_catch_the_mistake(shape_fixtures, fixture: str, shape: str) -> None:
    shape_fixtures.assert_violates(f"results/{fixture}", shape)


def test_every_result_shape_has_a_fixture() -> None:
    shapes = {
        "shape:ResultTrialShape", "shape:ResultEndpointShape", "shape:ResultPopulationShape",
        "shape:ResultStatisticShape", "shape:ResultSourceShape", "shape:ResultEstimateShape",
        "shape:ResultConfidenceIntervalShape", "shape:ResultRatioShape", "shape:ResultPercentageShape",
        "shape:ResultPValueShape", "shape:TrialArmRegimenShape", "shape:TrialSourceShape", "shape:TrialArmShape",
    }
    assert shapes == {shape for _, shape in CASES}


def test_ikema_hazard_ratio_with_its_confidence_interval_is_valid(shape_fixtures) -> None:
    """A well-formed ratio result (the shape of the curated IKEMA PFS HR) raises no violation."""
    assert shape_fixtures.violations_for("results/valid-hazard-ratio.ttl") == []
