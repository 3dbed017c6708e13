"""CAR-T trials curated from the deck (evidence-b): CARTITUDE-1, CARTITUDE-4, KarMMa, KarMMa-3."""

from __future__ import annotations

from tests.evidence_b_support import describe, sources


def test_cartitude1_design_single_arm_cilta_cel_97_patients(kg) -> None:
    trial = describe(kg, "trial:CARTITUDE-1")
    assert trial["nctId"] == "NCT03548207"
    assert trial["phase"] == "1b/2"
    assert trial["sampleSize"] == 97
    assert trial["hasArm"] == {"arm:CARTITUDE-1-cilta-cel"}
    assert describe(kg, "arm:CARTITUDE-1-cilta-cel")["armRegimen"] == {"regimen:cilta-cel"}


def test_cartitude1_median_pfs_34_9_months_os_not_reached_at_33_4_months(kg) -> None:
    pfs = describe(kg, "result:CARTITUDE-1-pfs-median-cilta-cel-itt")
    assert (pfs["endpoint"], pfs["statistic"], pfs["estimate"], pfs["unit"]) == ("endpoint:PFS", "stat:median", 34.9, "unit:MO")
    assert pfs["medianFollowUpMonths"] == 33.4
    os_ = describe(kg, "result:CARTITUDE-1-os-median-cilta-cel-itt")
    assert os_["notReached"] is True and "estimate" not in os_
    assert os_["medianFollowUpMonths"] == 33.4


def test_cartitude1_vgpr_or_better_94_8_percent(kg) -> None:
    vgpr = describe(kg, "result:CARTITUDE-1-vgpr-proportion-cilta-cel-itt")
    assert (vgpr["endpoint"], vgpr["estimate"], vgpr["unit"]) == ("endpoint:VGPR-or-better", 94.8, "unit:PERCENT")
    assert vgpr["confidence"] == "medium"


def test_cartitude1_five_year_33_percent_progression_free_and_median_os_60_7(kg) -> None:
    pf = describe(kg, "result:CARTITUDE-1-treatment-and-progression-free-5y-proportion-cilta-cel-itt")
    assert (pf["estimate"], pf["numberOfPatients"], pf["timepointMonths"], pf["medianFollowUpMonths"]) == (33.0, 32, 60.0, 61.3)
    os_ = describe(kg, "result:CARTITUDE-1-os-median-cilta-cel-itt-61mo")
    assert (os_["estimate"], os_["ciLower"], os_["ciUpperNotReached"], os_["medianFollowUpMonths"]) == (60.7, 41.9, True, 61.3)
    assert "ciUpper" not in os_
    assert {"ref:voorhees-2025-asco", "ref:jagannath-2025-jco"} <= sources(kg, "result:CARTITUDE-1-os-median-cilta-cel-itt-61mo")


def test_cartitude1_long_term_safety_in_32_patients_progression_free_at_5_years(kg) -> None:
    assert describe(kg, "population:CARTITUDE-1-progression-free-5y")["sampleSize"] == 32
    counts = {
        "spm": 2, "neurologic-events": 2, "infections-grade3": 4, "parkinsonism": 0, "cranial-nerve-palsy": 0,
    }
    for key, expected in counts.items():
        r = describe(kg, f"result:CARTITUDE-1-{key}-new-count-progression-free-5y")
        assert (r["statistic"], r["estimate"]) == ("stat:count", float(expected)), key
    assert describe(kg, "result:CARTITUDE-1-infections-grade3-new-count-progression-free-5y")["minimumGrade"] == 3


def test_cartitude4_design_1_to_1_cilta_cel_208_vs_soc_211_len_refractory_1_to_3_lines(kg) -> None:
    trial = describe(kg, "trial:CARTITUDE-4")
    assert (trial["nctId"], trial["phase"], trial["randomisationRatio"], trial["sampleSize"]) == ("NCT04181827", "3", "1:1", 419)
    assert describe(kg, "arm:CARTITUDE-4-cilta-cel")["sampleSize"] == 208
    soc = describe(kg, "arm:CARTITUDE-4-standard-of-care")
    assert soc["sampleSize"] == 211 and soc["armRegimen"] == {"regimen:PVd", "regimen:DPd"}
    pop = describe(kg, "population:CARTITUDE-4-itt")
    assert (pop["minPriorLines"], pop["maxPriorLines"], pop["maxECOG"]) == (1, 3, 1)
    assert pop["requiresRefractorinessTo"] == {"drug:lenalidomide"}


