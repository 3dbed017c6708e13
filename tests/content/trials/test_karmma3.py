"""KarMMa-3: ide-cel vs standard regimens after 2-4 prior lines."""

from __future__ import annotations


def test_karmma3_design_2_to_1_ide_cel_254_vs_standard_regimens_132(kg, evidence) -> None:
    trial = evidence.describe("trial:KarMMa-3")
    assert (trial["phase"], trial["randomisationRatio"], trial["sampleSize"], trial["nctId"]) == (
        "3",
        "2:1",
        386,
        "NCT03651128",
    )
    assert evidence.describe("arm:KarMMa-3-ide-cel")["sampleSize"] == 254
    sr = evidence.describe("arm:KarMMa-3-standard-regimens")
    assert sr["sampleSize"] == 132
    assert sr["armRegimen"] == {"regimen:DPd", "regimen:DVd", "regimen:IxaRd", "regimen:Kd", "regimen:EloPd"}
    pop = evidence.describe("population:KarMMa-3-itt")
    assert (pop["minPriorLines"], pop["maxPriorLines"], pop["maxECOG"], pop["lastTherapyCondition"]) == (
        2,
        4,
        1,
        "lastline:refractory",
    )
    assert evidence.describe("population:KarMMa-3-ide-cel-infused")["sampleSize"] == 225


def test_karmma3_crossover_adjusted_os_hazard_ratio_0_72(kg, evidence) -> None:
    hr = evidence.describe("result:KarMMa-3-os-hr-crossover-adjusted-itt")
    assert (hr["endpoint"], hr["statistic"], hr["estimate"], hr["ciLower"], hr["ciUpper"]) == (
        "endpoint:OS",
        "stat:hazard-ratio",
        0.72,
        0.49,
        1.01,
    )
    assert "crossover" in next(iter(hr["curationNote"]))
    assert evidence.describe("result:KarMMa-3-crossover-proportion-standard-regimens-itt")["estimate"] == 56.0


def test_karmma3_baseline_characteristics(kg, evidence) -> None:
    expected = {
        "extramedullary-disease-proportion": ((61, 24.0), (32, 24.0)),
        "high-risk-cytogenetics-proportion": ((107, 42.0), (61, 46.0)),
        "double-class-refractory-proportion": ((169, 67.0), (91, 69.0)),
        "triple-class-refractory-proportion": ((164, 65.0), (89, 67.0)),
    }
    for key, (ide, sr) in expected.items():
        a = evidence.describe(f"result:KarMMa-3-{key}-ide-cel-itt")
        b = evidence.describe(f"result:KarMMa-3-{key}-standard-regimens-itt")
        assert (a["numberOfPatients"], a["estimate"]) == ide, key
        assert (b["numberOfPatients"], b["estimate"]) == sr, key
    age = evidence.describe("result:KarMMa-3-age-median-ide-cel-itt")
    assert (age["estimate"], age["rangeMin"], age["rangeMax"]) == (63.0, 30.0, 81.0)
    age_sr = evidence.describe("result:KarMMa-3-age-median-standard-regimens-itt")
    assert (age_sr["estimate"], age_sr["rangeMin"], age_sr["rangeMax"]) == (63.0, 42.0, 83.0)
