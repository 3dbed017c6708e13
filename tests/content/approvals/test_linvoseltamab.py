"""Linvoseltamab: FDA complete response letter (2024-08), CHMP 2025-02-27, EU conditional 2025-04, FDA accelerated 2025-07-02."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("region", "day", "in_force"),
    [
        ("US", "2024-09-01", False),  # complete response letter, not an approval
        ("EU", "2025-03-01", False),  # CHMP positive opinion of 2025-02-27 is not an authorisation
        ("EU", "2025-04-15", False),  # decision dated 2025-04 counts from 2025-04-30
        ("EU", "2025-05-01", True),
        ("US", "2025-07-01", False),
        ("US", "2025-07-02", True),
    ],
)
def test_linvoseltamab_in_force(kg, approvals, region: str, day: str, in_force: bool) -> None:
    assert ("linvoseltamab-monotherapy" in approvals.rows("linvoseltamab", region, day)) is in_force


def test_linvoseltamab_prior_lines(kg, approvals) -> None:
    assert approvals.rows("linvoseltamab", "EU", "2025-08-01")["linvoseltamab-monotherapy"]["min_prior_lines"] == 3
    assert approvals.rows("linvoseltamab", "US", "2025-08-01")["linvoseltamab-monotherapy"]["min_prior_lines"] == 4


def test_linvoseltamab_timeline_has_the_complete_response_letter(kg, approvals) -> None:
    assert approvals.events(kg.run("approvals", product="linvoseltamab")) == [
        ("EC", "2025-04", "conditional marketing authorisation"),
        ("EMA-CHMP", "2025-02-27", "positive CHMP opinion"),
        ("FDA", "2024-08", "complete response letter"),
        ("FDA", "2025-07-02", "accelerated approval"),
    ]
