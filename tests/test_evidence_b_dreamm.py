"""Belantamab mafodotin trials curated from the deck (evidence-b): DREAMM-7 and DREAMM-8."""

from __future__ import annotations

import pytest

from tests.evidence_b_support import describe, sources


def test_dreamm7_design_1_to_1_bvd_243_vs_dvd_251(kg) -> None:
    trial = describe(kg, "trial:DREAMM-7")
    assert (trial["nctId"], trial["phase"], trial["randomisationRatio"], trial["sampleSize"]) == ("NCT04246047", "3", "1:1", 494)
    assert trial["medianFollowUpMonths"] == 28.2
    assert trial["primaryEndpoint"] == {"endpoint:PFS"}
    assert describe(kg, "arm:DREAMM-7-BVd")["sampleSize"] == 243
    assert describe(kg, "arm:DREAMM-7-DVd")["armRegimen"] == {"regimen:DVd"}


def test_dreamm7_pfs_hazard_ratio(kg) -> None:
    """BVd 36.6 vs DVd 13.4 months, HR 0.41 (0.31-0.53), p<0.001."""
    assert describe(kg, "result:DREAMM-7-pfs-median-BVd-itt")["estimate"] == 36.6
    assert describe(kg, "result:DREAMM-7-pfs-median-DVd-itt")["estimate"] == 13.4
    hr = describe(kg, "result:DREAMM-7-pfs-hr-itt")
    assert (hr["estimate"], hr["ciLower"], hr["ciUpper"], hr["ciLevel"]) == (0.41, 0.31, 0.53, 0.95)
    assert (hr["pValue"], hr["pValueRelation"]) == (0.001, "<")
    assert (hr["forArm"], hr["versusArm"]) == ("arm:DREAMM-7-BVd", "arm:DREAMM-7-DVd")
    assert "ref:hungria-2024-nejm" in sources(kg, "result:DREAMM-7-pfs-hr-itt")


def test_dreamm7_os_not_reached_18_month_rates_84_vs_73_hr_0_57(kg) -> None:
    assert describe(kg, "result:DREAMM-7-os-median-BVd-itt")["notReached"] is True
    assert describe(kg, "result:DREAMM-7-os-median-DVd-itt")["notReached"] is True
    bvd = describe(kg, "result:DREAMM-7-os-18mo-landmark-BVd-itt")
    assert (bvd["statistic"], bvd["estimate"], bvd["timepointMonths"]) == ("stat:landmark-rate", 84.0, 18.0)
    assert describe(kg, "result:DREAMM-7-os-18mo-landmark-DVd-itt")["estimate"] == 73.0
    hr = describe(kg, "result:DREAMM-7-os-hr-itt")
    assert (hr["estimate"], hr["ciLower"], hr["ciUpper"]) == (0.57, 0.40, 0.80)
    assert "pValue" not in hr


def test_dreamm7_orr_83_vs_71_percent_with_ci(kg) -> None:
    bvd = describe(kg, "result:DREAMM-7-orr-proportion-BVd-itt")
    dvd = describe(kg, "result:DREAMM-7-orr-proportion-DVd-itt")
    assert (bvd["estimate"], bvd["ciLower"], bvd["ciUpper"]) == (83.0, 77.0, 87.0)
    assert (dvd["estimate"], dvd["ciLower"], dvd["ciUpper"]) == (71.0, 65.0, 77.0)


@pytest.mark.parametrize(
    ("key", "estimate", "min_grade", "max_grade"),
    [
        ("adverse-events-any-grade-proportion", 100.0, None, None),
        ("adverse-events-grade3-4-proportion", 95.0, 3, 4),
        ("serious-adverse-events-proportion", 50.0, None, None),
        ("discontinuation-due-to-AE-proportion", 26.0, None, None),
        ("ocular-events-any-grade-proportion", 79.0, None, None),
        ("ocular-events-grade3-4-proportion", 34.0, 3, 4),
        ("blurred-vision-any-grade-proportion", 66.0, None, None),
        ("blurred-vision-grade3-4-proportion", 22.0, 3, 4),
        ("visual-acuity-worsening-20-50-proportion", 34.0, None, None),
        ("visual-acuity-worsening-20-200-proportion", 2.0, None, None),
        ("infections-any-grade-proportion", 70.0, None, None),
        ("infections-grade3-4-proportion", 31.0, 3, 4),
    ],
)
def test_dreamm7_bvd_safety_ocular_events_and_infections(kg, key, estimate, min_grade, max_grade) -> None:
    r = describe(kg, f"result:DREAMM-7-{key}-BVd")
    assert r["estimate"] == estimate
    assert r.get("minimumGrade") == min_grade and r.get("maximumGrade") == max_grade
    assert r["forArm"] == "arm:DREAMM-7-BVd"


