"""Isatuximab: IsaPd (2020), IsaKd (FDA 1-3 lines, EU >= 1), IsaVRd in NDMM (transplant-ineligible US/EU, transplant-eligible EU only).

Isatuximab in Italy: class C(nn) listing of IsaPd (Determina 148/2020), then class H reimbursement (2021-10).
"""

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


def isa_italy(kg, day: str) -> dict[str, str]:
    rows = [
        r for r in kg.run("approved-as-of", region="IT", as_of=day) if not r["reimbursement"].startswith("not curated")
    ]
    return {r["regimen"].rsplit("/", 1)[1]: r["reimbursement"] for r in rows if r["product"].endswith("/isatuximab")}


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("2020-12-09", None),
        ("2020-12-10", "authorised, not reimbursed (class C(nn))"),  # Determina 148/2020, GU n. 319 of 2020-12-24
        ("2021-09-30", "authorised, not reimbursed (class C(nn))"),
        ("2021-10-31", "reimbursed"),  # available in Italy as third line from October 2021 (class H)
        ("2025-03-01", "reimbursed"),
    ],
)
def test_isapd_is_listed_in_class_cnn_then_reimbursed_in_class_h(kg, day: str, status: str | None) -> None:
    assert isa_italy(kg, day).get("IsaPd") == status


def test_isapd_reimbursement_is_dated_by_month_with_medium_confidence(kg) -> None:
    [row] = kg.select(
        """SELECT ?date ?confidence WHERE { ?e a mmkg:ReimbursementApproval ; mmkg:agency agency:AIFA ;
              mmkg:indication indication:isatuximab-IsaPd-eu-2l ; mmkg:eventDate ?date ; mmkg:confidence ?confidence }"""
    )
    assert (str(row["date"]), row["confidence"]) == ("2021-10", "medium")


def test_isakd_is_reimbursed_in_italy_from_the_gazzetta_of_2022_04_04(kg) -> None:
    assert "IsaKd" not in isa_italy(kg, "2022-04-03")
    assert isa_italy(kg, "2022-04-04")["IsaKd"] == "reimbursed"
