"""Analysis type and data cut-off on the results of the trials with results: every subgroup result says so,
the values are from the vocabulary, and the cut-offs are dates."""

from __future__ import annotations

import datetime as dt

from tests.content.conftest import short

TRIALS = (
    "APOLLO",
    "ASPIRE",
    "BOSTON",
    "CANDOR",
    "CARTITUDE-1",
    "CARTITUDE-2",
    "CARTITUDE-4",
    "CASTOR",
    "DREAMM-7",
    "DREAMM-8",
    "ELOQUENT-2",
    "ELOQUENT-3",
    "ENDEAVOR",
    "ICARIA-MM",
    "IKEMA",
    "KarMMa",
    "KarMMa-3",
    "LINKER-MM1",
    "MM-014",
    "MagnetisMM-1",
    "MagnetisMM-3",
    "MajesTEC-1",
    "MonumenTAL-1",
    "OPTIMISMM",
    "POLLUX",
    "TOURMALINE-MM1",
    "USMIC-teclistamab",
)
VOCABULARY = {
    f"analysis:{t}" for t in ("primary", "interim", "final", "updated", "crossover-adjusted", "post-hoc", "subgroup")
}


def test_every_subgroup_result_is_a_subgroup_analysis(kg) -> None:
    rows = kg.select(
        """SELECT ?result ?trial WHERE {
             ?result a mmkg:Result ; mmkg:ofTrial ?trial ; mmkg:inPopulation ?population ; mmkg:endpoint ?endpoint .
             ?population mmkg:subgroupOf ?broader .
             FILTER NOT EXISTS { ?endpoint a mmkg:BaselineCharacteristic }
             FILTER NOT EXISTS { ?result mmkg:analysisType <https://w3id.org/mmkg/analysis/subgroup> } }"""
    )
    missing = sorted(short(r["result"]) for r in rows if short(r["trial"])[len("trial:") :] in TRIALS)
    assert missing == []


def test_analysis_types_are_from_the_vocabulary(kg) -> None:
    rows = kg.select("SELECT DISTINCT ?t WHERE { ?r mmkg:analysisType ?t }")
    assert {short(r["t"]) for r in rows} <= VOCABULARY


def test_data_cutoffs_are_dates_months_or_years_before_today(kg) -> None:
    """A data cut-off is as precise as its source: xsd:date, xsd:gYearMonth or xsd:gYear."""
    rows = kg.select("SELECT ?r ?d (DATATYPE(?d) AS ?t) WHERE { ?r mmkg:dataCutoff ?d }")
    assert rows
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for row in rows:
        assert row["t"] in {xsd + "date", xsd + "gYearMonth", xsd + "gYear"}, row
        text = row["d"].isoformat() if isinstance(row["d"], dt.date) else str(row["d"])
        assert text < dt.date.today().isoformat(), row


def test_karmma3_crossover_adjusted_is_the_only_crossover_adjusted_result(kg) -> None:
    rows = kg.select("SELECT ?r WHERE { ?r mmkg:analysisType <https://w3id.org/mmkg/analysis/crossover-adjusted> }")
    assert {short(r["r"]) for r in rows} == {"result:KarMMa-3-os-hr-crossover-adjusted-itt"}
