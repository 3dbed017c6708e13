"""The named queries of the regulatory history: approvals, approved-as-of and approval-gaps."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from mmkg.errors import InputError

DRUG = "https://w3id.org/mmkg/drug/"
REGIMEN = "https://w3id.org/mmkg/regimen/"

EU_2025_03_01 = {
    ("bortezomib", "VTd"), ("bortezomib", "Vd"), ("bortezomib", "bortezomib-monotherapy"),
    ("carfilzomib", "DKd"), ("carfilzomib", "KRd"), ("carfilzomib", "Kd"),
    ("ciltacabtagene-autoleucel", "cilta-cel"),
    ("daratumumab", "DPd"), ("daratumumab", "DRd"), ("daratumumab", "DVd"), ("daratumumab", "DaraVMP"),
    ("daratumumab", "DaraVRd"), ("daratumumab", "DaraVTd"), ("daratumumab", "daratumumab-monotherapy"),
    ("elotuzumab", "EloPd"), ("elotuzumab", "EloRd"),
    ("elranatamab", "elranatamab-monotherapy"),
    ("idecabtagene-vicleucel", "ide-cel"),
    ("isatuximab", "IsaKd"), ("isatuximab", "IsaPd"), ("isatuximab", "IsaVRd"),
    ("ixazomib", "IxaRd"),
    ("lenalidomide", "Rd"), ("lenalidomide", "VRd"), ("lenalidomide", "lenalidomide-monotherapy"),
    ("melphalan-flufenamide", "melflufen-dex"),
    ("panobinostat", "PanVd"),
    ("pomalidomide", "PVd"), ("pomalidomide", "Pd"),
    ("selinexor", "SVd"), ("selinexor", "Sd"),
    ("talquetamab", "talquetamab-monotherapy"),
    ("teclistamab", "teclistamab-monotherapy"),
    ("thalidomide", "MPT"),
}


def pairs(rows: list[dict]) -> set[tuple[str, str]]:
    return {(r["product"].removeprefix(DRUG), r["regimen"].removeprefix(REGIMEN)) for r in rows}


def test_approved_as_of_eu_on_2025_03_01(kg) -> None:
    rows = kg.run("approved-as-of", region="EU", as_of="2025-03-01")
    assert pairs(rows) == EU_2025_03_01
    assert {r["region"] for r in rows} == {"EU"}
    assert "reimbursement" not in rows[0]  # only Italy has a reimbursement status


def test_approved_as_of_cli_example_works() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from mmkg.cli import run; run()", "query", "approved-as-of",
         "--param", "region=EU", "--param", "as_of=2025-03-01", "--format", "json"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "teclistamab-monotherapy" in result.stdout
    json.loads(result.stdout)


def test_approved_as_of_defaults_to_today_in_the_eu(kg) -> None:
    assert pairs(kg.run("approved-as-of")) == pairs(kg.run("approved-as-of", region="EU", as_of=dt.date.today()))


def test_approved_as_of_unknown_region_is_an_error(kg) -> None:
    # issue 11: an unknown region used to answer nothing with exit 0
    with pytest.raises(InputError, match="must be one of 'US', 'EU', 'IT'"):
        kg.run("approved-as-of", region="UK", as_of="2025-03-01")


def test_approved_as_of_italy_says_not_curated_where_aifa_decisions_are_not_in_the_graph(kg) -> None:
    rows = kg.run("approved-as-of", region="IT", as_of="2025-03-01")
    status = {(r["product"].removeprefix(DRUG), r["regimen"].removeprefix(REGIMEN)): r["reimbursement"] for r in rows}
    assert status[("carfilzomib", "Kd")] == "not curated (AIFA decisions on this product are not in the graph)"
    assert status[("pomalidomide", "PVd")].startswith("not curated")
    # every indication in force in the EU is listed for Italy, with its status
    assert {(p, reg) for p, reg in status} == pairs(kg.run("approved-as-of", region="EU", as_of="2025-03-01"))


def test_approved_as_of_italy_with_an_aifa_decision(kg) -> None:
    rows = [
        r for r in kg.run("approved-as-of", region="IT", as_of="2025-03-01") if not r["reimbursement"].startswith("not curated")
    ]
    assert dict.fromkeys(pairs(rows)).keys() == {
        ("ciltacabtagene-autoleucel", "cilta-cel"),
        ("daratumumab", "DPd"),
        ("daratumumab", "DRd"),
        ("daratumumab", "DVd"),
        ("daratumumab", "DaraVMP"),
        ("daratumumab", "DaraVTd"),
        ("daratumumab", "daratumumab-monotherapy"),
        ("idecabtagene-vicleucel", "ide-cel"),
        ("isatuximab", "IsaKd"),
        ("isatuximab", "IsaPd"),
        ("melphalan-flufenamide", "melflufen-dex"),
        ("panobinostat", "PanVd"),
        ("selinexor", "SVd"),
        ("selinexor", "Sd"),
        ("talquetamab", "talquetamab-monotherapy"),
        ("teclistamab", "teclistamab-monotherapy"),
    }
    status = {r["product"].removeprefix(DRUG): r["reimbursement"] for r in rows}
    assert status["teclistamab"] == "reimbursed"
    assert status["talquetamab"] == "authorised, not reimbursed (class C(nn))"


def test_approved_as_of_prior_lines_filter(kg) -> None:
    one_line = pairs(kg.run("approved-as-of", region="US", as_of="2025-03-01", prior_lines=1, setting="RRMM"))
    assert ("ciltacabtagene-autoleucel", "cilta-cel") in one_line
    assert ("teclistamab", "teclistamab-monotherapy") not in one_line
    assert ("isatuximab", "IsaPd") not in one_line  # at least two prior therapies
    newly_diagnosed = pairs(kg.run("approved-as-of", region="US", as_of="2025-03-01", prior_lines=0))
    assert newly_diagnosed == {
        ("bortezomib", "VMP"), ("bortezomib", "bortezomib-monotherapy"),
        ("daratumumab", "DRd"), ("daratumumab", "DaraVMP"), ("daratumumab", "DaraVTd"),
        ("daratumumab", "DaraVRd"), ("isatuximab", "IsaVRd"),
        ("lenalidomide", "Rd"), ("lenalidomide", "lenalidomide-monotherapy"),
        ("thalidomide", "Td"),
    }


def test_approval_gaps_on_2025_03_01(kg) -> None:
    rows = kg.run("approval-gaps", as_of="2025-03-01")
    got = {(r["regimen"].removeprefix(REGIMEN), r["product"].removeprefix(DRUG), r["approved_in"], r["not_approved_in"]) for r in rows}
    assert got == {
        ("MPT", "thalidomide", "EU", "US"),
        ("PLD-V", "pegylated-liposomal-doxorubicin", "US", "EU"),
        ("PVd", "pomalidomide", "EU", "US"),
        ("PanVd", "panobinostat", "EU", "US"),
        ("Td", "thalidomide", "US", "EU"),
        ("VMP", "bortezomib", "US", "EU"),
        ("VRd", "lenalidomide", "EU", "US"),
        ("VTd", "bortezomib", "EU", "US"),
        ("Vd", "bortezomib", "EU", "US"),
        ("carfilzomib-monotherapy", "carfilzomib", "US", "EU"),
        ("melflufen-dex", "melphalan-flufenamide", "EU", "US"),
    }


def test_approval_gaps_belantamab_bpd_eu_only_after_october_2025(kg) -> None:
    rows = kg.run("approval-gaps", as_of="2025-11-01", setting="RRMM")
    bela = {(r["regimen"].removeprefix(REGIMEN), r["approved_in"]) for r in rows if r["product"].endswith("/belantamab-mafodotin")}
    assert bela == {("BPd", "EU")}


def test_approvals_timeline_of_all_products_is_ordered_per_agency_by_date(kg) -> None:
    rows = kg.run("approvals")
    agencies = [r["agency_name"] for r in rows]
    assert agencies == sorted(agencies)
    assert set(agencies) == {"AIFA", "EC", "EMA-CHMP", "FDA"}
    for agency in set(agencies):
        starts = [str(r["date"])[:10] for r in rows if r["agency_name"] == agency]
        padded = [s if len(s) == 10 else (s + "-01" if len(s) == 7 else s + "-01-01") for s in starts]
        assert padded == sorted(padded), agency


def test_approvals_by_brand_name(kg) -> None:
    rows = kg.run("approvals", product="Carvykti")
    assert {r["product"] for r in rows} == {DRUG + "ciltacabtagene-autoleucel"}
    fda = [(str(r["date"]), r.get("min_prior_lines")) for r in rows if r["agency_name"] == "FDA"]
    assert fda == [("2022-02-28", 4), ("2024-04-05", 1)]
