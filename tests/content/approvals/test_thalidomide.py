"""Thalidomide: FDA accelerated approval of Td in newly diagnosed MM (2006-05-25, the sponsor's day; NCI
gives 2006-05-26), EC authorisation of MPT (2008) for patients aged >=65 or ineligible for high-dose
chemotherapy, one wording split into two indications.

Sources: Celgene via Pharmabiz (2008), NCI summary, HPRA reprint of the EMEA press release of
2008-01-24, Scottish Medicines Consortium advice 525/08 (ontology/kb/approvals/thalidomide.ttl).
"""

from __future__ import annotations

import datetime as dt

DRUG = "https://w3id.org/mmkg/drug/thalidomide"


def test_thalidomide_fda_approval_is_accelerated_with_the_conflicting_day_flagged(kg) -> None:
    rows = kg.select(
        "SELECT ?d ?c WHERE { approval:thalidomide-fda-2006-05-25 a mmkg:AcceleratedApproval ; "
        "mmkg:eventDate ?d ; mmkg:confidence ?c }"
    )
    assert rows == [{"d": dt.date(2006, 5, 25), "c": "medium"}]


def test_thalidomide_td_is_for_newly_diagnosed_disease_in_the_us(kg) -> None:
    rows = [r for r in kg.run("approved-as-of", region="US", as_of="2021-01-01") if r["product"] == DRUG]
    assert {(r["regimen"].rsplit("/", 1)[1], r["disease_setting"].rsplit("/", 1)[1]) for r in rows} == {
        ("Td", "NDMM-TE"),
        ("Td", "NDMM-TIE"),
    }  # the wording restricts neither transplant setting


def test_eu_mpt_wording_with_alternatives_gives_an_age_indication_and_a_transplant_ineligible_one(kg) -> None:
    # SMC 525/08: "... aged >=65 years or ineligible for high dose chemotherapy"
    rows = kg.select(
        "SELECT ?i ?setting ?age WHERE { approval:thalidomide-ec-2008 mmkg:indication ?i . "
        "?i mmkg:diseaseSetting ?setting ; mmkg:indicationRegimen regimen:MPT OPTIONAL { ?i mmkg:minAge ?age } }"
    )
    got = {(r["i"].rsplit("/", 1)[1], r["setting"].rsplit("/", 1)[1], r.get("age")) for r in rows}
    assert got == {
        ("thalidomide-MPT-eu-ndmm-65", "NDMM-TE", 65),
        ("thalidomide-MPT-eu-ndmm-65", "NDMM-TIE", 65),
        ("thalidomide-MPT-eu-ndmm-tie", "NDMM-TIE", None),
    }


def test_thalidomide_eu_dates(kg) -> None:
    rows = kg.select(
        "SELECT ?a ?d WHERE { VALUES ?a { approval:thalidomide-chmp-2008-01 approval:thalidomide-ec-2008 } ?a mmkg:eventDate ?d }"
    )
    assert {r["a"].rsplit("/", 1)[1]: r["d"] for r in rows} == {
        "thalidomide-chmp-2008-01": "2008-01",
        "thalidomide-ec-2008": "2008",
    }
