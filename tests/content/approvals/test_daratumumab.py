"""Daratumumab: relapsed (monotherapy, DRd, DVd, DPd, DKd), newly diagnosed (DaraVMP, DRd, DaraVTd, DaraVRd) and high-risk smouldering myeloma.

Daratumumab in Italy: AIFA determination of 2023-01-13 (DPd admitted to reimbursement, earlier indications restated).
"""

from __future__ import annotations

import pytest


def dara(approvals, region: str, day: str, **params) -> set[tuple[str, str]]:
    """(regimen, setting) pairs of daratumumab in force."""
    return {
        (approvals.local(r["regimen"]), approvals.local(r["disease_setting"]))
        for r in approvals.in_force("daratumumab", region, day, **params)
    }


def test_daratumumab_monotherapy_first(kg, approvals) -> None:
    assert dara(approvals, "US", "2015-11-15") == set()
    assert dara(approvals, "US", "2015-11-16") == {("daratumumab-monotherapy", "RRMM")}
    assert dara(approvals, "EU", "2016-05-15") == set()  # decision dated 2016-05: counts from 2016-05-31
    assert dara(approvals, "EU", "2016-05-31") == {("daratumumab-monotherapy", "RRMM")}


def test_daratumumab_us_monotherapy_has_two_alternative_indications(kg, approvals) -> None:
    rows = approvals.in_force("daratumumab", "US", "2016-01-01")
    assert sorted(approvals.local(r["indication"]) for r in rows) == [
        "daratumumab-monotherapy-fda-3l",
        "daratumumab-monotherapy-fda-double-refractory",
    ]
    # a double-refractory patient after 2 lines is covered by the second alternative
    two_lines = approvals.in_force("daratumumab", "US", "2016-01-01", prior_lines=2)
    assert [approvals.local(r["indication"]) for r in two_lines] == ["daratumumab-monotherapy-fda-double-refractory"]


def test_daratumumab_relapsed_combinations(kg, approvals) -> None:
    assert ("DRd", "RRMM") in dara(approvals, "US", "2016-11-21")
    assert ("DRd", "RRMM") not in dara(approvals, "EU", "2016-11-21")
    assert {("DRd", "RRMM"), ("DVd", "RRMM")} <= dara(approvals, "EU", "2017-04-28")
    assert ("DPd", "RRMM") in dara(approvals, "US", "2017-06-16")
    assert ("DKd", "RRMM") in dara(approvals, "US", "2020-08-20")
    assert ("DKd", "RRMM") not in dara(approvals, "EU", "2026-01-01")  # no EU decision with a date found


def test_daratumumab_eu_dpd_after_one_lenalidomide_refractory_line(kg, approvals) -> None:
    rows = [
        r for r in approvals.in_force("daratumumab", "EU", "2021-07-01", prior_lines=1) if r["regimen"].endswith("/DPd")
    ]
    assert [(approvals.local(r["indication"]), r["min_prior_lines"], r["max_prior_lines"]) for r in rows] == [
        ("daratumumab-DPd-eu-1l", 1, 1)
    ]


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        ("US", "2018-05-06", set()),
        ("US", "2018-05-07", {("DaraVMP", "NDMM-TIE")}),
        ("US", "2019-09-26", {("DaraVMP", "NDMM-TIE"), ("DRd", "NDMM-TIE"), ("DaraVTd", "NDMM-TE")}),
        ("EU", "2019-11-30", {("DaraVMP", "NDMM-TIE"), ("DRd", "NDMM-TIE")}),
        ("EU", "2020-01-31", {("DaraVMP", "NDMM-TIE"), ("DRd", "NDMM-TIE"), ("DaraVTd", "NDMM-TE")}),
        (
            "EU",
            "2025-04-30",
            {
                ("DaraVMP", "NDMM-TIE"),
                ("DRd", "NDMM-TIE"),
                ("DaraVTd", "NDMM-TE"),
                ("DaraVRd", "NDMM-TE"),
                ("DaraVRd", "NDMM-TIE"),
            },
        ),
        (
            "US",
            "2025-04-30",
            {("DaraVMP", "NDMM-TIE"), ("DRd", "NDMM-TIE"), ("DaraVTd", "NDMM-TE"), ("DaraVRd", "NDMM-TE")},
        ),
        (
            "US",
            "2026-01-27",
            {
                ("DaraVMP", "NDMM-TIE"),
                ("DRd", "NDMM-TIE"),
                ("DaraVTd", "NDMM-TE"),
                ("DaraVRd", "NDMM-TE"),
                ("DaraVRd", "NDMM-TIE"),
            },
        ),
    ],
)
def test_daratumumab_newly_diagnosed_by_setting(
    kg, approvals, region: str, day: str, expected: set[tuple[str, str]]
) -> None:
    # setting:NDMM includes its narrower settings NDMM-TE and NDMM-TIE
    assert dara(approvals, region, day, setting="setting:NDMM") == expected


def test_daratumumab_high_risk_smouldering_eu_before_us(kg, approvals) -> None:
    assert dara(approvals, "EU", "2025-07-22", setting="setting:HR-SMM") == set()
    assert dara(approvals, "EU", "2025-07-23", setting="setting:HR-SMM") == {("daratumumab-monotherapy", "HR-SMM")}
    assert dara(approvals, "US", "2025-11-05", setting="setting:HR-SMM") == set()
    assert dara(approvals, "US", "2025-11-06", setting="setting:HR-SMM") == {("daratumumab-monotherapy", "HR-SMM")}
    gaps = kg.run("approval-gaps", as_of="2025-09-01", setting="HR-SMM")
    assert [(approvals.local(r["regimen"]), r["approved_in"], r["not_approved_in"]) for r in gaps] == [
        ("daratumumab-monotherapy", "EU", "US")
    ]
    assert kg.run("approval-gaps", as_of="2025-12-01", setting="HR-SMM") == []


def test_daratumumab_subcutaneous_us_formulation_approval(kg, approvals) -> None:
    rows = kg.run("approvals", product="daratumumab")
    faspro = [r for r in rows if r["event"].endswith("daratumumab-fda-2020-05-01-subcutaneous")]
    assert {r["event_type"] for r in faspro} == {"new formulation approval"}
    assert {approvals.local(r["regimen"]) for r in faspro} == {"daratumumab-monotherapy", "DRd", "DVd", "DaraVMP"}


def dara_italy(kg, day: str) -> dict[str, str]:
    rows = [
        r for r in kg.run("approved-as-of", region="IT", as_of=day) if not r["reimbursement"].startswith("not curated")
    ]
    return {
        r["indication"].rsplit("/", 1)[1]: r["reimbursement"] for r in rows if r["product"].endswith("/daratumumab")
    }


def test_daratumumab_is_reimbursed_in_italy_from_the_2023_01_13_determination(kg) -> None:
    assert dara_italy(kg, "2023-01-12") == {}
    got = dara_italy(kg, "2023-01-13")
    assert set(got) == {
        "daratumumab-DPd-eu-1l",
        "daratumumab-DPd-eu-2l",
        "daratumumab-DRd-eu-ndmm-tie",
        "daratumumab-DaraVMP-eu-ndmm-tie",
        "daratumumab-DaraVTd-eu-ndmm-te",
        "daratumumab-DRd-eu-1l",
        "daratumumab-DVd-eu-1l",
        "daratumumab-monotherapy-eu",
    }
    assert set(got.values()) == {"reimbursed"}
