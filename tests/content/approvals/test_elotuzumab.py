"""Elotuzumab: EloRd (FDA 2015-11-30, 1-3 prior therapies; EU 2016-05) and EloPd (FDA 2018-11-06, EU 2019-08)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        ("US", "2015-11-29", set()),
        ("US", "2015-11-30", {"EloRd"}),
        ("EU", "2016-02-01", set()),  # CHMP opinion of 2016-01-28 only
        ("EU", "2016-05-31", {"EloRd"}),
        ("US", "2018-11-06", {"EloRd", "EloPd"}),
        ("EU", "2019-07-31", {"EloRd"}),
        ("EU", "2019-08-31", {"EloRd", "EloPd"}),
    ],
)
def test_elotuzumab_regimens_in_force(kg, approvals, region: str, day: str, expected: set[str]) -> None:
    assert approvals.names("elotuzumab", region, day) == expected


def test_elopd_needs_two_prior_lines(kg, approvals) -> None:
    assert approvals.names("elotuzumab", "US", "2020-01-01", prior_lines=1) == {"EloRd"}
    assert approvals.names("elotuzumab", "US", "2020-01-01", prior_lines=2) == {"EloRd", "EloPd"}
    assert approvals.names("elotuzumab", "US", "2020-01-01", prior_lines=4) == {
        "EloPd"
    }  # EloRd: one to three prior therapies
    assert approvals.names("elotuzumab", "EU", "2020-01-01", prior_lines=4) == {"EloRd", "EloPd"}