def test_dreamm7_baseline_one_prior_line_high_risk_and_len_refractory(kg) -> None:
    expected = {"one-prior-line": (51.0, 50.0), "high-risk-cytogenetics": (28.0, 27.0), "lenalidomide-refractory": (33.0, 35.0)}
    for key, (bvd, dvd) in expected.items():
        assert describe(kg, f"result:DREAMM-7-{key}-proportion-BVd-itt")["estimate"] == bvd
        assert describe(kg, f"result:DREAMM-7-{key}-proportion-DVd-itt")["estimate"] == dvd


def test_dreamm8_design_1_to_1_bpd_155_vs_pvd_147(kg) -> None:
    trial = describe(kg, "trial:DREAMM-8")
    assert (trial["nctId"], trial["randomisationRatio"], trial["sampleSize"], trial["medianFollowUpMonths"]) == ("NCT04484623", "1:1", 302, 21.8)
    assert describe(kg, "arm:DREAMM-8-BPd")["sampleSize"] == 155
    assert describe(kg, "arm:DREAMM-8-PVd")["sampleSize"] == 147
    assert describe(kg, "population:DREAMM-8-itt")["requiresPriorExposureTo"] == {"drug:lenalidomide"}


def test_dreamm8_pfs_hazard_ratio(kg) -> None:
    """BPd not reached vs PVd 12.7 months, HR 0.52 (0.37-0.73), p<0.001."""
    bpd = describe(kg, "result:DREAMM-8-pfs-median-BPd-itt")
    assert bpd["notReached"] is True and "estimate" not in bpd
    assert describe(kg, "result:DREAMM-8-pfs-median-PVd-itt")["estimate"] == 12.7
    hr = describe(kg, "result:DREAMM-8-pfs-hr-itt")
    assert (hr["estimate"], hr["ciLower"], hr["ciUpper"], hr["pValue"], hr["pValueRelation"]) == (0.52, 0.37, 0.73, 0.001, "<")


def test_dreamm8_os_12_month_83_vs_76_hr_0_77_and_orr_77_vs_72(kg) -> None:
    assert describe(kg, "result:DREAMM-8-os-12mo-landmark-BPd-itt")["estimate"] == 83.0
    assert describe(kg, "result:DREAMM-8-os-12mo-landmark-PVd-itt")["estimate"] == 76.0
    hr = describe(kg, "result:DREAMM-8-os-hr-itt")
    assert (hr["estimate"], hr["ciLower"], hr["ciUpper"]) == (0.77, 0.53, 1.14)
    bpd = describe(kg, "result:DREAMM-8-orr-proportion-BPd-itt")
    pvd = describe(kg, "result:DREAMM-8-orr-proportion-PVd-itt")
    assert (bpd["estimate"], bpd["ciLower"], bpd["ciUpper"]) == (77.0, 70.0, 84.0)
    assert (pvd["estimate"], pvd["ciLower"], pvd["ciUpper"]) == (72.0, 64.0, 79.0)


def test_dreamm8_bpd_safety_ocular_events_and_infections(kg) -> None:
    expected = {
        "adverse-events-any-grade-proportion": 99.0, "adverse-events-grade3-4-proportion": 94.0,
        "serious-adverse-events-proportion": 63.0, "discontinuation-due-to-AE-proportion": 15.0,
        "ocular-events-any-grade-proportion": 89.0, "ocular-events-grade3-4-proportion": 43.0,
        "blurred-vision-any-grade-proportion": 79.0, "blurred-vision-grade3-4-proportion": 17.0,
        "visual-acuity-worsening-20-50-proportion": 34.0, "visual-acuity-worsening-20-200-proportion": 1.0,
        "infections-any-grade-proportion": 82.0, "infections-grade3-4-proportion": 49.0,
    }
    for key, estimate in expected.items():
        assert describe(kg, f"result:DREAMM-8-{key}-BPd")["estimate"] == estimate, key


def test_dreamm8_baseline_len_refractory_anti_cd38_refractory_and_prior_pi(kg) -> None:
    expected = {
        "one-prior-line": (53.0, 52.0), "high-risk-cytogenetics": (34.0, 32.0),
        "lenalidomide-refractory": (81.0, 76.0), "anti-CD38-refractory": (23.0, 24.0),
    }
    for key, (bpd, pvd) in expected.items():
        assert describe(kg, f"result:DREAMM-8-{key}-proportion-BPd-itt")["estimate"] == bpd
        assert describe(kg, f"result:DREAMM-8-{key}-proportion-PVd-itt")["estimate"] == pvd
    assert describe(kg, "result:DREAMM-8-prior-PI-exposure-proportion-BPd-itt")["estimate"] == 90.0
