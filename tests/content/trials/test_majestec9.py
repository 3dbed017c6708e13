"""MajesTEC-9 (teclistamab vs PVd or Kd, RRMM after 1-3 prior lines).

Only topline results (J&J announcement of 14 January 2026, first prespecified interim analysis)
had been made public by 2026-12-03, as reported by CancerNetwork and Targeted Oncology.
"""

from __future__ import annotations

import datetime

W = "https://w3id.org/mmkg/"


def test_majestec9_topline_pfs_hazard_ratio(kg, evidence) -> None:
    """PFS HR 0.29 (95% CI 0.23-0.38), interim, medium confidence (topline via news reports)."""
    assert evidence.values(
        "result:MajesTEC-9-pfs-hr-itt", "estimate", "ciLower", "ciUpper", "confidence", "pValue"
    ) == (
        0.29,
        0.23,
        0.38,
        "medium",
        None,
    )
    assert "analysis:interim" in evidence.describe("result:MajesTEC-9-pfs-hr-itt")["analysisType"]


def test_majestec9_topline_os_hazard_ratio(kg, evidence) -> None:
    """OS HR 0.60 (95% CI 0.43-0.83)."""
    assert evidence.values("result:MajesTEC-9-os-hr-itt", "estimate", "ciLower", "ciUpper") == (0.6, 0.43, 0.83)


def test_majestec9_results_not_yet_peer_reviewed(kg, evidence) -> None:
    """No journal article or congress abstract backs the topline results yet: their sources are news items."""
    rows = kg.select(
        "SELECT DISTINCT ?kind WHERE { ?r mmkg:ofTrial trial:MajesTEC-9 ; dcterms:source ?s . ?s a ?kind . "
        "?kind rdfs:subClassOf* mmkg:Reference }"
    )
    kinds = {r["kind"] for r in rows}
    assert W + "ontology/JournalArticle" not in kinds and W + "ontology/CongressAbstract" not in kinds
    assert W + "ontology/NewsItem" in kinds
    assert evidence.values("trial:MajesTEC-9", "statusCheckedOn", "resultsPublished") == (
        datetime.date(2026, 12, 3),
        None,
    )
