"""The named queries for the sequencing competency questions, each with its expected answer.

bcma-options-after-adc, gprc5d-options-after-bcma, len-refractory-first-relapse-options and
anti-cd38-retreatment-options: options in force in a region on a day (as approved-as-of decides
it, through mmkg:inForceFrom / mmkg:inForceUntil and, for Italy, mmkg:appliesToApproval).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest
import rdflib

from mmkg import resources
from mmkg.queries import catalogue
from mmkg.store import bind_values, to_term

BASE = "https://w3id.org/mmkg/"


def local(iri: str) -> str:
    return iri.removeprefix(BASE).split("/", 1)[1]


def decided(rows: list[dict]) -> list[dict]:
    """The rows with a decision in the region (in Italy, an AIFA decision; not the "not curated" rows)."""
    return [r for r in rows if r.get("italy") != "not curated"]


def options(kg, query: str, **params) -> set[tuple]:
    """(product, regimen, approval) of each row with a decision, local names."""
    return {(local(r["product"]), local(r["regimen"]), local(r["approval"])) for r in decided(kg.run(query, **params))}


def labels(value: str | None) -> set[str]:
    return set(value.split(", ")) if value else set()


# --- bcma-options-after-adc ------------------------------------------------------------

EU_BCMA_AFTER_ADC_2025_03_01 = {
    ("ciltacabtagene-autoleucel", "cilta-cel", "cilta-cel-ec-2024-04-22"),
    ("idecabtagene-vicleucel", "ide-cel", "ide-cel-ec-2024-03"),
    ("elranatamab", "elranatamab-monotherapy", "elranatamab-ec-2023-12"),
    ("teclistamab", "teclistamab-monotherapy", "teclistamab-ec-2022-08-23"),
}


def test_bcma_options_after_belantamab_in_the_eu_on_2025_03_01(kg) -> None:
    rows = kg.run("bcma-options-after-adc", drug="belantamab mafodotin", region="EU", as_of="2025-03-01")
    assert options(kg, "bcma-options-after-adc", drug="belantamab mafodotin", region="EU", as_of="2025-03-01") == EU_BCMA_AFTER_ADC_2025_03_01
    by_product = {local(r["product"]): r for r in rows}
    assert by_product["ciltacabtagene-autoleucel"]["modality"] == "CAR-T cell therapy"
    assert by_product["teclistamab"]["modality"] == "bispecific T-cell engager"
    assert [by_product[p]["min_prior_lines"] for p in ("ciltacabtagene-autoleucel", "idecabtagene-vicleucel", "elranatamab", "teclistamab")] == [1, 2, 3, 3]
    assert by_product["ciltacabtagene-autoleucel"]["approval_date"] == dt.date(2024, 4, 22)
    assert "refractory to lenalidomide" in by_product["ciltacabtagene-autoleucel"]["criteria"]
    assert all(r["modality"] != "antibody-drug conjugate" for r in rows)  # no belantamab regimen


def test_bcma_options_after_adc_default_to_belantamab_in_the_eu(kg) -> None:
    assert options(kg, "bcma-options-after-adc", as_of="2025-03-01") == EU_BCMA_AFTER_ADC_2025_03_01


def test_bcma_options_after_belantamab_in_the_us_on_2025_03_01(kg) -> None:
    # US bispecifics after four prior lines; linvoseltamab not yet approved (FDA 2025-07-02)
    rows = kg.run("bcma-options-after-adc", region="US", as_of="2025-03-01")
    assert {(local(r["product"]), local(r["approval"]), r["min_prior_lines"]) for r in rows} == {
        ("ciltacabtagene-autoleucel", "cilta-cel-fda-2024-04-05", 1),
        ("idecabtagene-vicleucel", "ide-cel-fda-2024-04-04", 2),
        ("elranatamab", "elranatamab-fda-2023-08-14", 4),
        ("teclistamab", "teclistamab-fda-2022-10-25", 4),
    }


def test_bcma_options_after_belantamab_in_italy_need_an_aifa_decision(kg) -> None:
    # elranatamab: EU 2023-12, AIFA reimbursement 2025-05-19
    assert options(kg, "bcma-options-after-adc", region="IT", as_of="2025-03-01") == EU_BCMA_AFTER_ADC_2025_03_01 - {
        ("elranatamab", "elranatamab-monotherapy", "elranatamab-ec-2023-12"),
    }


def test_bcma_options_after_teclistamab_include_belantamab_and_the_car_ts(kg) -> None:
    assert options(kg, "bcma-options-after-adc", drug="teclistamab", region="EU", as_of="2025-11-01") == {
        ("ciltacabtagene-autoleucel", "cilta-cel", "cilta-cel-ec-2024-04-22"),
        ("idecabtagene-vicleucel", "ide-cel", "ide-cel-ec-2024-03"),
        ("belantamab-mafodotin", "BPd", "belantamab-ec-2025-07-24-BPd"),
        ("belantamab-mafodotin", "BVd", "belantamab-ec-2025-07-24-BVd"),
    }


def test_bcma_options_after_belantamab_in_the_us_in_2021_were_ide_cel_only(kg) -> None:
    assert options(kg, "bcma-options-after-adc", region="US", as_of="2021-06-01") == {
        ("idecabtagene-vicleucel", "ide-cel", "ide-cel-fda-2021-03-26"),
    }


# --- gprc5d-options-after-bcma ----------------------------------------------------------


def test_gprc5d_options_in_the_eu_on_2025_03_01(kg) -> None:
    rows = kg.run("gprc5d-options-after-bcma", region="EU", as_of="2025-03-01")
    assert [(local(r["product"]), r["modality"], r["also_targets_bcma"], local(r["approval"]), r["min_prior_lines"]) for r in rows] == [
        ("talquetamab", "bispecific T-cell engager", False, "talquetamab-ec-2023-08", 3),
    ]


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        ("US", "2023-08-08", set()),
        ("US", "2023-08-09", {("talquetamab", "talquetamab-monotherapy", "talquetamab-fda-2023-08-09")}),
        ("EU", "2023-08-30", set()),  # decision dated 2023-08: counts from 2023-08-31
        ("EU", "2023-08-31", {("talquetamab", "talquetamab-monotherapy", "talquetamab-ec-2023-08")}),
        ("IT", "2023-11-14", set()),  # AIFA class C(nn) listing 2023-11-15
        ("IT", "2023-11-15", {("talquetamab", "talquetamab-monotherapy", "talquetamab-ec-2023-08")}),
    ],
)
def test_gprc5d_options_in_force(kg, region: str, day: str, expected: set[tuple]) -> None:
    assert options(kg, "gprc5d-options-after-bcma", region=region, as_of=day) == expected


# --- len-refractory-first-relapse-options -----------------------------------------------


def test_lenalidomide_free_options_at_first_relapse_in_the_eu_on_2025_03_01(kg) -> None:
    assert options(kg, "len-refractory-first-relapse-options", region="EU", as_of="2025-03-01") == {
        ("bortezomib", "bortezomib-monotherapy", "bortezomib-ec-2005"),
        ("carfilzomib", "DKd", "carfilzomib-ec-2021-DKd"),
        ("carfilzomib", "Kd", "carfilzomib-ec-2016-07-04"),
        ("ciltacabtagene-autoleucel", "cilta-cel", "cilta-cel-ec-2024-04-22"),
        ("daratumumab", "DPd", "daratumumab-ec-2021-06"),
        ("daratumumab", "DVd", "daratumumab-ec-2017-04-28"),
        ("daratumumab", "daratumumab-monotherapy", "daratumumab-ec-2016-05"),
        ("isatuximab", "IsaKd", "isatuximab-ec-2021-04-19"),
        ("pomalidomide", "PVd", "pomalidomide-ec-2019-05-PVd"),
        ("selinexor", "SVd", "selinexor-ec-2022-07-SVd"),
    }


def test_cilta_cel_at_first_relapse_requires_lenalidomide_refractory_disease(kg) -> None:
    rows = {local(r["regimen"]): r for r in kg.run("len-refractory-first-relapse-options", region="EU", as_of="2025-03-01")}
    cilta = rows["cilta-cel"]
    assert labels(cilta.get("requires_refractoriness_to")) == {"lenalidomide"}
    assert labels(cilta.get("requires_exposure_to")) == {"immunomodulatory drug", "proteasome inhibitor"}
    dpd = rows["DPd"]  # the one-prior-line indication of 2021-06, not the two-line one
    assert (local(dpd["indication"]), dpd["min_prior_lines"], dpd["max_prior_lines"]) == ("daratumumab-DPd-eu-1l", 1, 1)
    assert labels(dpd.get("requires_refractoriness_to")) == {"lenalidomide"}
    assert labels(dpd.get("requires_exposure_to")) == {"lenalidomide", "proteasome inhibitor"}
    assert labels(rows["PVd"].get("requires_exposure_to")) == {"lenalidomide"}
    assert "requires_exposure_to" not in rows["Kd"] and "requires_refractoriness_to" not in rows["Kd"]


def test_lenalidomide_free_options_at_first_relapse_in_the_us_on_2025_03_01(kg) -> None:
    got = options(kg, "len-refractory-first-relapse-options", region="US", as_of="2025-03-01")
    assert {regimen for _, regimen, _ in got} == {
        "DKd", "Kd", "carfilzomib-monotherapy", "cilta-cel", "DPd", "DVd", "daratumumab-monotherapy", "IsaKd", "SVd",
        "bortezomib-monotherapy", "PLD-V",
    }
    assert ("carfilzomib", "Kd", "carfilzomib-fda-2016-01-Kd") in got


def test_first_relapse_options_leave_out_lenalidomide_regimens_and_later_lines(kg) -> None:
    for region in ("US", "EU", "IT"):
        rows = kg.run("len-refractory-first-relapse-options", region=region, as_of="2025-03-01")
        regimens = {local(r["regimen"]) for r in rows}
        assert not regimens & {"KRd", "DRd", "EloRd", "IxaRd", "IsaVRd", "DaraVRd"}, region
        assert not regimens & {"IsaPd", "EloPd", "Pd", "teclistamab-monotherapy", "ide-cel"}, region  # 2+ prior lines


def test_in_italy_on_2025_03_01_first_relapse_lists_the_options_with_an_aifa_decision(kg) -> None:
    """Kd and PVd are authorised in the EU, but no AIFA decision on them is in the graph."""
    assert options(kg, "len-refractory-first-relapse-options", region="IT", as_of="2025-03-01") == {
        ("ciltacabtagene-autoleucel", "cilta-cel", "cilta-cel-ec-2024-04-22"),
        ("daratumumab", "DPd", "daratumumab-ec-2021-06"),
        ("daratumumab", "DVd", "daratumumab-ec-2017-04-28"),
        ("daratumumab", "daratumumab-monotherapy", "daratumumab-ec-2016-05"),
        ("isatuximab", "IsaKd", "isatuximab-ec-2021-04-19"),
        ("selinexor", "SVd", "selinexor-ec-2022-07-SVd"),
    }


# --- anti-cd38-retreatment-options ------------------------------------------------------

IKEMA_EVIDENCE = {
    "IKEMA intention-to-treat population (excludes refractoriness to anti-CD38 monoclonal antibody)",
    "IKEMA lenalidomide-refractory subgroup (excludes refractoriness to anti-CD38 monoclonal antibody)",
}
KARMMA_3_EVIDENCE = {"KarMMa-3: intention-to-treat population (requires prior exposure to daratumumab)"}
ICARIA_EVIDENCE = {"ICARIA-MM intention-to-treat population (excludes refractoriness to anti-CD38 monoclonal antibody)"}


def evidence(rows: list[dict]) -> dict[tuple[str, str], set[str]]:
    return {
        (local(r["regimen"]), local(r["indication"])): set(r["evidence"].split("; ")) if "evidence" in r else set()
        for r in decided(rows)
    }


def test_italy_options_without_a_curated_aifa_decision_are_listed_as_not_curated(kg) -> None:
    """Kd and PVd are authorised in the EU; AIFA's decisions on carfilzomib and pomalidomide are not in the graph."""
    rows = kg.run("len-refractory-first-relapse-options", region="IT", as_of="2025-03-01")
    italy = {local(r["regimen"]): r["italy"] for r in rows}
    assert italy["Kd"] == "not curated" and italy["PVd"] == "not curated"
    assert italy["SVd"] == "AIFA decision"
    assert all("italy" not in r for r in kg.run("len-refractory-first-relapse-options", region="EU", as_of="2025-03-01"))


