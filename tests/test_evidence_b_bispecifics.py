"""The bispecific-antibody trials of the deck's comparison table (evidence-b), and the
named query ``bispecifics-table`` that rebuilds the table from the graph."""

from __future__ import annotations

from tests.evidence_b_support import describe

COLUMNS = ("patients", "age", "priorLines", "orr", "cr", "dor", "pfs", "os", "crs", "icans",
           "anemiaG3", "neutropeniaG3", "thrombocytopeniaG3", "infections", "skin", "nail", "dysgeusia")

# The deck's table, column by column (talquetamab's "0.4 / 0.8" cells split by cohort).
EXPECTED_TABLE = {
    ("teclistamab", "MajesTEC-1", "NCT03145181"): (
        165, "64 (33-84)", "5 (2-14)", "63", "45.5", "21.6", "11.3", "21.9", "72 (<1)", "3 (0)",
        "38", "65.5", "22", "80 (55)", None, None, None),
    ("elranatamab", "MagnetisMM-3", "NCT04649359"): (
        123, "68 (36-89)", "5 (2-22)", "61", "35", "71.5% at 15 mos", "17.2", "21.9", "58 (0)", "3 (0)",
        "37", "49", "24", "70 (46)", None, None, None),
    ("linvoseltamab", "LINKER-MM1", "NCT03761108"): (
        117, "70 (37-91)", "5 (2-16)", "71", "52", "29.4", "89% at 12 mos", "31.4", "46 (1)", "8 (2.6)",
        "31", "42", "14.5", "74 (33)", None, None, None),
    ("talquetamab", "MonumenTAL-1", "NCT03399799", "0.4"): (
        143, "62", "5 (2-14)", "74", "34", "9.5", "7.5", "76% at 12 mos", "77 (2)", "11 (1.4)",
        "31", "30", "20", "59 (20)", "56 (<1)", "54.5 (0)", "72"),
    ("talquetamab", "MonumenTAL-1", "NCT03399799", "0.8"): (
        145, "64", "5 (2-17)", "69", "39", "16.9", "11.2", "77% at 12 mos", "74 (1)", "10 (1.4)",
        "26", "22", "18", "68 (19)", "73 (<1)", "54 (0)", "71"),
}


def _key(row):
    base = (row["agent"], row["trialLabel"], row["nct"])
    if row["agent"] == "talquetamab":
        return base + ("0.4" if "0.4 mg/kg" in row["cohort"] else "0.8",)
    return base


def test_bispecifics_table_reproduces_the_deck_table(kg) -> None:
    rows = kg.run("bispecifics-table")
    got = {_key(r): tuple(r.get(c) for c in COLUMNS) for r in rows}
    assert got == EXPECTED_TABLE
    assert [r["targetLabel"] for r in rows] == ["BCMA", "BCMA", "BCMA", "GPRC5D", "GPRC5D"]


def test_bispecifics_table_by_target_gprc5d_is_talquetamab_two_cohorts(kg) -> None:
    rows = kg.run("bispecifics-table", target="GPRC5D")
    assert [r["cohort"] for r in rows] == [
        "MonumenTAL-1: talquetamab 0.4 mg/kg QW",
        "MonumenTAL-1: talquetamab 0.8 mg/kg Q2W",
    ]


def test_majestec1_teclistamab_orr_63_cr_45_5_median_pfs_11_3_os_21_9(kg) -> None:
    trial = describe(kg, "trial:MajesTEC-1")
    assert (trial["nctId"], trial["phase"], trial["sampleSize"]) == ("NCT03145181", "1/2", 165)
    assert describe(kg, "result:MajesTEC-1-orr-proportion-teclistamab")["estimate"] == 63.0
    assert describe(kg, "result:MajesTEC-1-cr-proportion-teclistamab")["estimate"] == 45.5
    assert describe(kg, "result:MajesTEC-1-dor-median-teclistamab")["estimate"] == 21.6
    assert describe(kg, "result:MajesTEC-1-pfs-median-teclistamab")["estimate"] == 11.3
    assert describe(kg, "result:MajesTEC-1-os-median-teclistamab")["estimate"] == 21.9


