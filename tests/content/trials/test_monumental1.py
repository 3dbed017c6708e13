"""MonumenTAL-1: talquetamab (two dose cohorts) in RRMM."""

from __future__ import annotations


def test_monumental1_two_dose_cohorts_are_two_arms(kg, evidence) -> None:
    trial = evidence.describe("trial:MonumenTAL-1")
    assert trial["sampleSize"] == 288
    assert trial["hasArm"] == {"arm:MonumenTAL-1-talquetamab-0.4-QW", "arm:MonumenTAL-1-talquetamab-0.8-Q2W"}
    qw = evidence.describe("arm:MonumenTAL-1-talquetamab-0.4-QW")
    q2w = evidence.describe("arm:MonumenTAL-1-talquetamab-0.8-Q2W")
    assert (qw["sampleSize"], q2w["sampleSize"]) == (143, 145)
    assert qw["armRegimen"] == q2w["armRegimen"] == {"regimen:talquetamab-monotherapy"}


def test_monumental1_skin_nail_and_dysgeusia_by_cohort(kg, evidence) -> None:
    for cohort, skin, nail, dysgeusia in (("0.4-QW", 56.0, 54.5, 72.0), ("0.8-Q2W", 73.0, 54.0, 71.0)):
        arm = f"talquetamab-{cohort}"
        assert (
            evidence.describe(f"result:MonumenTAL-1-skin-related-events-any-grade-proportion-{arm}")["estimate"] == skin
        )
        assert (
            evidence.describe(f"result:MonumenTAL-1-nail-related-events-any-grade-proportion-{arm}")["estimate"] == nail
        )
        assert evidence.describe(f"result:MonumenTAL-1-dysgeusia-any-grade-proportion-{arm}")["estimate"] == dysgeusia
        skin3 = evidence.describe(f"result:MonumenTAL-1-skin-related-events-grade3-proportion-{arm}")
        assert (skin3["estimate"], skin3["estimateRelation"], skin3["confidence"]) == (1.0, "<", "medium")
    landmark = evidence.describe("result:MonumenTAL-1-os-12mo-landmark-talquetamab-0.8-Q2W")
    assert (landmark["estimate"], landmark["timepointMonths"]) == (77.0, 12.0)


def test_monumental1_primary_endpoints_are_orr_by_irc_and_phase1_safety(kg, evidence) -> None:
    """Chari Lancet Haematol 2025: 'The primary endpoint was overall response rate assessed by independent
    review committee'; safety is the primary objective of the phase 1 parts (J&J Medical Connect)."""
    trial = evidence.describe("trial:MonumenTAL-1")
    assert trial["primaryEndpoint"] == {"endpoint:ORR", "endpoint:safety"}
    assert any(
        "The primary endpoint was overall response rate assessed by independent" in n for n in trial["curationNote"]
    )
    assert "ref:chari-2025-lancet-haematol" in evidence.sources("trial:MonumenTAL-1")
