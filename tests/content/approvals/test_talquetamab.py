"""Talquetamab: CHMP 2023-07-20, FDA accelerated 2023-08-09 (>= 4 lines), EU conditional 2023-08 (>= 3), AIFA C(nn) 2023-11-15."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("region", "day", "in_force"),
    [
        ("EU", "2023-07-21", False),  # CHMP opinion only
        ("US", "2023-08-08", False),
        ("US", "2023-08-09", True),
        ("EU", "2023-08-22", False),  # decision dated 2023-08 counts from 2023-08-31
        ("EU", "2023-08-31", True),
        ("IT", "2023-11-14", False),
        ("IT", "2023-11-15", True),
    ],
)
def test_talquetamab_in_force(kg, approvals, region: str, day: str, in_force: bool) -> None:
    assert ("talquetamab-monotherapy" in approvals.rows("talquetamab", region, day)) is in_force


def test_talquetamab_italy_class_c_nn_not_reimbursed(kg, approvals) -> None:
    row = approvals.rows("talquetamab", "IT", "2026-01-01")["talquetamab-monotherapy"]
    assert row["reimbursement"] == "authorised, not reimbursed (class C(nn))"
    assert row["min_prior_lines"] == 3


def test_talquetamab_three_prior_lines_eu_only(kg, approvals) -> None:
    assert set(approvals.rows("talquetamab", "EU", "2024-01-01", prior_lines=3)) == {"talquetamab-monotherapy"}
    assert set(approvals.rows("talquetamab", "US", "2024-01-01", prior_lines=3)) == set()
    assert set(approvals.rows("talquetamab", "US", "2024-01-01", prior_lines=4)) == {"talquetamab-monotherapy"}
