"""Teclistamab: EU conditional (>= 3 prior therapies), FDA accelerated (>= 4 lines) then standard, AIFA C(nn) then reimbursed."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        ("EU", "2022-07-22", set()),  # CHMP opinion of 2022-07-21 is not an authorisation
        ("EU", "2022-08-22", set()),
        ("EU", "2022-08-23", {"teclistamab-monotherapy"}),
        ("US", "2022-10-24", set()),
        ("US", "2022-10-25", {"teclistamab-monotherapy"}),
        ("US", "2026-03-05", {"teclistamab-monotherapy", "Tec-Dara"}),
        ("EU", "2026-07-01", {"teclistamab-monotherapy"}),  # Tec-Dara: CHMP opinion only
    ],
)
def test_teclistamab_regimens_in_force(kg, approvals, region: str, day: str, expected: set[str]) -> None:
    assert set(approvals.rows("teclistamab", region, day)) == expected


def test_teclistamab_prior_lines_fda_four_eu_three(kg, approvals) -> None:
    assert approvals.rows("teclistamab", "EU", "2023-01-01")["teclistamab-monotherapy"]["min_prior_lines"] == 3
    assert approvals.rows("teclistamab", "US", "2023-01-01")["teclistamab-monotherapy"]["min_prior_lines"] == 4
    assert set(approvals.rows("teclistamab", "EU", "2023-01-01", prior_lines=3)) == {"teclistamab-monotherapy"}
    assert set(approvals.rows("teclistamab", "US", "2023-01-01", prior_lines=3)) == set()


def test_teclistamab_us_conversion_to_standard_approval(kg, approvals) -> None:
    before = approvals.rows("teclistamab", "US", "2026-03-04")["teclistamab-monotherapy"]
    after = approvals.rows("teclistamab", "US", "2026-03-05")["teclistamab-monotherapy"]
    assert before["approval"] == approvals.APPROVAL + "teclistamab-fda-2022-10-25"
    assert before["approval_type"] == "accelerated approval"
    assert after["approval"] == approvals.APPROVAL + "teclistamab-fda-2026-03-05-conversion"
    assert after["approval_type"] == "conversion to full approval"
    assert after["min_prior_lines"] == 4


def test_teclistamab_daratumumab_us_after_one_prior_line(kg, approvals) -> None:
    rows = approvals.rows("teclistamab", "US", "2026-06-01", prior_lines=1)
    assert set(rows) == {"Tec-Dara"}
    assert set(rows["Tec-Dara"]["approval_type"].split(", ")) == {"extension of indication", "full (standard) approval"}


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("2022-12-02", None),  # EU-authorised, no AIFA decision yet: not in Italy
        ("2022-12-03", "authorised, not reimbursed (class C(nn))"),
        ("2024-10-30", "authorised, not reimbursed (class C(nn))"),  # reimbursement dated 2024-10 counts from 10-31
        ("2024-10-31", "reimbursed"),
    ],
)
def test_teclistamab_italy_status(kg, approvals, day: str, status: str | None) -> None:
    rows = approvals.rows("teclistamab", "IT", day)
    if status is None:
        assert rows == {}
    else:
        assert rows["teclistamab-monotherapy"]["reimbursement"] == status


def test_teclistamab_timeline(kg, approvals) -> None:
    rows = kg.run("approvals", product="Tecvayli")
    assert approvals.events(rows, "agency_name", "date") == [
        ("AIFA", "2022-12-03"),
        ("AIFA", "2024-10"),
        ("EC", "2022-08-23"),
        ("EMA-CHMP", "2022-07-21"),
        ("EMA-CHMP", "2026-06-25"),
        ("FDA", "2022-10-25"),
        ("FDA", "2026-03-05"),
        ("FDA", "2026-03-05"),
    ]
    assert {
        r["event"].removeprefix(approvals.APPROVAL)
        for r in rows
        if r.get("ends") == approvals.APPROVAL + "teclistamab-fda-2022-10-25"
    } == {"teclistamab-fda-2026-03-05-conversion"}
