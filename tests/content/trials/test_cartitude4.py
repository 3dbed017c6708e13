"""CARTITUDE-4: cilta-cel vs standard of care (PVd or DPd) in lenalidomide-refractory MM after 1-3 lines."""

from __future__ import annotations


def test_cartitude4_design_1_to_1_cilta_cel_208_vs_soc_211_len_refractory_1_to_3_lines(kg, evidence) -> None:
    trial = evidence.describe("trial:CARTITUDE-4")
    assert (trial["nctId"], trial["phase"], trial["randomisationRatio"], trial["sampleSize"]) == (
        "NCT04181827",
        "3",
        "1:1",
        419,
    )
    assert evidence.describe("arm:CARTITUDE-4-cilta-cel")["sampleSize"] == 208
    soc = evidence.describe("arm:CARTITUDE-4-standard-of-care")
    assert soc["sampleSize"] == 211 and soc["armRegimen"] == {"regimen:PVd", "regimen:DPd"}
    pop = evidence.describe("population:CARTITUDE-4-itt")
    assert (pop["minPriorLines"], pop["maxPriorLines"], pop["maxECOG"]) == (1, 3, 1)
    assert pop["requiresRefractorinessTo"] == {"drug:lenalidomide"}


def test_cartitude4_baseline_age_and_triple_class_refractory(kg, evidence) -> None:
    age = evidence.describe("result:CARTITUDE-4-age-median-cilta-cel-itt")
    assert (age["estimate"], age["rangeMin"], age["rangeMax"], age["unit"]) == (61.5, 27.0, 78.0, "unit:YR")
    age_soc = evidence.describe("result:CARTITUDE-4-age-median-SOC-itt")
    assert (age_soc["estimate"], age_soc["rangeMin"], age_soc["rangeMax"]) == (61.0, 35.0, 80.0)
    expected = {
        "soft-tissue-plasmacytoma-proportion": ((44, 21.2), (35, 16.6)),
        "two-or-more-high-risk-cytogenetic-features-proportion": ((43, 20.8), (49, 23.3)),
        "triple-class-refractory-proportion": ((30, 14.4), (33, 15.6)),
    }
    for key, (cilta, soc) in expected.items():
        c = evidence.describe(f"result:CARTITUDE-4-{key}-cilta-cel-itt")
        s = evidence.describe(f"result:CARTITUDE-4-{key}-SOC-itt")
        assert (c["numberOfPatients"], c["estimate"]) == cilta, key
        assert (s["numberOfPatients"], s["estimate"]) == soc, key
    lot = evidence.describe("result:CARTITUDE-4-prior-lines-median-cilta-cel-itt")
    assert (lot["estimate"], lot["rangeMin"], lot["rangeMax"]) == (2.0, 1.0, 3.0)


def test_cartitude4_mrd_negativity_bars_and_odds_ratios(kg, evidence) -> None:
    """The interleaved chart labels, read as checked by the ITT/evaluable arithmetic."""
    expected = {
        ("1e-5", "itt"): (62.0, 18.5, 7.6),
        ("1e-5", "mrd-evaluable-1e-5"): (89.0, 37.9, 13.3),
        ("1e-6", "itt"): (57.2, 9.0, 14.9),
        ("1e-6", "mrd-evaluable-1e-6"): (85.6, 18.6, 28.5),
    }
    for (threshold, pop), (cilta, soc, odds) in expected.items():
        c = evidence.describe(f"result:CARTITUDE-4-mrd-negativity-{threshold}-proportion-cilta-cel-{pop}")
        s = evidence.describe(f"result:CARTITUDE-4-mrd-negativity-{threshold}-proportion-SOC-{pop}")
        o = evidence.describe(f"result:CARTITUDE-4-mrd-negativity-{threshold}-or-{pop}")
        assert c["endpoint"] == s["endpoint"] == o["endpoint"] == f"endpoint:MRD-negativity-{threshold}"
        assert c["inPopulation"] == s["inPopulation"] == o["inPopulation"] == f"population:CARTITUDE-4-{pop}"
        assert (c["estimate"], s["estimate"]) == (cilta, soc)
        assert (o["statistic"], o["estimate"], o["pValue"], o["pValueRelation"]) == (
            "stat:odds-ratio",
            odds,
            0.0001,
            "<",
        )
        assert o["forArm"] == "arm:CARTITUDE-4-cilta-cel" and o["versusArm"] == "arm:CARTITUDE-4-standard-of-care"
        assert c["curationNote"] and o["curationNote"]
    assert evidence.describe("result:CARTITUDE-4-mrd-negativity-1e-6-or-itt")["confidence"] == "medium"


def test_cartitude4_mrd_negativity_by_day_56_and_month_6(kg, evidence) -> None:
    day56 = evidence.describe(
        "result:CARTITUDE-4-mrd-negativity-1e-5-by-day-56-proportion-cilta-cel-mrd-evaluable-1e-5"
    )
    assert (day56["estimate"], day56["timepointDays"]) == (69.0, 56.0)
    assert (
        evidence.describe("result:CARTITUDE-4-mrd-negativity-1e-5-by-day-56-proportion-cilta-cel-itt")["estimate"]
        == 48.0
    )
    month6 = evidence.describe(
        "result:CARTITUDE-4-mrd-negativity-1e-5-by-month-6-proportion-cilta-cel-mrd-evaluable-1e-5"
    )
    assert (month6["estimate"], month6["timepointMonths"]) == (86.0, 6.0)
    assert (
        evidence.describe("result:CARTITUDE-4-mrd-negativity-1e-5-by-month-6-proportion-cilta-cel-itt")["estimate"]
        == 60.0
    )


def test_cartitude4_orr_84_6_and_cr_76_9_percent(kg, evidence) -> None:
    assert evidence.describe("result:CARTITUDE-4-orr-proportion-cilta-cel-itt")["estimate"] == 84.6
    assert evidence.describe("result:CARTITUDE-4-cr-proportion-cilta-cel-itt")["estimate"] == 76.9


def test_cartitude4_30_month_pfs_and_os_above_93_percent_in_sustained_mrd_negative_cr(kg, evidence) -> None:
    for endpoint in ("pfs", "os"):
        r = evidence.describe(f"result:CARTITUDE-4-{endpoint}-30mo-landmark-cilta-cel-sustained-mrd-negative-cr")
        assert (r["statistic"], r["estimate"], r["estimateRelation"], r["timepointMonths"]) == (
            "stat:landmark-rate",
            93.0,
            ">",
            30.0,
        )
        assert r["inPopulation"] == "population:CARTITUDE-4-sustained-mrd-negative-cr"
