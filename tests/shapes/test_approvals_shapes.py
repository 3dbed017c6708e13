"""Each approvals shape (shapes/approvals.ttl) rejects data that violates it.

The fixtures in tests/shapes/fixtures/approvals/ are validated with all the others, after
the build's rules; each has its own focus node, so every expected violation is checked on
its node and no fixture may violate another shape.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mmkg.prefixes import compact

FIXTURES = Path(__file__).parent / "fixtures" / "approvals"
SHAPE = "https://w3id.org/mmkg/shapes/"

CASES = [
    ("event-without-agency.ttl", "RegulatoryEventShape", "approval:fixture-no-agency"),
    ("event-with-untyped-date.ttl", "RegulatoryEventShape", "approval:fixture-string-date"),
    ("event-without-product.ttl", "RegulatoryEventShape", "approval:fixture-no-product"),
    ("event-without-type.ttl", "RegulatoryEventShape", "approval:fixture-no-type"),
    ("event-without-source.ttl", "RegulatoryEventShape", "approval:fixture-no-source"),
    ("approval-without-indication.ttl", "ApprovalShape", "approval:fixture-no-indication"),
    ("approval-by-chmp.ttl", "ApprovalShape", "approval:fixture-chmp-approval"),
    ("approval-with-curated-in-force-date.ttl", "InForceShape", "approval:fixture-curated-in-force"),
    ("opinion-by-fda.ttl", "CHMPOpinionShape", "approval:fixture-fda-opinion"),
    ("reimbursement-by-ec.ttl", "ReimbursementDecisionShape", "approval:fixture-ec-reimbursement"),
    ("event-in-future.ttl", "EventDateNotInFutureShape", "approval:fixture-future"),
    ("withdrawal-without-ended-approval.ttl", "WithdrawalShape", "approval:fixture-withdrawal-nothing"),
    ("withdrawal-before-approval.ttl", "EndsEarlierApprovalShape", "approval:fixture-early-withdrawal"),
    ("indication-without-regimen.ttl", "IndicationShape", "indication:fixture-no-regimen"),
    ("indication-min-above-max.ttl", "PopulationCriteriaShape", "indication:fixture-min-above-max"),
]


@pytest.fixture(scope="module")
def violation_lines(shape_fixtures) -> list[str]:
    return sorted({line for name, _, _ in CASES for line in shape_fixtures.violations_for(f"approvals/{name}")})


def test_every_fixture_is_listed() -> None:
    assert sorted(p.name for p in FIXTURES.glob("*.ttl")) == sorted(name for name, _, _ in CASES)


@pytest.mark.parametrize(("fixture", "shape", "focus"), CASES)
def test_approvals_shape_rejects_violating_data(violation_lines: list[str], fixture: str, shape: str, focus: str) -> None:
    wanted = f"[shape {compact(SHAPE + shape)}]"
    on_focus = [line for line in violation_lines if f" {focus}" in line]
    assert any(line.endswith(wanted) for line in on_focus), f"{fixture}: no {shape} violation on {focus}:\n" + "\n".join(violation_lines)


def test_each_fixture_violates_only_its_shape(violation_lines: list[str]) -> None:
    expected = {(focus, f"[shape {compact(SHAPE + shape)}]") for _, shape, focus in CASES}
    got = set()
    for line in violation_lines:
        focus = line.split(": ", 1)[1].split(" ", 1)[0].rstrip(":")
        got.add((focus, line[line.rindex("[shape "):]))
    assert got == expected
