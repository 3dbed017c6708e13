"""Cilta-cel: >= 4 lines (FDA 2022-02-28), >= 3 (EU 2022-05-26), then from first relapse (FDA 2024-04-05, EU 2024-04-22)."""

from __future__ import annotations

import pytest

CILTA_CEL = "ciltacabtagene-autoleucel"


def cilta_indications(approvals, region: str, day: str, **params) -> list[str]:
    return sorted(approvals.local(r["indication"]) for r in approvals.in_force(CILTA_CEL, region, day, **params))


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        ("US", "2022-02-27", []),
        ("US", "2022-02-28", ["cilta-cel-fda-4l"]),
        ("US", "2024-04-04", ["cilta-cel-fda-4l"]),
        ("US", "2024-04-05", ["cilta-cel-fda-1l"]),  # the CARTITUDE-4 indication replaces the four-line one
        ("EU", "2022-03-25", []),  # CHMP opinion only
        ("EU", "2022-05-26", ["cilta-cel-eu-3l"]),
        ("EU", "2024-04-21", ["cilta-cel-eu-3l"]),
        ("EU", "2024-04-22", ["cilta-cel-eu-1l"]),
    ],
)
def test_cilta_cel_indication_in_force(kg, approvals, region: str, day: str, expected: list[str]) -> None:
    assert cilta_indications(approvals, region, day) == expected


@pytest.mark.parametrize("region", ["US", "EU"])
def test_cilta_cel_moves_to_one_prior_line_in_april_2024(kg, approvals, region: str) -> None:
    assert cilta_indications(approvals, region, "2024-03-31", prior_lines=1) == []
    assert cilta_indications(approvals, region, "2024-04-30", prior_lines=1) != []
    # before April 2024 three prior lines were enough only in the EU
    assert bool(cilta_indications(approvals, region, "2023-06-01", prior_lines=3)) is (region == "EU")


def test_cilta_cel_first_relapse_indication_requires_lenalidomide_refractoriness(kg) -> None:
    rows = kg.query(
        """SELECT ?ind ?refractory WHERE {
             VALUES ?ind { indication:cilta-cel-fda-1l indication:cilta-cel-eu-1l }
             ?ind mmkg:requiresRefractorinessTo ?refractory ; mmkg:minPriorLines 1 }"""
    )
    assert {r["refractory"] for r in rows} == {"https://w3id.org/mmkg/drug/lenalidomide"}
    assert len(rows) == 2


def test_cilta_cel_italy_c_nn_listing(kg, approvals) -> None:
    # authorised in the EU since 2022, but no AIFA decision before 2024-10-31
    assert approvals.in_force(CILTA_CEL, "IT", "2024-10-30") == []
    rows = approvals.in_force(CILTA_CEL, "IT", "2024-10-31")
    assert [(approvals.local(r["indication"]), r["reimbursement"]) for r in rows] == [
        ("cilta-cel-eu-1l", "authorised, not reimbursed (class C(nn))")
    ]
