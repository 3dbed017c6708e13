"""Pomalidomide: Pd (FDA accelerated 2013, converted 2015; EU 2013-08) and PVd (EU 2019-05, not approved in the US).

Pomalidomide in the EU: the Commission decision of 2013-08-05 and its SmPC wording (Union Register annex).
"""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        ("US", "2013-02-07", set()),
        ("US", "2013-02-08", {"pomalidomide-Pd-fda-2l-lenalidomide-bortezomib"}),
        ("US", "2015-04-22", {"pomalidomide-Pd-fda-2l-lenalidomide-bortezomib"}),
        ("US", "2015-04-23", {"pomalidomide-Pd-fda-2l"}),  # full approval: lenalidomide and a PI
        ("EU", "2013-07-31", set()),
        ("EU", "2013-08-31", {"pomalidomide-Pd-eu-2l"}),
        ("EU", "2019-04-15", {"pomalidomide-Pd-eu-2l"}),  # PVd: CHMP opinion only
        ("EU", "2019-05-31", {"pomalidomide-Pd-eu-2l", "pomalidomide-PVd-eu-1l"}),
        ("US", "2026-01-01", {"pomalidomide-Pd-fda-2l"}),
    ],
)
def test_pomalidomide_indications_in_force(kg, approvals, region: str, day: str, expected: set[str]) -> None:
    assert approvals.names("pomalidomide", region, day, column="indication") == expected


def test_pvd_after_one_line_eu_only(kg, approvals) -> None:
    assert approvals.names("pomalidomide", "EU", "2020-01-01", prior_lines=1, column="indication") == {
        "pomalidomide-PVd-eu-1l"
    }
    assert approvals.names("pomalidomide", "US", "2020-01-01", prior_lines=1, column="indication") == set()
    gaps = kg.run("approval-gaps", as_of="2020-01-01")
    assert ("PVd", "EU", "US") in {(r["regimen_label"], r["approved_in"], r["not_approved_in"]) for r in gaps}


def test_eu_pomalidomide_authorisation_is_dated_by_the_union_register(kg) -> None:
    [row] = kg.select(
        "SELECT ?date ?confidence WHERE { approval:pomalidomide-ec-2013-08 mmkg:eventDate ?date ; mmkg:confidence ?confidence }"
    )
    assert (row["date"], row["confidence"]) == (dt.date(2013, 8, 5), "medium")


def test_eu_pomalidomide_wording_is_the_smpc_sentence_and_cites_it(kg) -> None:
    [row] = kg.select(
        """SELECT ?text WHERE { indication:pomalidomide-Pd-eu-2l mmkg:criteriaText ?text ;
                                  dcterms:source ref:pomalidomide-celgene-smpc-2013-08-05 .
                                ref:pomalidomide-celgene-smpc-2013-08-05 a mmkg:ProductLabel }"""
    )
    assert "at least two prior treatment regimens, including both lenalidomide and bortezomib" in row["text"]
    assert row["text"].endswith("have demonstrated disease progression on the last therapy.")
