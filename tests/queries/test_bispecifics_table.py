"""The named query bispecifics-table rebuilds the deck's comparison table of bispecific antibodies from the graph."""

from __future__ import annotations


COLUMNS = ("patients", "age", "priorLines", "orr", "cr", "dor", "pfs", "os", "crs", "icans",
           "anemiaG3", "neutropeniaG3", "thrombocytopeniaG3", "infections", "skin", "nail", "dysgeusia")
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
