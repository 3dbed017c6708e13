"""Ixazomib: FDA 2015-11-20; CHMP negative (2016-05-26), positive on re-examination (2016-09-15); EU conditional 2016-11-21."""

from __future__ import annotations

import pytest


def ixa(approvals, region: str, day: str) -> bool:
    return any(r["regimen"].endswith("/IxaRd") for r in approvals.in_force("ixazomib", region, day))


@pytest.mark.parametrize(
    ("region", "day", "approved"),
    [
        ("US", "2015-11-19", False),
        ("US", "2015-11-20", True),
        ("EU", "2016-06-01", False),  # negative opinion
        ("EU", "2016-10-01", False),  # positive opinion after re-examination, no decision yet
        ("EU", "2016-11-21", True),
    ],
)
def test_ixard_in_force(kg, approvals, region: str, day: str, approved: bool) -> None:
    assert ixa(approvals, region, day) is approved


def test_ixazomib_eu_opinions_in_order(kg, approvals) -> None:
    assert approvals.events(kg.run("approvals", product="ixazomib")) == [
        ("EC", "2016-11-21", "conditional marketing authorisation"),
        ("EMA-CHMP", "2016-05-26", "negative CHMP opinion"),
        ("EMA-CHMP", "2016-09-15", "positive CHMP opinion"),
        ("FDA", "2015-11-20", "full (standard) approval"),
    ]
