"""CARTITUDE-1: ciltacabtagene autoleucel in triple-class exposed RRMM (single arm)."""

from __future__ import annotations


def test_cartitude1_design_single_arm_cilta_cel_97_patients(kg, evidence) -> None:
    trial = evidence.describe("trial:CARTITUDE-1")
    assert trial["nctId"] == "NCT03548207"
    assert trial["phase"] == "1b/2"
    assert trial["sampleSize"] == 97
    assert trial["hasArm"] == {"arm:CARTITUDE-1-cilta-cel"}
    assert evidence.describe("arm:CARTITUDE-1-cilta-cel")["armRegimen"] == {"regimen:cilta-cel"}


def test_cartitude1_median_pfs_34_9_months_os_not_reached_at_33_4_months(kg, evidence) -> None:
    pfs = evidence.describe("result:CARTITUDE-1-pfs-median-cilta-cel-itt")
    assert (pfs["endpoint"], pfs["statistic"], pfs["estimate"], pfs["unit"]) == (
        "endpoint:PFS",
        "stat:median",
        34.9,
        "unit:MO",
    )
    assert pfs["medianFollowUpMonths"] == 33.4
    os_ = evidence.describe("result:CARTITUDE-1-os-median-cilta-cel-itt")
    assert os_["notReached"] is True and "estimate" not in os_
    assert os_["medianFollowUpMonths"] == 33.4


def test_cartitude1_vgpr_or_better_94_8_percent(kg, evidence) -> None:
    vgpr = evidence.describe("result:CARTITUDE-1-vgpr-proportion-cilta-cel-itt")
    assert (vgpr["endpoint"], vgpr["estimate"], vgpr["unit"]) == ("endpoint:VGPR-or-better", 94.8, "unit:PERCENT")
    assert vgpr["confidence"] == "medium"


def test_cartitude1_five_year_33_percent_progression_free_and_median_os_60_7(kg, evidence) -> None:
    pf = evidence.describe("result:CARTITUDE-1-treatment-and-progression-free-5y-proportion-cilta-cel-itt")
    assert (pf["estimate"], pf["numberOfPatients"], pf["timepointMonths"], pf["medianFollowUpMonths"]) == (
        33.0,
        32,
        60.0,
        61.3,
    )
    os_ = evidence.describe("result:CARTITUDE-1-os-median-cilta-cel-itt-61mo")
    assert (os_["estimate"], os_["ciLower"], os_["ciUpperNotReached"], os_["medianFollowUpMonths"]) == (
        60.7,
        41.9,
        True,
        61.3,
    )
    assert "ciUpper" not in os_
    assert {"ref:voorhees-2025-asco", "ref:jagannath-2025-jco"} <= evidence.sources(
        "result:CARTITUDE-1-os-median-cilta-cel-itt-61mo"
    )


def test_cartitude1_long_term_safety_in_32_patients_progression_free_at_5_years(kg, evidence) -> None:
    assert evidence.describe("population:CARTITUDE-1-progression-free-5y")["sampleSize"] == 32
    counts = {
        "spm": 2,
        "neurologic-events": 2,
        "infections-grade3": 4,
        "parkinsonism": 0,
        "cranial-nerve-palsy": 0,
    }
    for key, expected in counts.items():
        r = evidence.describe(f"result:CARTITUDE-1-{key}-new-count-progression-free-5y")
        assert (r["statistic"], r["estimate"]) == ("stat:count", float(expected)), key
    assert evidence.describe("result:CARTITUDE-1-infections-grade3-new-count-progression-free-5y")["minimumGrade"] == 3


def test_cartitude1_primary_endpoints_are_safety_and_orr(kg, evidence) -> None:
    """Berdeja Lancet 2021: 'The primary endpoints were safety and confirmation of the recommended phase 2 dose
    (phase 1b), and overall response rate (phase 2)'; the dose confirmation has no endpoint term."""
    trial = evidence.describe("trial:CARTITUDE-1")
    assert trial["primaryEndpoint"] == {"endpoint:safety", "endpoint:ORR"}
    assert any("The primary endpoints were safety and confirmation" in note for note in trial["curationNote"])
    assert "ref:berdeja-2021-lancet" in evidence.sources("trial:CARTITUDE-1")
