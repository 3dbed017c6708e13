"""MonumenTAL-6 (Tal-P or Tal-Tec vs EPd or PVd): no result published yet.

Checked on 2026-12-03 against stored public pages (news, congress reports, company releases) and,
where one was found, the trial's registry record or listing; the curation note says where.
"""

from __future__ import annotations

import datetime


def test_monumental6_results_not_yet_published(kg, evidence) -> None:
    """mmkg:resultsPublished false, checked on 2026-12-03, with a note saying where; the trial has no result."""
    assert evidence.values("trial:MonumenTAL-6", "resultsPublished", "statusCheckedOn", "trialStatus") == (
        False,
        datetime.date(2026, 12, 3),
        "ongoing",
    )
    assert any("had been published by 2026-12-03" in n for n in evidence.describe("trial:MonumenTAL-6")["curationNote"])
    assert kg.select("SELECT ?r WHERE { ?r mmkg:ofTrial ?t }", t="trial:MonumenTAL-6") == []


def test_monumental6_status_check_cites_where_it_was_checked(kg, evidence) -> None:
    """The page the status was checked on is a source of the trial, typed by its kind of reference."""
    assert "https://sparkcures.com/trial/1963/NCT06208150" in evidence.sources("trial:MonumenTAL-6")
    assert kg.select(
        "SELECT ?k WHERE { ?s a ?k . ?k rdfs:subClassOf* mmkg:Reference }",
        s="https://sparkcures.com/trial/1963/NCT06208150",
    )
