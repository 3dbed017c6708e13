"""Carfilzomib: FDA accelerated monotherapy (2012), KRd, Kd and the 2016 conversion, DKd (US only).

Carfilzomib in the EU: the Commission extension to DKd, recorded by its bounds (year 2021, low confidence).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        ("US", "2012-07-19", set()),
        ("US", "2012-07-20", {"carfilzomib-monotherapy"}),
        ("US", "2015-07-24", {"carfilzomib-monotherapy", "KRd"}),
        ("EU", "2015-11-18", set()),
        ("EU", "2015-11-19", {"KRd"}),
        ("US", "2016-02-01", {"carfilzomib-monotherapy", "KRd", "Kd"}),
        ("EU", "2016-07-04", {"KRd", "Kd"}),
        ("US", "2020-08-20", {"carfilzomib-monotherapy", "KRd", "Kd", "DKd"}),
    ],
)
def test_carfilzomib_regimens_in_force(kg, approvals, region: str, day: str, expected: set[str]) -> None:
    assert set(approvals.rows("carfilzomib", region, day)) == expected


def test_carfilzomib_monotherapy_moves_from_two_lines_to_one_with_the_2016_conversion(kg, approvals) -> None:
    assert approvals.rows("carfilzomib", "US", "2015-12-31")["carfilzomib-monotherapy"]["min_prior_lines"] == 2
    assert approvals.rows("carfilzomib", "US", "2016-01-31")["carfilzomib-monotherapy"]["min_prior_lines"] == 1
    # within January 2016 the new wording is not yet certain and the old one may be gone
    # dated 2016-01: the two-line indication goes on until the conversion is certainly in force
    assert approvals.rows("carfilzomib", "US", "2016-01-15")["carfilzomib-monotherapy"]["min_prior_lines"] == 2


def test_kd_us_one_to_three_lines_eu_at_least_one(kg, approvals) -> None:
    us = approvals.rows("carfilzomib", "US", "2017-01-01")["Kd"]
    eu = approvals.rows("carfilzomib", "EU", "2017-01-01")["Kd"]
    assert (us["min_prior_lines"], us["max_prior_lines"]) == (1, 3)
    assert (eu["min_prior_lines"], eu.get("max_prior_lines")) == (1, None)
    assert "Kd" not in approvals.rows("carfilzomib", "US", "2017-01-01", prior_lines=4)
    assert "Kd" in approvals.rows("carfilzomib", "EU", "2017-01-01", prior_lines=4)


def test_dkd_is_a_us_only_approval_until_the_eu_extension_of_carfilzomib(kg) -> None:
    def gaps(day: str) -> set[tuple[str, str]]:
        rows = kg.run("approval-gaps", as_of=day, setting="RRMM")
        return {(r["product"].rsplit("/", 1)[1], r["approved_in"]) for r in rows if r["regimen"].endswith("/DKd")}

    assert gaps("2021-06-01") == {("carfilzomib", "US"), ("daratumumab", "US")}
    assert gaps("2022-01-01") == set()


def test_dkd_counts_as_authorised_in_the_eu_from_the_end_of_2021_at_the_latest(kg, approvals) -> None:
    assert "DKd" not in approvals.names("carfilzomib", "EU", "2021-12-30")
    assert "DKd" in approvals.names("carfilzomib", "EU", "2021-12-31")
    [row] = kg.select(
        "SELECT ?date ?c WHERE { approval:carfilzomib-ec-2021-DKd mmkg:eventDate ?date ; mmkg:confidence ?c }"
    )
    assert (str(row["date"]), row["c"]) == ("2021", "low")
