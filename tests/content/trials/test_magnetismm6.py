"""MagnetisMM-6 (elranatamab + daratumumab + lenalidomide vs DRd in transplant-ineligible NDMM): no result published yet.

Checked on 2026-12-03 against stored public pages (news, congress reports, company releases) and,
where one was found, the trial's registry record or listing; the curation note says where.
"""

from __future__ import annotations

import datetime

from tests.content.trials.conftest import assert_results_not_yet_published


def test_magnetismm6_results_not_yet_published(kg, evidence) -> None:
    """mmkg:resultsPublished false, checked on 2026-12-03, with a note saying where; the trial has no result."""
    assert_results_not_yet_published(kg, evidence, "trial:MagnetisMM-6", datetime.date(2026, 12, 3), "ongoing")
