"""DREAMM-8: belantamab mafodotin, pomalidomide and dexamethasone (BPd) vs PVd."""

from __future__ import annotations


def test_dreamm8_design_1_to_1_bpd_155_vs_pvd_147(kg, evidence) -> None:
    trial = evidence.describe("trial:DREAMM-8")
    assert (trial["nctId"], trial["randomisationRatio"], trial["sampleSize"], trial["medianFollowUpMonths"]) == (
        "NCT04484623",
        "1:1",
        302,
        21.8,
    )
    assert evidence.describe("arm:DREAMM-8-BPd")["sampleSize"] == 155
    assert evidence.describe("arm:DREAMM-8-PVd")["sampleSize"] == 147
    assert evidence.describe("population:DREAMM-8-itt")["requiresPriorExposureTo"] == {"drug:lenalidomide"}


def test_dreamm8_pfs_hazard_ratio(kg, evidence) -> None:
    """BPd not reached vs PVd 12.7 months, HR 0.52 (0.37-0.73), p<0.001."""
    bpd = evidence.describe("result:DREAMM-8-pfs-median-BPd-itt")
    assert bpd["notReached"] is True and "estimate" not in bpd
    assert evidence.describe("result:DREAMM-8-pfs-median-PVd-itt")["estimate"] == 12.7
    hr = evidence.describe("result:DREAMM-8-pfs-hr-itt")
    assert (hr["estimate"], hr["ciLower"], hr["ciUpper"], hr["pValue"], hr["pValueRelation"]) == (
        0.52,
        0.37,
        0.73,
        0.001,
        "<",
    )


def test_dreamm8_os_12_month_83_vs_76_hr_0_77_and_orr_77_vs_72(kg, evidence) -> None:
    assert evidence.describe("result:DREAMM-8-os-12mo-landmark-BPd-itt")["estimate"] == 83.0
    assert evidence.describe("result:DREAMM-8-os-12mo-landmark-PVd-itt")["estimate"] == 76.0
    hr = evidence.describe("result:DREAMM-8-os-hr-itt")
    assert (hr["estimate"], hr["ciLower"], hr["ciUpper"]) == (0.77, 0.53, 1.14)
    bpd = evidence.describe("result:DREAMM-8-orr-proportion-BPd-itt")
    pvd = evidence.describe("result:DREAMM-8-orr-proportion-PVd-itt")
    assert (bpd["estimate"], bpd["ciLower"], bpd["ciUpper"]) == (77.0, 70.0, 84.0)
    assert (pvd["estimate"], pvd["ciLower"], pvd["ciUpper"]) == (72.0, 64.0, 79.0)


def test_dreamm8_bpd_safety_ocular_events_and_infections(kg, evidence) -> None:
    expected = {
        "adverse-events-any-grade-proportion": 99.0,
        "adverse-events-grade3-4-proportion": 94.0,
        "serious-adverse-events-proportion": 63.0,
        "discontinuation-due-to-AE-proportion": 15.0,
        "ocular-events-any-grade-proportion": 89.0,
        "ocular-events-grade3-4-proportion": 43.0,
        "blurred-vision-any-grade-proportion": 79.0,
        "blurred-vision-grade3-4-proportion": 17.0,
        "visual-acuity-worsening-20-50-proportion": 34.0,
        "visual-acuity-worsening-20-200-proportion": 1.0,
        "infections-any-grade-proportion": 82.0,
        "infections-grade3-4-proportion": 49.0,
    }
    for key, estimate in expected.items():
        assert evidence.describe(f"result:DREAMM-8-{key}-BPd")["estimate"] == estimate, key


def test_dreamm8_baseline_len_refractory_anti_cd38_refractory_and_prior_pi(kg, evidence) -> None:
    expected = {
        "one-prior-line": (53.0, 52.0),
        "high-risk-cytogenetics": (34.0, 32.0),
        "lenalidomide-refractory": (81.0, 76.0),
        "anti-CD38-refractory": (23.0, 24.0),
    }
    for key, (bpd, pvd) in expected.items():
        assert evidence.describe(f"result:DREAMM-8-{key}-proportion-BPd-itt")["estimate"] == bpd
        assert evidence.describe(f"result:DREAMM-8-{key}-proportion-PVd-itt")["estimate"] == pvd
    assert evidence.describe("result:DREAMM-8-prior-PI-exposure-proportion-BPd-itt")["estimate"] == 90.0