def test_anti_cd38_options_in_the_eu_on_2025_03_01_with_their_evidence(kg) -> None:
    rows = kg.run("anti-cd38-retreatment-options", region="EU", as_of="2025-03-01")
    assert evidence(rows) == {
        ("DKd", "carfilzomib-DKd-eu-1l"): set(),
        ("DPd", "daratumumab-DPd-eu-1l"): KARMMA_3_EVIDENCE,
        ("DPd", "daratumumab-DPd-eu-2l"): KARMMA_3_EVIDENCE,
        ("DRd", "daratumumab-DRd-eu-1l"): set(),
        ("DVd", "daratumumab-DVd-eu-1l"): KARMMA_3_EVIDENCE,
        ("daratumumab-monotherapy", "daratumumab-monotherapy-eu"): set(),
        ("IsaKd", "isatuximab-IsaKd-eu-1l"): IKEMA_EVIDENCE,
        ("IsaPd", "isatuximab-IsaPd-eu-2l"): ICARIA_EVIDENCE,
    }
    # the anti-CD38 component is the product column, also for DKd (carfilzomib's EU indication)
    assert {local(r["product"]) for r in rows} == {"daratumumab", "isatuximab"}


def test_anti_cd38_retreatment_options_leave_out_newly_diagnosed_indications(kg) -> None:
    regimens = {local(r["regimen"]) for r in kg.run("anti-cd38-retreatment-options", region="US", as_of="2025-03-01")}
    assert regimens == {"DKd", "DPd", "DRd", "DVd", "daratumumab-monotherapy", "IsaKd", "IsaPd"}