def test_cartitude4_baseline_age_and_triple_class_refractory(kg) -> None:
    age = describe(kg, "result:CARTITUDE-4-age-median-cilta-cel-itt")
    assert (age["estimate"], age["rangeMin"], age["rangeMax"], age["unit"]) == (61.5, 27.0, 78.0, "unit:YR")
    age_soc = describe(kg, "result:CARTITUDE-4-age-median-SOC-itt")
    assert (age_soc["estimate"], age_soc["rangeMin"], age_soc["rangeMax"]) == (61.0, 35.0, 80.0)
    expected = {
        "soft-tissue-plasmacytoma-proportion": ((44, 21.2), (35, 16.6)),
        "two-or-more-high-risk-cytogenetic-features-proportion": ((43, 20.8), (49, 23.3)),
        "triple-class-refractory-proportion": ((30, 14.4), (33, 15.6)),
    }
    for key, (cilta, soc) in expected.items():
        c = describe(kg, f"result:CARTITUDE-4-{key}-cilta-cel-itt")
        s = describe(kg, f"result:CARTITUDE-4-{key}-SOC-itt")
        assert (c["numberOfPatients"], c["estimate"]) == cilta, key
        assert (s["numberOfPatients"], s["estimate"]) == soc, key
    lot = describe(kg, "result:CARTITUDE-4-prior-lines-median-cilta-cel-itt")
    assert (lot["estimate"], lot["rangeMin"], lot["rangeMax"]) == (2.0, 1.0, 3.0)


def test_cartitude4_mrd_negativity_bars_and_odds_ratios(kg) -> None:
    """The interleaved chart labels, read as checked by the ITT/evaluable arithmetic."""
    expected = {
        ("1e-5", "itt"): (62.0, 18.5, 7.6),
        ("1e-5", "mrd-evaluable-1e-5"): (89.0, 37.9, 13.3),
        ("1e-6", "itt"): (57.2, 9.0, 14.9),
        ("1e-6", "mrd-evaluable-1e-6"): (85.6, 18.6, 28.5),
    }
    for (threshold, pop), (cilta, soc, odds) in expected.items():
        c = describe(kg, f"result:CARTITUDE-4-mrd-negativity-{threshold}-proportion-cilta-cel-{pop}")
        s = describe(kg, f"result:CARTITUDE-4-mrd-negativity-{threshold}-proportion-SOC-{pop}")
        o = describe(kg, f"result:CARTITUDE-4-mrd-negativity-{threshold}-or-{pop}")
        assert c["endpoint"] == s["endpoint"] == o["endpoint"] == f"endpoint:MRD-negativity-{threshold}"
        assert c["inPopulation"] == s["inPopulation"] == o["inPopulation"] == f"population:CARTITUDE-4-{pop}"
        assert (c["estimate"], s["estimate"]) == (cilta, soc)
        assert (o["statistic"], o["estimate"], o["pValue"], o["pValueRelation"]) == ("stat:odds-ratio", odds, 0.0001, "<")
        assert o["forArm"] == "arm:CARTITUDE-4-cilta-cel" and o["versusArm"] == "arm:CARTITUDE-4-standard-of-care"
        assert c["curationNote"] and o["curationNote"]
    assert describe(kg, "result:CARTITUDE-4-mrd-negativity-1e-6-or-itt")["confidence"] == "medium"


def test_cartitude4_mrd_negativity_by_day_56_and_month_6(kg) -> None:
    day56 = describe(kg, "result:CARTITUDE-4-mrd-negativity-1e-5-by-day-56-proportion-cilta-cel-mrd-evaluable-1e-5")
    assert (day56["estimate"], day56["timepointDays"]) == (69.0, 56.0)
    assert describe(kg, "result:CARTITUDE-4-mrd-negativity-1e-5-by-day-56-proportion-cilta-cel-itt")["estimate"] == 48.0
    month6 = describe(kg, "result:CARTITUDE-4-mrd-negativity-1e-5-by-month-6-proportion-cilta-cel-mrd-evaluable-1e-5")
    assert (month6["estimate"], month6["timepointMonths"]) == (86.0, 6.0)
    assert describe(kg, "result:CARTITUDE-4-mrd-negativity-1e-5-by-month-6-proportion-cilta-cel-itt")["estimate"] == 60.0


def test_cartitude4_orr_84_6_and_cr_76_9_percent(kg) -> None:
    assert describe(kg, "result:CARTITUDE-4-orr-proportion-cilta-cel-itt")["estimate"] == 84.6
    assert describe(kg, "result:CARTITUDE-4-cr-proportion-cilta-cel-itt")["estimate"] == 76.9


