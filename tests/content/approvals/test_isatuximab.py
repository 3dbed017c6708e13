"""Isatuximab: IsaPd (2020), IsaKd (FDA 1-3 lines, EU >= 1), IsaVRd in NDMM (transplant-ineligible US/EU, transplant-eligible EU only)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        ("US", "2020-03-01", set()),
        ("US", "2020-03-02", {"IsaPd"}),
        ("EU", "2020-04-15", set()),  # CHMP opinion (2020-03) only
        ("EU", "2020-06-30", {"IsaPd"}),
        ("US", "2021-03-31", {"IsaPd", "IsaKd"}),
        ("EU", "2021-04-19", {"IsaPd", "IsaKd"}),
        ("US", "2024-09-20", {"IsaPd", "IsaKd", "IsaVRd"}),
    ],
)
def test_isatuximab_regimens_in_force(kg, approvals, region: str, day: str, expected: set[str]) -> None:
    assert approvals.names("isatuximab", region, day) == expected


def test_isakd_us_is_limited_to_three_prior_lines(kg, approvals) -> None:
    assert "IsaKd" in approvals.names("isatuximab", "US", "2022-01-01", prior_lines=3)
    assert "IsaKd" not in approvals.names("isatuximab", "US", "2022-01-01", prior_lines=4)
    assert "IsaKd" in approvals.names("isatuximab", "EU", "2022-01-01", prior_lines=4)


def test_isavrd_transplant_eligible_only_in_the_eu(kg, approvals) -> None:
    assert approvals.names("isatuximab", "EU", "2025-07-24", setting="setting:NDMM-TE") == set()
    assert approvals.names("isatuximab", "EU", "2025-07-25", setting="setting:NDMM-TE") == {"IsaVRd"}
    assert approvals.names("isatuximab", "US", "2026-06-01", setting="setting:NDMM-TE") == set()
    assert approvals.names("isatuximab", "EU", "2025-01-22", setting="setting:NDMM-TIE") == {"IsaVRd"}


def test_isapd_italy_class_c_nn(kg, approvals) -> None:
    rows = approvals.in_force("isatuximab", "IT", "2020-12-10")
    assert [(approvals.local(r["regimen"]), r["reimbursement"]) for r in rows] == [
        ("IsaPd", "authorised, not reimbursed (class C(nn))")
    ]
    assert approvals.in_force("isatuximab", "IT", "2020-12-09") == []
