"""Panobinostat (Farydak) with bortezomib and dexamethasone (PanVd): FDA accelerated approval 2015-02,
withdrawn (Federal Register 2022-03-24); CHMP 2015-06-25, EC 2015-08; AIFA class C(nn) 2016-08-23.

Sources: Secura Bio's announcement of 2021-11-30; Federal Register 87 FR 16742 (2022-03-24); ESMO on
the CHMP opinion; Adv Ther 2016 review; Gazzetta Ufficiale n. 196 of 2016-08-23
(ontology/kb/approvals/panobinostat.ttl).
"""

from __future__ import annotations

import datetime as dt

import pytest

DRUG = "https://w3id.org/mmkg/drug/panobinostat"


def regimens(kg, region: str, day: str) -> set[str]:
    return {
        r["regimen"].rsplit("/", 1)[1]
        for r in kg.run("approved-as-of", region=region, as_of=day)
        if r["product"] == DRUG
    }


def test_panobinostat_us_withdrawal_ends_its_approval(kg) -> None:
    rows = kg.select(
        "SELECT ?from ?until ?d WHERE { approval:panobinostat-fda-2015-02 a mmkg:AcceleratedApproval ; "
        "mmkg:inForceFrom ?from ; mmkg:inForceUntil ?until . "
        "approval:panobinostat-fda-2022-03-24-withdrawal a mmkg:Withdrawal ; "
        "mmkg:ends approval:panobinostat-fda-2015-02 ; mmkg:eventDate ?d }"
    )
    assert rows == [{"from": dt.date(2015, 2, 28), "until": dt.date(2022, 3, 24), "d": dt.date(2022, 3, 24)}]


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        ("US", "2015-01-31", set()),
        ("US", "2021-01-01", {"PanVd"}),
        ("US", "2022-03-23", {"PanVd"}),
        ("US", "2022-03-24", set()),
        ("EU", "2015-07-01", set()),  # CHMP opinion of 2015-06-25 alone
        ("EU", "2015-08-31", {"PanVd"}),
        ("IT", "2016-08-22", {"PanVd"}),  # authorised in the EU; AIFA decisions not curated: listed as such
        ("IT", "2016-08-23", {"PanVd"}),
    ],
)
def test_panvd_in_force(kg, region: str, day: str, expected: set[str]) -> None:
    assert regimens(kg, region, day) == expected


def test_panvd_in_italy_is_not_curated_before_the_c_nn_listing(kg) -> None:
    rows = kg.run("approved-as-of", region="IT", as_of="2016-08-22")
    status = {
        r["regimen"].rsplit("/", 1)[1]: r["reimbursement"] for r in rows if r["product"].endswith("/panobinostat")
    }
    assert status == {"PanVd": "not curated (AIFA decisions on this product are not in the graph)"}


def test_panvd_indication_needs_two_prior_regimens_including_bortezomib_and_an_imid(kg) -> None:
    rows = kg.select(
        "SELECT ?i ?min ?exp WHERE { VALUES ?i { indication:panobinostat-PanVd-fda-2l indication:panobinostat-PanVd-eu-2l } "
        "?i mmkg:minPriorLines ?min ; mmkg:requiresPriorExposureTo ?exp }"
    )
    assert {(r["i"].rsplit("/", 1)[1], r["min"], r["exp"].rsplit("/", 1)[1]) for r in rows} == {
        ("panobinostat-PanVd-fda-2l", 2, "bortezomib"),
        ("panobinostat-PanVd-fda-2l", 2, "ImmunomodulatoryDrug"),
        ("panobinostat-PanVd-eu-2l", 2, "bortezomib"),
        ("panobinostat-PanVd-eu-2l", 2, "ImmunomodulatoryDrug"),
    }


def test_italy_listing_is_class_cnn_not_reimbursement(kg) -> None:
    rows = [r for r in kg.run("approved-as-of", region="IT", as_of="2020-01-01") if r["product"] == DRUG]
    assert [r["reimbursement"] for r in rows] == ["authorised, not reimbursed (class C(nn))"]
