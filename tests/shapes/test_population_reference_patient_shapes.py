"""Populations, references, sourced notes and patient histories have shapes, and they bite."""

from __future__ import annotations

import pytest

SHAPE = "https://w3id.org/mmkg/shapes/"


@pytest.mark.parametrize(
    ("fixture", "shape", "focus"),
    [
        # a population cannot need three prior lines and allow at most one
        ("populations/population-min-above-max.ttl", "PopulationCriteriaShape", "population:fixture-impossible"),
        ("populations/article-without-citation.ttl", "ReferenceShape", "ref:fixture-bare-article"),
        ("populations/article-without-citation.ttl", "MintedReferenceShape", "ref:fixture-bare-article"),
        ("populations/article-without-citation.ttl", "JournalArticleShape", "ref:fixture-bare-article"),
        ("populations/note-about-nothing.ttl", "SourcedNoteShape", "guideline:note-fixture-about-nothing"),
        ("patients/line-without-number.ttl", "LineOfTherapyShape", "patient:fixture-shapes/line-2"),
    ],
)
def test_shape_rejects_violating_data(shape_fixtures, fixture: str, shape: str, focus: str) -> None:
    shape_fixtures.assert_violates(fixture, SHAPE + shape, focus=focus)


def test_impossible_population_reports_each_fault(shape_fixtures) -> None:
    lines = shape_fixtures.violations_for("populations/population-min-above-max.ttl")
    assert any("mmkg:minPriorLines" in line and "not above mmkg:maxPriorLines" in line for line in lines)
    assert any("mmkg:maxECOG" in line for line in lines)


def test_a_line_ending_before_it_starts_is_rejected(shape_fixtures) -> None:
    lines = shape_fixtures.violations_for("patients/line-without-number.ttl")
    assert any("mmkg:startDate" in line for line in lines)
    assert any("mmkg:lineNumber" in line for line in lines)


def test_a_population_without_setting_is_a_warning_not_a_violation(shape_fixtures) -> None:
    warnings = [v for v in shape_fixtures.report.violations if v.shape.endswith("PopulationSettingShape")]
    assert warnings and all(v.severity == "Warning" for v in warnings)
