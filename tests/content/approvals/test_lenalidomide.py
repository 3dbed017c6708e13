"""Lenalidomide (Revlimid): relapse (FDA 2006, EC 2007), newly diagnosed (FDA 2015, EC 2015, EC VRd 2019)
and maintenance after ASCT (FDA 2017-02-22, EC 2017-02) approvals.

Sources: FDA Office of Oncology Drug Products page of 2006; EMA press release of 2012-06-21;
FDA Approval Summary (Pulte, Oncologist 2018, PMID 29438096); Celgene's announcements
(ontology/kb/approvals/lenalidomide.ttl).
"""

from __future__ import annotations

import datetime as dt

import pytest


def event_date(kg, approval: str):
    return kg.select("SELECT ?d WHERE { ?a mmkg:eventDate ?d }", a=approval)[0]["d"]


def test_lenalidomide_fda_relapse_approval_is_2006_06_29(kg) -> None:
    # FDA Office of Oncology Drug Products: "On June 29, 2006, ... granted approval to lenalidomide"
    assert event_date(kg, "approval:lenalidomide-fda-2006-06-29") == dt.date(2006, 6, 29)


def test_lenalidomide_fda_maintenance_after_asct_approval_date(kg) -> None:
    # Pulte et al., Oncologist 2018: "On February 22, 2017, the U.S. FDA granted approval for the use of
    # lenalidomide as maintenance therapy after autologous hematopoietic stem cell transplantation"
    assert event_date(kg, "approval:lenalidomide-fda-2017-02-22") == dt.date(2017, 2, 22)
    row = kg.select(
        "SELECT ?setting ?regimen WHERE { approval:lenalidomide-fda-2017-02-22 mmkg:indication ?i . "
        "?i mmkg:diseaseSetting ?setting ; mmkg:indicationRegimen ?regimen }"
    )
    assert row == [
        {
            "setting": "https://w3id.org/mmkg/setting/NDMM-TE",
            "regimen": "https://w3id.org/mmkg/regimen/lenalidomide-monotherapy",
        }
    ]


def test_lenalidomide_first_eu_authorisation_is_2007_06_14(kg) -> None:
    # EMA (2012-06-21): "Revlimid was first authorised in the European Union on 14 June 2007"
    assert event_date(kg, "approval:lenalidomide-ec-2007-06-14") == dt.date(2007, 6, 14)


def test_lenalidomide_eu_maintenance_and_vrd_dates_keep_their_month_precision(kg) -> None:
    # Celgene announced the EC maintenance approval on 2017-02-24 and the EC RVd approval on 2019-05-16
    assert event_date(kg, "approval:lenalidomide-ec-2017-02") == "2017-02"
    assert event_date(kg, "approval:lenalidomide-ec-2019-05-VRd") == "2019-05"
    assert event_date(kg, "approval:lenalidomide-ec-2015") == "2015"


def test_us_2015_extension_to_newly_diagnosed_replaces_the_2006_wording(kg, approvals) -> None:
    # The Pharma Letter 2015-02-18: the FDA "expanded the existing indication ... to include patients
    # newly-diagnosed with multiple myeloma"; the 2006 indication (after a prior therapy) ends.
    assert approvals.by_regimen("lenalidomide", "US", "2010-01-01") == {"Rd": {"lenalidomide-fda-2006-06-29"}}
    assert approvals.by_regimen("lenalidomide", "US", "2016-01-01") == {"Rd": {"lenalidomide-fda-2015-02"}}
    settings = {
        r["s"].rsplit("/", 1)[1]
        for r in kg.select("SELECT ?s WHERE { indication:lenalidomide-Rd-fda-mm mmkg:diseaseSetting ?s }")
    }
    assert settings == {"NDMM-TE", "NDMM-TIE", "RRMM"}  # the wording restricts neither transplant setting


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        ("US", "2006-06-28", {}),
        (
            "US",
            "2021-01-01",
            {"Rd": {"lenalidomide-fda-2015-02"}, "lenalidomide-monotherapy": {"lenalidomide-fda-2017-02-22"}},
        ),
        ("EU", "2007-06-13", {}),
        ("EU", "2014-12-31", {"Rd": {"lenalidomide-ec-2007-06-14"}}),  # CHMP opinion of 2014-12 alone
        (
            "EU",
            "2021-01-01",
            {
                "Rd": {"lenalidomide-ec-2007-06-14", "lenalidomide-ec-2015"},
                "lenalidomide-monotherapy": {"lenalidomide-ec-2017-02"},
                "VRd": {"lenalidomide-ec-2019-05-VRd"},
            },
        ),
    ],
)
def test_lenalidomide_indications_in_force(kg, approvals, region: str, day: str, expected) -> None:
    assert approvals.by_regimen("lenalidomide", region, day) == expected


def test_eu_relapse_indication_needs_one_prior_therapy_and_newly_diagnosed_ones_are_transplant_ineligible(kg) -> None:
    rows = kg.select(
        "SELECT ?i ?s ?min WHERE { VALUES ?i { indication:lenalidomide-Rd-eu-1l indication:lenalidomide-Rd-eu-ndmm-tie "
        "indication:lenalidomide-VRd-eu-ndmm-tie } ?i mmkg:diseaseSetting ?s OPTIONAL { ?i mmkg:minPriorLines ?min } }"
    )
    got = {(r["i"].rsplit("/", 1)[1], r["s"].rsplit("/", 1)[1], r.get("min")) for r in rows}
    assert got == {
        ("lenalidomide-Rd-eu-1l", "RRMM", 1),
        ("lenalidomide-Rd-eu-ndmm-tie", "NDMM-TIE", None),
        ("lenalidomide-VRd-eu-ndmm-tie", "NDMM-TIE", None),
    }
