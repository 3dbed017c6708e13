"""Isatuximab in Italy: class C(nn) listing of IsaPd (Determina 148/2020), then class H reimbursement (2021-10)."""

from __future__ import annotations

import pytest


def isa_italy(kg, day: str) -> dict[str, str]:
    rows = kg.run("approved-as-of", region="IT", as_of=day)
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
