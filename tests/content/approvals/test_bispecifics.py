"""The BCMA/GPRC5D bispecifics: at least four prior lines in the US, at least three prior therapies in the EU."""

from __future__ import annotations

DRUG = "https://w3id.org/mmkg/drug/"
BISPECIFICS = {"teclistamab", "elranatamab", "talquetamab", "linvoseltamab"}


def bispecific_lines(kg, region: str, day: str, **params) -> dict[str, int]:
    rows = kg.run("approved-as-of", region=region, as_of=day, **params)
    return {
        r["product"].removeprefix(DRUG): r["min_prior_lines"]
        for r in rows
        if r["product"].removeprefix(DRUG) in BISPECIFICS and r["regimen"].endswith("-monotherapy")
    }


def test_bispecific_monotherapies_need_four_lines_in_the_us_three_in_the_eu(kg) -> None:
    assert bispecific_lines(kg, "US", "2025-08-01") == dict.fromkeys(BISPECIFICS, 4)
    assert bispecific_lines(kg, "EU", "2025-08-01") == dict.fromkeys(BISPECIFICS, 3)


def test_patient_with_three_prior_lines_gets_bispecifics_only_in_the_eu(kg) -> None:
    assert set(bispecific_lines(kg, "EU", "2025-08-01", prior_lines=3)) == BISPECIFICS
    assert set(bispecific_lines(kg, "US", "2025-08-01", prior_lines=3)) == set()
    assert set(bispecific_lines(kg, "US", "2025-08-01", prior_lines=4)) == BISPECIFICS


def test_approval_gaps_for_three_prior_lines_list_the_bispecifics_as_eu_only(kg, approvals) -> None:
    rows = kg.run("approval-gaps", as_of="2025-08-01", prior_lines=3, setting="setting:RRMM")
    eu_only = {
        r["product"].removeprefix(DRUG) for r in rows if r["approved_in"] == "EU" and r["not_approved_in"] == "US"
    }
    assert eu_only >= BISPECIFICS
