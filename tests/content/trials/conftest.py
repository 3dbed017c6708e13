"""Checks shared by the trial tests: what every trial without published results must say of itself.

Each trial's file states its own facts (the day its status was checked, its status, the page it was
checked on); the checks of what those facts imply are the same for every trial, so they live here.
"""

from __future__ import annotations

import datetime

from mmkg import KnowledgeGraph
from tests.content.conftest import Evidence


def assert_results_not_yet_published(
    kg: KnowledgeGraph, evidence: Evidence, trial: str, checked_on: datetime.date, status: str
) -> None:
    """``mmkg:resultsPublished false``, checked on ``checked_on``, with a note saying so; the trial has no result."""
    assert evidence.values(trial, "resultsPublished", "statusCheckedOn", "trialStatus") == (False, checked_on, status)
    assert any(f"had been published by {checked_on.isoformat()}" in n for n in evidence.describe(trial)["curationNote"])
    assert kg.select("SELECT ?r WHERE { ?r mmkg:ofTrial ?t }", t=trial) == []


def assert_status_checked_on(kg: KnowledgeGraph, evidence: Evidence, trial: str, page: str) -> None:
    """The page the status was checked on is a source of the trial, typed by its kind of reference."""
    assert page in evidence.sources(trial)
    assert kg.select("SELECT ?k WHERE { ?s a ?k . ?k rdfs:subClassOf* mmkg:Reference }", s=page)
