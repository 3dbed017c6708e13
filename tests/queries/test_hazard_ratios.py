"""The named query hazard-ratios (the rows of a forest plot), with its expected answers."""

from __future__ import annotations

import datetime as dt


def local(iri: str) -> str:
    return iri.rsplit("/", 1)[1]


def test_pfs_hazard_ratios_in_lenalidomide_refractory_populations(kg) -> None:
    """A patient state selects the populations whose criteria require what it is defined by, and their subgroups."""
    rows = kg.run("hazard-ratios", population="lenalidomide-refractory")
    assert {local(r["result"]): r["estimate"] for r in rows} == {
        "CARTITUDE-4-pfs-hr-itt": 0.26,  # CARTITUDE-4 enrolled lenalidomide-refractory patients only
        "CARTITUDE-4-pfs-hr-itt-33mo": 0.29,
        "CASTOR-pfs-hr-len-refractory": 0.44,
        "ELOQUENT-3-pfs-hr-itt": 0.54,
        "IKEMA-pfs-hr-len-refractory": 0.6,
    }
    castor = next(r for r in rows if local(r["result"]) == "CASTOR-pfs-hr-len-refractory")
    assert (castor["ci_lower"], castor["ci_upper"], castor["arm_label"], castor["versus_arm_label"]) == (
        0.28,
        0.68,
        "CASTOR: DVd",
        "CASTOR: Vd",
    )
    cartitude = next(r for r in rows if local(r["result"]) == "CARTITUDE-4-pfs-hr-itt")
    assert cartitude["data_cutoff"] == dt.date(2022, 11, 1)


def test_anti_cd38_regimens_in_lenalidomide_refractory_populations(kg) -> None:
    rows = kg.run("hazard-ratios", population="lenalidomide-refractory", regimen_class="anti-CD38")
    assert sorted(local(r["result"]) for r in rows) == ["CASTOR-pfs-hr-len-refractory", "IKEMA-pfs-hr-len-refractory"]


def test_a_population_selects_itself_and_its_subgroups(kg) -> None:
    rows = kg.run("hazard-ratios", population="population:IKEMA-itt")
    assert sorted(local(r["result"]) for r in rows) == ["IKEMA-pfs-hr-itt", "IKEMA-pfs-hr-len-refractory"]


def test_overall_survival_of_anti_cd38_regimens(kg) -> None:
    rows = kg.run("hazard-ratios", endpoint="OS", regimen_class="anti-CD38")
    trials = {r["trial_label"] for r in rows}
    assert {"APOLLO", "CANDOR", "CASTOR", "IKEMA", "MAIA"} <= trials
    assert all(r["statistic_label"] == "hazard ratio" and r["endpoint_label"] == "overall survival" for r in rows)


def test_without_parameters_every_pfs_hazard_ratio(kg) -> None:
    rows = kg.run("hazard-ratios")
    assert len(rows) == len({r["result"] for r in rows}) >= 38
    assert all(r["statistic_label"] == "hazard ratio" for r in rows)
