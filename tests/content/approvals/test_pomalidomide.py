"""Pomalidomide: Pd (FDA accelerated 2013, converted 2015; EU 2013-08) and PVd (EU 2019-05, not approved in the US)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        ("US", "2013-02-07", set()),
        ("US", "2013-02-08", {"pomalidomide-Pd-fda-2l-lenalidomide-bortezomib"}),
        ("US", "2015-04-22", {"pomalidomide-Pd-fda-2l-lenalidomide-bortezomib"}),
        ("US", "2015-04-23", {"pomalidomide-Pd-fda-2l"}),  # full approval: lenalidomide and a PI
        ("EU", "2013-07-31", set()),
        ("EU", "2013-08-31", {"pomalidomide-Pd-eu-2l"}),
        ("EU", "2019-04-15", {"pomalidomide-Pd-eu-2l"}),  # PVd: CHMP opinion only
        ("EU", "2019-05-31", {"pomalidomide-Pd-eu-2l", "pomalidomide-PVd-eu-1l"}),
        ("US", "2026-01-01", {"pomalidomide-Pd-fda-2l"}),
    ],
)
def test_pomalidomide_indications_in_force(kg, approvals, region: str, day: str, expected: set[str]) -> None:
    assert approvals.names("pomalidomide", region, day, column="indication") == expected


def test_pvd_after_one_line_eu_only(kg, approvals) -> None:
    assert approvals.names("pomalidomide", "EU", "2020-01-01", prior_lines=1, column="indication") == {
        "pomalidomide-PVd-eu-1l"
    }
    assert approvals.names("pomalidomide", "US", "2020-01-01", prior_lines=1, column="indication") == set()
    gaps = kg.run("approval-gaps", as_of="2020-01-01")
    assert ("PVd", "EU", "US") in {(r["regimen_label"], r["approved_in"], r["not_approved_in"]) for r in gaps}
