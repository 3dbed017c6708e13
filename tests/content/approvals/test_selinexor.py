"""Selinexor: Sd (FDA accelerated 2019, EU conditional 2021-03, converted 2022-07) and SVd (FDA 2020-12-18, EU 2022-07).

Selinexor in Italy: reimbursement of SVd and Sd, Determina 218/2024 (Gazzetta Ufficiale n. 181 of 2024-08-03).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        ("US", "2019-07-02", set()),
        ("US", "2019-07-03", {"Sd"}),
        ("US", "2020-12-18", {"Sd", "SVd"}),
        ("EU", "2021-02-01", set()),  # CHMP opinion only
        ("EU", "2021-03-31", {"Sd"}),
        ("EU", "2022-07-31", {"Sd", "SVd"}),
    ],
)
def test_selinexor_regimens_in_force(kg, approvals, region: str, day: str, expected: set[str]) -> None:
    assert set(approvals.rows("selinexor", region, day)) == expected


def test_sd_continues_through_the_eu_conversion(kg, approvals) -> None:
    # the conversion dated 2022-07 re-grants the same indication: Sd never lapses
    assert (
        approvals.rows("selinexor", "EU", "2022-07-15")["Sd"]["approval"] == approvals.APPROVAL + "selinexor-ec-2021-03"
    )
    assert (
        approvals.rows("selinexor", "EU", "2022-07-31")["Sd"]["approval"]
        == approvals.APPROVAL + "selinexor-ec-2022-07-conversion"
    )


def test_sd_is_for_four_prior_lines_and_penta_refractory_disease(kg, approvals) -> None:
    row = approvals.rows("selinexor", "US", "2020-01-01")["Sd"]
    assert row["min_prior_lines"] == 4
    refractory = kg.query("SELECT ?c WHERE { indication:selinexor-Sd-fda-4l mmkg:requiresRefractorinessTo ?c }")
    assert {r["c"].rsplit("/", 1)[1] for r in refractory} == {
        "ProteasomeInhibitor",
        "ImmunomodulatoryDrug",
        "AntiCD38Antibody",
    }


def test_selinexor_is_reimbursed_in_italy_from_the_gazzetta_of_2024_08_03(kg, approvals) -> None:
    def regimens(day: str) -> dict[str, str]:
        return {regimen: r["reimbursement"] for regimen, r in approvals.rows("selinexor", "IT", day).items()}

    assert regimens("2024-08-02") == {}
    assert regimens("2024-08-03") == {"SVd": "reimbursed", "Sd": "reimbursed"}


def test_the_svd_reimbursement_restriction_to_lenalidomide_refractory_disease_is_kept_in_the_note(kg) -> None:
    [row] = kg.select("SELECT ?note WHERE { approval:selinexor-aifa-2024-08-03 mmkg:curationNote ?note }")
    assert "refrattari alla lenalidomide" in row["note"]
