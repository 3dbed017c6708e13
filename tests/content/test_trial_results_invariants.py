"""Invariants of the PI-, anti-CD38- and IMiD-based RRMM trials' results: every result is sourced, rated and noted."""

from __future__ import annotations

AREA_TRIALS = [
    "CANDOR",
    "IKEMA",
    "APOLLO",
    "ENDEAVOR",
    "CASTOR",
    "OPTIMISMM",
    "BOSTON",
    "MM-014",
    "ELOQUENT-2",
    "ASPIRE",
    "POLLUX",
    "TOURMALINE-MM1",
    "ICARIA-MM",
    "ELOQUENT-3",
]


def test_every_result_of_every_trial_has_a_confidence_and_a_source(kg) -> None:
    rows = kg.select(
        """SELECT ?r (SAMPLE(?c) AS ?confidence) (COUNT(?s) AS ?sources) WHERE {
             ?r a mmkg:Result . OPTIONAL { ?r mmkg:confidence ?c } OPTIONAL { ?r dcterms:source ?s } } GROUP BY ?r"""
    )
    assert len(rows) >= 570
    assert [r["r"] for r in rows if r.get("confidence") not in {"high", "medium", "low"} or r["sources"] < 1] == []


def test_every_result_of_the_area_has_confidence_note_and_a_reference(kg) -> None:
    values = " ".join(f"trial:{t}" for t in AREA_TRIALS)
    rows = kg.select(
        f"""SELECT ?r (SAMPLE(?c) AS ?confidence) (SAMPLE(?n) AS ?note) (COUNT(?s) AS ?sources) WHERE {{
              VALUES ?t {{ {values} }} ?r mmkg:ofTrial ?t .
              OPTIONAL {{ ?r mmkg:confidence ?c }} OPTIONAL {{ ?r mmkg:curationNote ?n }} OPTIONAL {{ ?r dcterms:source ?s }}
            }} GROUP BY ?r"""
    )
    assert len(rows) >= 171
    assert all(r.get("confidence") in {"high", "medium", "low"} for r in rows)
    assert all(r.get("note") for r in rows)
    assert all(r["sources"] >= 1 for r in rows)


def test_every_population_of_the_area_is_rrmm_with_a_label(kg, evidence) -> None:
    values = " ".join(f"trial:{t}" for t in AREA_TRIALS)
    rows = kg.select(
        f"""SELECT DISTINCT ?p ?setting ?label WHERE {{ VALUES ?t {{ {values} }} ?r mmkg:ofTrial ?t ; mmkg:inPopulation ?p .
              OPTIONAL {{ ?p mmkg:diseaseSetting ?setting }} OPTIONAL {{ ?p rdfs:label ?label }} }}"""
    )
    assert rows and all(r.get("setting") == evidence.path_iri("setting:RRMM") and r.get("label") for r in rows)