def test_anti_cd38_options_in_italy_on_2025_03_01(kg) -> None:
    rows = kg.run("anti-cd38-retreatment-options", region="IT", as_of="2025-03-01")
    assert evidence(rows) == {
        ("DPd", "daratumumab-DPd-eu-1l"): KARMMA_3_EVIDENCE,
        ("DPd", "daratumumab-DPd-eu-2l"): KARMMA_3_EVIDENCE,
        ("DRd", "daratumumab-DRd-eu-1l"): set(),
        ("DVd", "daratumumab-DVd-eu-1l"): KARMMA_3_EVIDENCE,
        ("daratumumab-monotherapy", "daratumumab-monotherapy-eu"): set(),
        ("IsaKd", "isatuximab-IsaKd-eu-1l"): IKEMA_EVIDENCE,
        ("IsaPd", "isatuximab-IsaPd-eu-2l"): ICARIA_EVIDENCE,
    }


def test_tec_dara_is_an_anti_cd38_and_a_bcma_option_in_the_us_from_2026_03_05(kg) -> None:
    # approved for teclistamab (the product) with daratumumab: counted by its components
    tec_dara = ("daratumumab", "Tec-Dara", "teclistamab-fda-2026-03-05-daratumumab")
    assert tec_dara not in options(kg, "anti-cd38-retreatment-options", region="US", as_of="2026-03-04")
    assert tec_dara in options(kg, "anti-cd38-retreatment-options", region="US", as_of="2026-03-05")
    after_adc = options(kg, "bcma-options-after-adc", region="US", as_of="2026-03-05")
    assert ("teclistamab", "Tec-Dara", "teclistamab-fda-2026-03-05-daratumumab") in after_adc
    # the accelerated approval goes on through its conversion of the same day
    assert ("teclistamab", "teclistamab-monotherapy", "teclistamab-fda-2026-03-05-conversion") in after_adc
    assert ("teclistamab", "teclistamab-monotherapy", "teclistamab-fda-2022-10-25") not in after_adc