def test_cartitude4_30_month_pfs_and_os_above_93_percent_in_sustained_mrd_negative_cr(kg) -> None:
    for endpoint in ("pfs", "os"):
        r = describe(kg, f"result:CARTITUDE-4-{endpoint}-30mo-landmark-cilta-cel-sustained-mrd-negative-cr")
        assert (r["statistic"], r["estimate"], r["estimateRelation"], r["timepointMonths"]) == ("stat:landmark-rate", 93.0, ">", 30.0)
        assert r["inPopulation"] == "population:CARTITUDE-4-sustained-mrd-negative-cr"


def test_karmma_orr_73_cr_33_mrd_26_median_pfs_8_8_and_20_2_in_cr(kg) -> None:
    trial = describe(kg, "trial:KarMMa")
    assert (trial["phase"], trial["sampleSize"], trial["nctId"]) == ("2", 128, "NCT03361748")
    assert describe(kg, "result:KarMMa-orr-proportion-ide-cel-itt")["estimate"] == 73.0
    assert describe(kg, "result:KarMMa-cr-proportion-ide-cel-itt")["estimate"] == 33.0
    mrd = describe(kg, "result:KarMMa-mrd-negativity-proportion-ide-cel-itt")
    assert mrd["estimate"] == 26.0 and mrd["confidence"] == "medium"
    assert describe(kg, "result:KarMMa-pfs-median-ide-cel-itt")["estimate"] == 8.8
    in_cr = describe(kg, "result:KarMMa-pfs-median-ide-cel-complete-response")
    assert (in_cr["estimate"], in_cr["inPopulation"]) == (20.2, "population:KarMMa-complete-response")
    assert describe(kg, "result:KarMMa-prior-lines-median-ide-cel-itt")["estimate"] == 6.0
    assert describe(kg, "result:KarMMa-triple-class-refractory-proportion-ide-cel-itt")["estimate"] == 84.0


def test_karmma3_design_2_to_1_ide_cel_254_vs_standard_regimens_132(kg) -> None:
    trial = describe(kg, "trial:KarMMa-3")
    assert (trial["phase"], trial["randomisationRatio"], trial["sampleSize"], trial["nctId"]) == ("3", "2:1", 386, "NCT03651128")
    assert describe(kg, "arm:KarMMa-3-ide-cel")["sampleSize"] == 254
    sr = describe(kg, "arm:KarMMa-3-standard-regimens")
    assert sr["sampleSize"] == 132
    assert sr["armRegimen"] == {"regimen:DPd", "regimen:DVd", "regimen:IxaRd", "regimen:Kd", "regimen:EloPd"}
    pop = describe(kg, "population:KarMMa-3-itt")
    assert (pop["minPriorLines"], pop["maxPriorLines"], pop["maxECOG"], pop["lastTherapyCondition"]) == (2, 4, 1, "lastline:refractory")
    assert describe(kg, "population:KarMMa-3-ide-cel-infused")["sampleSize"] == 225


def test_karmma3_crossover_adjusted_os_hazard_ratio_0_72(kg) -> None:
    hr = describe(kg, "result:KarMMa-3-os-hr-crossover-adjusted-itt")
    assert (hr["endpoint"], hr["statistic"], hr["estimate"], hr["ciLower"], hr["ciUpper"]) == ("endpoint:OS", "stat:hazard-ratio", 0.72, 0.49, 1.01)
    assert "crossover" in next(iter(hr["curationNote"]))
    assert describe(kg, "result:KarMMa-3-crossover-proportion-standard-regimens-itt")["estimate"] == 56.0


def test_karmma3_baseline_characteristics(kg) -> None:
    expected = {
        "extramedullary-disease-proportion": ((61, 24.0), (32, 24.0)),
        "high-risk-cytogenetics-proportion": ((107, 42.0), (61, 46.0)),
        "double-class-refractory-proportion": ((169, 67.0), (91, 69.0)),
        "triple-class-refractory-proportion": ((164, 65.0), (89, 67.0)),
    }
    for key, (ide, sr) in expected.items():
        a = describe(kg, f"result:KarMMa-3-{key}-ide-cel-itt")
        b = describe(kg, f"result:KarMMa-3-{key}-standard-regimens-itt")
        assert (a["numberOfPatients"], a["estimate"]) == ide, key
        assert (b["numberOfPatients"], b["estimate"]) == sr, key
    age = describe(kg, "result:KarMMa-3-age-median-ide-cel-itt")
    assert (age["estimate"], age["rangeMin"], age["rangeMax"]) == (63.0, 30.0, 81.0)
    age_sr = describe(kg, "result:KarMMa-3-age-median-standard-regimens-itt")
    assert (age_sr["estimate"], age_sr["rangeMin"], age_sr["rangeMax"]) == (63.0, 42.0, 83.0)
