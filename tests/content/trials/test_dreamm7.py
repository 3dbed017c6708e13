"""DREAMM-7: belantamab mafodotin, bortezomib and dexamethasone (BVd) vs DVd."""

from __future__ import annotations

import pytest


def test_dreamm7_design_1_to_1_bvd_243_vs_dvd_251(kg, evidence) -> None:
    trial = evidence.describe("trial:DREAMM-7")
    assert (trial["nctId"], trial["phase"], trial["randomisationRatio"], trial["sampleSize"]) == (
        "NCT04246047",
        "3",
        "1:1",
        494,
    )
    assert trial["medianFollowUpMonths"] == 28.2
    assert trial["primaryEndpoint"] == {"endpoint:PFS"}
    assert evidence.describe("arm:DREAMM-7-BVd")["sampleSize"] == 243
    assert evidence.describe("arm:DREAMM-7-DVd")["armRegimen"] == {"regimen:DVd"}


def test_dreamm7_pfs_hazard_ratio(kg, evidence) -> None:
    """BVd 36.6 vs DVd 13.4 months, HR 0.41 (0.31-0.53), p<0.001."""
    assert evidence.describe("result:DREAMM-7-pfs-median-BVd-itt")["estimate"] == 36.6
    assert evidence.describe("result:DREAMM-7-pfs-median-DVd-itt")["estimate"] == 13.4
    hr = evidence.describe("result:DREAMM-7-pfs-hr-itt")
    assert (hr["estimate"], hr["ciLower"], hr["ciUpper"], hr["ciLevel"]) == (0.41, 0.31, 0.53, 0.95)
    assert (hr["pValue"], hr["pValueRelation"]) == (0.001, "<")
    assert (hr["forArm"], hr["versusArm"]) == ("arm:DREAMM-7-BVd", "arm:DREAMM-7-DVd")
    assert "ref:hungria-2024-nejm" in evidence.sources("result:DREAMM-7-pfs-hr-itt")


def test_dreamm7_os_not_reached_18_month_rates_84_vs_73_hr_0_57(kg, evidence) -> None:
    assert evidence.describe("result:DREAMM-7-os-median-BVd-itt")["notReached"] is True
    assert evidence.describe("result:DREAMM-7-os-median-DVd-itt")["notReached"] is True
    bvd = evidence.describe("result:DREAMM-7-os-18mo-landmark-BVd-itt")
    assert (bvd["statistic"], bvd["estimate"], bvd["timepointMonths"]) == ("stat:landmark-rate", 84.0, 18.0)
    assert evidence.describe("result:DREAMM-7-os-18mo-landmark-DVd-itt")["estimate"] == 73.0
    hr = evidence.describe("result:DREAMM-7-os-hr-itt")
    assert (hr["estimate"], hr["ciLower"], hr["ciUpper"]) == (0.57, 0.40, 0.80)
    assert "pValue" not in hr


def test_dreamm7_orr_83_vs_71_percent_with_ci(kg, evidence) -> None:
    bvd = evidence.describe("result:DREAMM-7-orr-proportion-BVd-itt")
    dvd = evidence.describe("result:DREAMM-7-orr-proportion-DVd-itt")
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
def test_dreamm7_bvd_safety_ocular_events_and_infections(kg, evidence, key, estimate, min_grade, max_grade) -> None:
    r = evidence.describe(f"result:DREAMM-7-{key}-BVd")
    assert r["estimate"] == estimate
    assert r.get("minimumGrade") == min_grade and r.get("maximumGrade") == max_grade
    assert r["forArm"] == "arm:DREAMM-7-BVd"


def test_dreamm7_baseline_one_prior_line_high_risk_and_len_refractory(kg, evidence) -> None:
    expected = {
        "one-prior-line": (51.0, 50.0),
        "high-risk-cytogenetics": (28.0, 27.0),
        "lenalidomide-refractory": (33.0, 35.0),
    }
    for key, (bvd, dvd) in expected.items():
        assert evidence.describe(f"result:DREAMM-7-{key}-proportion-BVd-itt")["estimate"] == bvd
        assert evidence.describe(f"result:DREAMM-7-{key}-proportion-DVd-itt")["estimate"] == dvd
