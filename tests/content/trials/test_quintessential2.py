"""QUINTESSENTIAL-2 (arlo-cel vs standard of care in lenalidomide-refractory RRMM): no result published yet.

Checked on 2026-12-03 against stored public pages (news, congress reports, company releases) and,
where one was found, the trial's registry record or listing; the curation note says where.
"""

from __future__ import annotations

import datetime


def test_quintessential2_results_not_yet_published(kg, evidence) -> None:
    """mmkg:resultsPublished false, checked on 2026-12-03, with a note saying where; the trial has no result."""
    assert evidence.values("trial:QUINTESSENTIAL-2", "resultsPublished", "statusCheckedOn", "trialStatus") == (
        False,
        datetime.date(2026, 12, 3),
        "ongoing",
    )
    assert any(
        "had been published by 2026-12-03" in n for n in evidence.describe("trial:QUINTESSENTIAL-2")["curationNote"]
    )
    assert kg.select("SELECT ?r WHERE { ?r mmkg:ofTrial ?t }", t="trial:QUINTESSENTIAL-2") == []
