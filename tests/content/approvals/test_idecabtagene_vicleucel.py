"""Ide-cel: >= 4 lines (FDA 2021-03-26), >= 3 (EU 2021-08), >= 2 (EU 2024-03, FDA 2024-04-04); AIFA C(nn) 2023, reimbursed 2024-06."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        ("US", "2021-03-25", set()),
        ("US", "2021-03-26", {"ide-cel-fda-4l"}),
        ("US", "2024-04-03", {"ide-cel-fda-4l"}),
        ("US", "2024-04-04", {"ide-cel-fda-2l"}),
        ("EU", "2021-06-25", set()),  # CHMP opinion only
        ("EU", "2021-08-31", {"ide-cel-eu-3l"}),
        ("EU", "2024-02-29", {"ide-cel-eu-3l"}),
        # the extension dated 2024-03 is certain only from 2024-03-31; the >= 3 wording goes on
        # until then, so no day is left with neither
        ("EU", "2024-03-15", {"ide-cel-eu-3l"}),
        ("EU", "2024-03-31", {"ide-cel-eu-2l"}),
    ],
)
def test_ide_cel_indication_in_force(kg, approvals, region: str, day: str, expected: set[str]) -> None:
    assert set(approvals.rows("idecabtagene-vicleucel", region, day, column="indication")) == expected


def test_ide_cel_two_prior_lines_from_2024(kg, approvals) -> None:
    assert approvals.rows("idecabtagene-vicleucel", "US", "2023-06-01", prior_lines=2, column="indication") == {}
    assert approvals.rows("idecabtagene-vicleucel", "EU", "2023-06-01", prior_lines=2, column="indication") == {}
    assert set(approvals.rows("idecabtagene-vicleucel", "US", "2024-06-01", prior_lines=2, column="indication")) == {
        "ide-cel-fda-2l"
    }
    assert set(approvals.rows("idecabtagene-vicleucel", "EU", "2024-06-01", prior_lines=2, column="indication")) == {
        "ide-cel-eu-2l"
    }


@pytest.mark.parametrize(
    ("day", "indication", "status"),
    [
        ("2023-01-24", "ide-cel-eu-3l", "authorised, not reimbursed (class C(nn))"),
        # the >= 2 extension carries over the C(nn) listing of the indication it supersedes
        ("2024-04-15", "ide-cel-eu-2l", "authorised, not reimbursed (class C(nn))"),
        ("2024-06-30", "ide-cel-eu-2l", "reimbursed (the source does not state which indication)"),
    ],
)
def test_ide_cel_italy_status(kg, approvals, day: str, indication: str, status: str) -> None:
    rows = approvals.rows("idecabtagene-vicleucel", "IT", day, column="indication")
    assert set(rows) == {indication}
    assert rows[indication]["reimbursement"] == status


def test_ide_cel_not_in_italy_before_aifa(kg, approvals) -> None:
    assert approvals.rows("idecabtagene-vicleucel", "IT", "2023-01-23", column="indication") == {}


def test_ide_cel_first_us_approval_type_is_not_asserted_beyond_approval(kg, approvals) -> None:
    # regular vs accelerated approval was not verified for 2021-03-26: only mmkg:Approval
    row = approvals.rows("idecabtagene-vicleucel", "US", "2022-01-01", column="indication")["ide-cel-fda-4l"]
    assert row["approval_type"] == "approval"
    assert str(row["approval_date"]) == "2021-03-26"
