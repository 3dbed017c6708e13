"""MajesTEC-4 (teclistamab + lenalidomide vs lenalidomide maintenance after ASCT): no result published yet.

Checked on 2026-12-03 against stored public pages (news, congress reports, company releases) and,
where one was found, the trial's registry record or listing; the curation note says where.
"""

from __future__ import annotations

import datetime

from tests.content.trials.conftest import assert_results_not_yet_published, assert_status_checked_on


def test_majestec4_results_not_yet_published(kg, evidence) -> None:
    """mmkg:resultsPublished false, checked on 2026-12-03, with a note saying where; the trial has no result."""
    assert_results_not_yet_published(kg, evidence, "trial:MajesTEC-4", datetime.date(2026, 12, 3), "ongoing")


def test_majestec4_status_check_cites_where_it_was_checked(kg, evidence) -> None:
    """The page the status was checked on is a source of the trial, typed by its kind of reference."""
    assert_status_checked_on(
        kg, evidence, "trial:MajesTEC-4", "https://www.clinicaltrialsregister.eu/ctr-search/trial/2021-002531-27/DK"
    )
