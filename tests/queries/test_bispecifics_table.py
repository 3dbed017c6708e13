"""The named query bispecifics-table rebuilds the deck's comparison table of bispecific antibodies from the graph.

The query gives typed columns (issue 13: numbers as numbers, not "58 (0)"); the test writes
them back as the slide's cells and compares them with the slide.
"""

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

def _n(value) -> str:
    return f"{value:g}"


def _slide(row: dict, column: str):
    """A cell as the slide writes it, from the query's typed columns."""
    value = row.get(column)
    if column == "patients":
        return value
    if column in ("dor", "pfs", "os"):
        if row.get(f"{column}Rate") is not None:
            return f"{_n(row[f'{column}Rate'])}% at {_n(row[f'{column}RateMonths'])} mos"
        return value if value == "NR" else _n(value)
    if value is None:
        return None
    if row.get(f"{column}Min") is not None:
        return f"{_n(value)} ({_n(row[f'{column}Min'])}-{_n(row[f'{column}Max'])})"
    if row.get(f"{column}G3") is not None:
        return f"{_n(value)} ({row.get(f'{column}G3Relation') or ''}{_n(row[f'{column}G3'])})"
    return _n(value)


def test_bispecifics_table_reproduces_the_deck_table(kg) -> None:
    rows = kg.run("bispecifics-table")
    got = {_key(r): tuple(_slide(r, c) for c in COLUMNS) for r in rows}
    assert got == EXPECTED_TABLE
    assert [r["targetLabel"] for r in rows] == ["BCMA", "BCMA", "BCMA", "GPRC5D", "GPRC5D"]


def test_bispecifics_table_cells_are_numbers_with_their_parts_in_columns(kg) -> None:
    """The slide's "58 (0)" was one text cell: pandas now gets any grade and grade >=3 as numbers."""
    frame = kg.frame("bispecifics-table").set_index("agent")
    assert (frame.loc["elranatamab", "crs"], frame.loc["elranatamab", "crsG3"]) == (58, 0)
    assert frame.loc["teclistamab", "crsG3Relation"] == "<"
    assert (frame.loc["elranatamab", "dorRate"], frame.loc["elranatamab", "dorRateMonths"]) == (71.5, 15)
    numeric = [c for c in frame.columns if c not in ("targetLabel", "trialLabel", "nct", "cohort")
               and not c.endswith(("Relation", "_not_reached"))]
    assert all(frame[c].dtype.kind in "fi" for c in numeric), frame.dtypes

def test_bispecifics_table_by_target_gprc5d_is_talquetamab_two_cohorts(kg) -> None:
    rows = kg.run("bispecifics-table", target="GPRC5D")
    assert [r["cohort"] for r in rows] == [
        "MonumenTAL-1: talquetamab 0.4 mg/kg QW",
        "MonumenTAL-1: talquetamab 0.8 mg/kg Q2W",
    ]
