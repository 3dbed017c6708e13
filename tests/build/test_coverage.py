"""The build report counts what the graph covers, so that a gap reads as a gap."""

from __future__ import annotations

import json

import pytest

from mmkg import KnowledgeGraph, resources


@pytest.fixture(scope="module")
def coverage() -> dict:
    return json.loads((resources.release_dir() / "build-report.json").read_text(encoding="utf-8"))["coverage"]


def test_every_trial_is_counted_once(kg: KnowledgeGraph, coverage: dict) -> None:
    trials = coverage["trials"]
    [row] = kg.select("SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a mmkg:ClinicalTrial }")
    assert trials["total"] == row["n"]
    counted = trials["with_primary_result"] + trials["with_other_results_only"] + trials["stated_unpublished"]
    assert counted + len(trials["without_results_or_statement"]) == trials["total"]


def test_every_trial_has_results_or_says_none_are_published(coverage: dict) -> None:
    assert coverage["trials"]["without_results_or_statement"] == []


def test_mm003_counts_as_a_trial_with_its_primary_result(kg: KnowledgeGraph) -> None:
    # MM-003's primary endpoint is PFS (pomalidomide + low-dose dexamethasone vs high-dose dexamethasone)
    assert kg.ask("ASK { trial:MM-003 mmkg:primaryEndpoint ?e . ?r mmkg:ofTrial trial:MM-003 ; mmkg:endpoint ?e }")


def test_products_per_agency_match_the_regulatory_events(kg: KnowledgeGraph, coverage: dict) -> None:
    [row] = kg.select(
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?e a mmkg:RegulatoryEvent ; mmkg:agency agency:FDA ; mmkg:product ?p }"
    )
    assert coverage["products_per_agency"]["FDA"] == row["n"] > 0
    assert set(coverage["products_per_agency"]) >= {"FDA", "EC", "AIFA"}


def test_sources_are_counted_by_their_most_specific_kind(coverage: dict) -> None:
    kinds = coverage["sources_by_kind"]
    assert kinds["JournalArticle"] > 0 and kinds["ProductLabel"] > 0 and kinds["NewsItem"] > 0
    # a journal article is not counted again as a reference
    assert kinds.get("Reference", 0) < kinds["JournalArticle"]