def test_majestec1_grade3_crs_below_1_percent_is_a_bound(kg) -> None:
    crs3 = describe(kg, "result:MajesTEC-1-crs-grade3-proportion-teclistamab")
    assert (crs3["estimate"], crs3["estimateRelation"], crs3["minimumGrade"]) == (1.0, "<", 3)
    assert describe(kg, "result:MajesTEC-1-crs-any-grade-proportion-teclistamab")["estimate"] == 72.0


def test_magnetismm3_elranatamab_dor_71_5_percent_at_15_months_and_median_pfs_17_2(kg) -> None:
    assert describe(kg, "population:MagnetisMM-3-cohort-A")["excludesPriorExposureTo"] == {"mmkg:BCMATargetedTherapy"}
    dor = describe(kg, "result:MagnetisMM-3-dor-15mo-landmark-elranatamab")
    assert (dor["statistic"], dor["estimate"], dor["timepointMonths"]) == ("stat:landmark-rate", 71.5, 15.0)
    assert describe(kg, "result:MagnetisMM-3-pfs-median-elranatamab")["estimate"] == 17.2
    assert describe(kg, "result:MagnetisMM-3-infections-grade3-proportion-elranatamab")["estimate"] == 46.0


def test_linker_mm1_linvoseltamab_orr_71_cr_52_pfs_89_percent_at_12_months(kg) -> None:
    assert describe(kg, "trial:LINKER-MM1")["nctId"] == "NCT03761108"
    assert describe(kg, "result:LINKER-MM1-orr-proportion-linvoseltamab")["estimate"] == 71.0
    pfs = describe(kg, "result:LINKER-MM1-pfs-12mo-landmark-linvoseltamab")
    assert (pfs["estimate"], pfs["timepointMonths"], pfs["confidence"]) == (89.0, 12.0, "medium")
    assert describe(kg, "result:LINKER-MM1-icans-grade3-proportion-linvoseltamab")["estimate"] == 2.6


def test_monumental1_two_dose_cohorts_are_two_arms(kg) -> None:
    trial = describe(kg, "trial:MonumenTAL-1")
    assert trial["sampleSize"] == 288
    assert trial["hasArm"] == {"arm:MonumenTAL-1-talquetamab-0.4-QW", "arm:MonumenTAL-1-talquetamab-0.8-Q2W"}
    qw = describe(kg, "arm:MonumenTAL-1-talquetamab-0.4-QW")
    q2w = describe(kg, "arm:MonumenTAL-1-talquetamab-0.8-Q2W")
    assert (qw["sampleSize"], q2w["sampleSize"]) == (143, 145)
    assert qw["armRegimen"] == q2w["armRegimen"] == {"regimen:talquetamab-monotherapy"}


def test_monumental1_skin_nail_and_dysgeusia_by_cohort(kg) -> None:
    for cohort, skin, nail, dysgeusia in (("0.4-QW", 56.0, 54.5, 72.0), ("0.8-Q2W", 73.0, 54.0, 71.0)):
        arm = f"talquetamab-{cohort}"
        assert describe(kg, f"result:MonumenTAL-1-skin-related-events-any-grade-proportion-{arm}")["estimate"] == skin
        assert describe(kg, f"result:MonumenTAL-1-nail-related-events-any-grade-proportion-{arm}")["estimate"] == nail
        assert describe(kg, f"result:MonumenTAL-1-dysgeusia-any-grade-proportion-{arm}")["estimate"] == dysgeusia
        skin3 = describe(kg, f"result:MonumenTAL-1-skin-related-events-grade3-proportion-{arm}")
        assert (skin3["estimate"], skin3["estimateRelation"], skin3["confidence"]) == (1.0, "<", "medium")
    landmark = describe(kg, "result:MonumenTAL-1-os-12mo-landmark-talquetamab-0.8-Q2W")
    assert (landmark["estimate"], landmark["timepointMonths"]) == (77.0, 12.0)