# --- the same answers on another SPARQL engine -----------------------------------------

SEQUENCING_QUERIES = (
    "bcma-options-after-adc", "gprc5d-options-after-bcma",
    "len-refractory-first-relapse-options", "anti-cd38-retreatment-options",
)
LISTS = {"evidence": "; ", "requires_exposure_to": ", ", "requires_refractoriness_to": ", "}


@cache
def rdflib_release() -> rdflib.Graph:
    return rdflib.Graph().parse(resources.release_dir() / "mmkg.nt", format="nt")


def normalised(rows) -> list[tuple]:
    """Rows as sorted (variable, text) tuples; list columns sorted (GROUP_CONCAT order is free)."""
    out = []
    for row in rows:
        items = []
        for var, value in row.items():
            text = str(value)
            if var in LISTS:
                text = LISTS[var].join(sorted(text.split(LISTS[var])))
            items.append((var, text))
        out.append(tuple(sorted(items)))
    return sorted(out)


# a second engine (several seconds a query on rdflib): run by CI with the other cross-engine checks
@pytest.mark.slow
@pytest.mark.parametrize("name", SEQUENCING_QUERIES)
@pytest.mark.parametrize("region", ["US", "EU", "IT"])
def test_sequencing_query_gives_the_same_answer_on_rdflib(kg, name: str, region: str) -> None:
    # the query text as shipped (its own PREFIX lines, no project prologue), parameters as VALUES
    text = bind_values(catalogue().get(name).sparql, {"region": to_term(region), "as_of": to_term(dt.date(2025, 11, 1))})
    theirs = [{str(k): v for k, v in row.asdict().items()} for row in rdflib_release().query(text)]
    ours = [{var: term.value for var, term in zip([v.value for v in solutions.variables], solution) if term is not None}
            for solutions in [kg.store.query(text)] for solution in solutions]
    assert ours, f"{name} {region}: no rows to compare"
    assert normalised(theirs) == normalised(ours)
