"""Belantamab mafodotin: approved, withdrawn (US) / not renewed (EU), approved again as BVd/BPd."""

from __future__ import annotations

import pytest

BELAMAF = "belantamab-mafodotin"
MONO = "belantamab-mafodotin-monotherapy"


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        ("US", "2020-08-04", set()),  # before the accelerated approval of 2020-08-05
        ("US", "2020-08-05", {MONO}),
        ("US", "2022-11-21", {MONO}),
        ("US", "2022-11-22", set()),  # withdrawal at the FDA's request
        ("EU", "2020-08-24", set()),  # before the conditional authorisation of 2020-08-25
        ("EU", "2020-08-25", {MONO}),
        ("EU", "2023-12-31", {MONO}),  # negative CHMP opinions do not end the authorisation
        ("EU", "2024-02-22", {MONO}),
        ("EU", "2024-02-23", set()),  # non-renewal of the conditional authorisation
        ("US", "2025-03-01", set()),  # approved in neither region in early 2025
        ("EU", "2025-03-01", set()),
        ("IT", "2025-03-01", set()),
        ("EU", "2025-06-01", set()),  # CHMP opinion of 2025-05-22 alone is not an authorisation
        ("EU", "2025-07-24", {"BVd", "BPd"}),
        ("US", "2025-07-24", set()),
        ("US", "2025-10-23", {"BVd"}),  # BPd was not approved by the FDA
        ("EU", "2025-10-23", {"BVd", "BPd"}),
    ],
)
def test_belantamab_approval_history(kg, approvals, region: str, day: str, expected: set[str]) -> None:
    assert approvals.names(BELAMAF, region, day) == expected


def test_belantamab_italy_c_nn_listing_until_the_eu_non_renewal(kg, approvals) -> None:
    assert approvals.names(BELAMAF, "IT", "2021-03-29") == set()
    # authorised in the EU, but AIFA's decisions on it are not all curated: unknown, not "no"
    assert approvals.not_curated(BELAMAF, "2021-03-29") == {MONO}
    rows = approvals.in_force(BELAMAF, "IT", "2021-03-30")
    assert [(approvals.local(r["regimen"]), r["reimbursement"]) for r in rows] == [
        (MONO, "authorised, not reimbursed (class C(nn))")
    ]
    assert approvals.names(BELAMAF, "IT", "2024-02-23") == set()
    # no AIFA decision on the 2025 authorisation is recorded
    assert approvals.names(BELAMAF, "IT", "2026-01-15") == set()


def test_belantamab_indications_prior_lines_differ_between_us_and_eu(kg, approvals) -> None:
    eu = approvals.rows(BELAMAF, "EU", "2025-11-01")
    us = approvals.rows(BELAMAF, "US", "2025-11-01")
    assert eu["BVd"]["min_prior_lines"] == 1
    assert eu["BPd"]["min_prior_lines"] == 1
    assert us["BVd"]["min_prior_lines"] == 2
    # one prior line: BVd approved in the EU, not in the US
    assert belamaf_lines(approvals, "EU", 1) == {"BVd", "BPd"}
    assert belamaf_lines(approvals, "US", 1) == set()


def belamaf_lines(approvals, region: str, lines: int) -> set[str]:
    return approvals.names(BELAMAF, region, "2025-11-01", prior_lines=lines)


def test_belantamab_bpd_requires_prior_lenalidomide_in_the_eu(kg) -> None:
    rows = kg.query("SELECT ?x WHERE { indication:belantamab-BPd-eu-1l mmkg:requiresPriorExposureTo ?x }")
    assert [r["x"] for r in rows] == ["https://w3id.org/mmkg/drug/lenalidomide"]


def test_belantamab_timeline_per_agency_in_date_order(kg, approvals) -> None:
    rows = kg.run("approvals", product="drug:belantamab-mafodotin")
    fda = approvals.events(rows, "date", "event_type", agency="FDA")
    assert fda == [
        ("2020-08-05", "accelerated approval"),
        ("2022-11-22", "withdrawal"),
        ("2025-10-23", "application not approved"),
        ("2025-10-23", "full (standard) approval"),
    ]
    ec = approvals.events(rows, "date", "event_type", agency="EC")
    assert ec == [
        ("2020-08-25", "conditional marketing authorisation"),
        ("2024-02-23", "non-renewal"),
        ("2025-07-24", "full (standard) approval"),
        ("2025-07-24", "full (standard) approval"),
    ]
    chmp = approvals.events(rows, "date", "event_type", agency="EMA-CHMP")
    assert chmp[:2] == [("2023-09-15", "negative CHMP opinion"), ("2023-12", "negative CHMP opinion")]
    ends = {
        r["event"].removeprefix(approvals.APPROVAL): r.get("ends", "").removeprefix(approvals.APPROVAL)
        for r in rows
        if "ends" in r
    }
    assert ends == {
        "belantamab-fda-2022-11-22-withdrawal": "belantamab-fda-2020-08-05",
        "belantamab-ec-2024-02-23-non-renewal": "belantamab-ec-2020-08-25",
    }
