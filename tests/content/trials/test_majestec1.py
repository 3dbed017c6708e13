"""MajesTEC-1: teclistamab in triple-class exposed RRMM."""

from __future__ import annotations


def test_majestec1_teclistamab_orr_63_cr_45_5_median_pfs_11_3_os_21_9(kg, evidence) -> None:
    trial = evidence.describe("trial:MajesTEC-1")
    assert (trial["nctId"], trial["phase"], trial["sampleSize"]) == ("NCT03145181", "1/2", 165)
    assert evidence.describe("result:MajesTEC-1-orr-proportion-teclistamab")["estimate"] == 63.0
    assert evidence.describe("result:MajesTEC-1-cr-proportion-teclistamab")["estimate"] == 45.5
    assert evidence.describe("result:MajesTEC-1-dor-median-teclistamab")["estimate"] == 21.6
    assert evidence.describe("result:MajesTEC-1-pfs-median-teclistamab")["estimate"] == 11.3
    assert evidence.describe("result:MajesTEC-1-os-median-teclistamab")["estimate"] == 21.9


def test_majestec1_grade3_crs_below_1_percent_is_a_bound(kg, evidence) -> None:
    crs3 = evidence.describe("result:MajesTEC-1-crs-grade3-proportion-teclistamab")
    assert (crs3["estimate"], crs3["estimateRelation"], crs3["minimumGrade"]) == (1.0, "<", 3)
    assert evidence.describe("result:MajesTEC-1-crs-any-grade-proportion-teclistamab")["estimate"] == 72.0


def test_majestec1_primary_endpoint_is_orr(kg, evidence) -> None:
    """Moreau NEJM 2022: 'The primary end point was the overall response (partial response or better)'."""
    trial = evidence.describe("trial:MajesTEC-1")
    assert trial["primaryEndpoint"] == {"endpoint:ORR"}
    assert any("The primary end point was the overall response" in note for note in trial["curationNote"])
    assert "ref:moreau-2022-nejm" in evidence.sources("trial:MajesTEC-1")
    assert evidence.describe("result:MajesTEC-1-orr-proportion-teclistamab")["endpoint"] == "endpoint:ORR"
