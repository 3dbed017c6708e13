"""Analysis type and data cut-off on the results of the trials with results: every subgroup result says so,
the values are from the vocabulary, and the cut-offs are dates."""

from __future__ import annotations

import datetime as dt

from tests.content.conftest import short

VOCABULARY = {
    f"analysis:{t}" for t in ("primary", "interim", "final", "updated", "crossover-adjusted", "post-hoc", "subgroup")
}


def subgroup_results_not_marked(kg) -> dict[str, list[str]]:
    """By trial, the results in a subgroup population (baseline characteristics aside) without analysis:subgroup."""
    rows = kg.select(
        """SELECT ?result ?trial WHERE {
             ?result a mmkg:Result ; mmkg:ofTrial ?trial ; mmkg:inPopulation ?population ; mmkg:endpoint ?endpoint .
             ?population mmkg:subgroupOf ?broader .
             FILTER NOT EXISTS { ?endpoint a mmkg:BaselineCharacteristic }
             FILTER NOT EXISTS { ?result mmkg:analysisType <https://w3id.org/mmkg/analysis/subgroup> } }"""
    )
    found: dict[str, list[str]] = {}
    for r in rows:
        found.setdefault(short(r["trial"]), []).append(short(r["result"]))
    return {trial: sorted(results) for trial, results in found.items()}


def test_every_subgroup_result_is_a_subgroup_analysis(kg, trials_with_results) -> None:
    # a cohort of a multi-cohort trial (EQUULEUS, PLEIADES) is enrolled on its own criteria: an
    # enrolled population of the trial, whose results are its own analyses, never a subgroup
    assert len(trials_with_results) >= 27  # never fewer than the 27 trials of the list this query replaced
    missing = {t: results for t, results in subgroup_results_not_marked(kg).items() if t in trials_with_results}
    assert missing == {}


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
