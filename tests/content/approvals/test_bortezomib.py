"""Bortezomib (Velcade): FDA accelerated approval 2003-05-13 (>=2 prior therapies), extension 2005-03
(>=1 prior therapy), initial treatment 2008-06-23; EC 2004-04-26, 2005 (>=1 prior therapy), 2013
(induction before transplantation: Vd and VTd, one wording with two alternatives).

Sources: FDA news release of 2003-05-13; FDAnews 2005-03-30; FDA Office of Oncology Drug Products page
of 2008; Millennium's announcement of 2004-04-27; Pharmaceutical Business Review 2005; Myeloma Patients
Europe 2013-08-08; BioCentury 2014-04-28 (ontology/kb/approvals/bortezomib.ttl).
"""

from __future__ import annotations

import datetime as dt

import pytest


def test_bortezomib_first_fda_approval_is_accelerated_on_2003_05_13(kg) -> None:
    # FDA news release, 2003-05-13: "Velcade was approved under the accelerated approval program"
    rows = kg.select(
        "SELECT ?d WHERE { approval:bortezomib-fda-2003-05-13 a mmkg:AcceleratedApproval ; mmkg:eventDate ?d }"
    )
    assert rows == [{"d": dt.date(2003, 5, 13)}]


def test_bortezomib_initial_treatment_approval_is_2008_06_23(kg) -> None:
    # FDA OODP: "On June 23, 2008, the U.S. Food and Drug Administration approved bortezomib ... for the
    # treatment of patients with multiple myeloma"
    rows = kg.select("SELECT ?d WHERE { approval:bortezomib-fda-2008-06-23 mmkg:eventDate ?d }")
    assert rows == [{"d": dt.date(2008, 6, 23)}]


def test_2003_indication_requires_two_prior_therapies_and_progression_on_the_last(kg) -> None:
    rows = kg.select(
        "SELECT ?min ?last WHERE { indication:bortezomib-monotherapy-fda-2l mmkg:minPriorLines ?min ; "
        "mmkg:lastTherapyCondition ?last }"
    )
    assert rows == [{"min": 2, "last": "https://w3id.org/mmkg/last-line/progression-on"}]


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        ("US", "2003-05-12", {}),
        ("US", "2004-01-01", {"bortezomib-monotherapy": {"bortezomib-fda-2003-05-13"}}),
        ("US", "2006-01-01", {"bortezomib-monotherapy": {"bortezomib-fda-2005-03"}}),
        (
            "US",
            "2021-01-01",
            {"bortezomib-monotherapy": {"bortezomib-fda-2008-06-23"}, "VMP": {"bortezomib-fda-2008-06-23"}},
        ),
        ("EU", "2004-04-26", {"bortezomib-monotherapy": {"bortezomib-ec-2004-04-26"}}),
        ("EU", "2006-01-01", {"bortezomib-monotherapy": {"bortezomib-ec-2005"}}),
        (
            "EU",
            "2014-01-01",
            {
                "bortezomib-monotherapy": {"bortezomib-ec-2005"},
                "Vd": {"bortezomib-ec-2013"},
                "VTd": {"bortezomib-ec-2013"},
            },
        ),
    ],
)
def test_bortezomib_indications_in_force(kg, approvals, region: str, day: str, expected) -> None:
    assert approvals.by_regimen("bortezomib", region, day) == expected


def test_eu_induction_wording_with_two_alternatives_is_split_into_two_transplant_eligible_indications(kg) -> None:
    rows = kg.select(
        "SELECT ?i ?regimen ?setting ?text WHERE { approval:bortezomib-ec-2013 mmkg:indication ?i . "
        "?i mmkg:indicationRegimen ?regimen ; mmkg:diseaseSetting ?setting ; mmkg:criteriaText ?text }"
    )
    assert {r["regimen"].rsplit("/", 1)[1] for r in rows} == {"Vd", "VTd"}
    assert {r["setting"].rsplit("/", 1)[1] for r in rows} == {"NDMM-TE"}
    assert len({r["text"] for r in rows}) == 1  # the same label sentence on both
