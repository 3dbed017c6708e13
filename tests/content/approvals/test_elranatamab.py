"""Elranatamab: FDA accelerated (2023-08-14, >= 4 lines), EU conditional (2023-12, >= 3), AIFA reimbursement (2025-05-19)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("region", "day", "in_force"),
    [
        ("US", "2023-08-13", False),
        ("US", "2023-08-14", True),
        ("EU", "2023-10-13", False),  # after the CHMP opinion, before the Commission
        ("EU", "2023-12-15", False),  # decision dated 2023-12 counts from 2023-12-31 (conservative)
        ("EU", "2023-12-31", True),
        ("IT", "2025-05-18", False),
        ("IT", "2025-05-19", True),
    ],
)
def test_elranatamab_in_force(kg, approvals, region: str, day: str, in_force: bool) -> None:
    assert ("elranatamab-monotherapy" in approvals.rows("elranatamab", region, day)) is in_force


def test_elranatamab_prior_lines_and_reimbursement(kg, approvals) -> None:
    assert approvals.rows("elranatamab", "US", "2024-06-01")["elranatamab-monotherapy"]["min_prior_lines"] == 4
    assert approvals.rows("elranatamab", "EU", "2024-06-01")["elranatamab-monotherapy"]["min_prior_lines"] == 3
    assert approvals.rows("elranatamab", "IT", "2025-06-01")["elranatamab-monotherapy"]["reimbursement"] == "reimbursed"


def test_elranatamab_eu_date_bounds(kg) -> None:
    rows = kg.query("SELECT ?e ?l WHERE { approval:elranatamab-ec-2023-12 mmkg:earliestDate ?e ; mmkg:latestDate ?l }")
    assert [(str(r["e"]), str(r["l"])) for r in rows] == [("2023-12-01", "2023-12-31")]
