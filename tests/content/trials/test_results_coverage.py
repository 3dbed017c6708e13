"""Every trial carries its results or states that none are published (mmkg:resultsPublished false).

A trial without any mmkg:Result reads as "no data"; the knowledge base records the absence of
published results explicitly, with the day it was checked.
"""

from __future__ import annotations


def test_every_trial_has_a_result_or_states_none_is_published(kg) -> None:
    rows = kg.select(
        "SELECT ?t WHERE { ?t a mmkg:ClinicalTrial . FILTER NOT EXISTS { ?r mmkg:ofTrial ?t } "
        "FILTER NOT EXISTS { ?t mmkg:resultsPublished false } }"
    )
    assert rows == []


def test_a_trial_stating_no_results_has_none_and_a_check_date(kg) -> None:
    rows = kg.select(
        "SELECT ?t WHERE { ?t mmkg:resultsPublished false . "
        "FILTER (EXISTS { ?r mmkg:ofTrial ?t } || NOT EXISTS { ?t mmkg:statusCheckedOn ?d }) }"
    )
    assert rows == []


def test_pivotal_trials_behind_approvals_have_their_primary_endpoint_result(kg) -> None:
    """The randomised pivotal trials curated from minimal nodes report a result for a primary endpoint.

    (EQUULEUS, whose primary endpoint is safety, reports grade >=3 adverse events by kind instead.)
    """
    pivotal = [
        "MAIA",
        "CASSIOPEIA",
        "PERSEUS",
        "CEPHEUS",
        "IMROZ",
        "GMMG-HD7",
        "AQUILA",
        "PLEIADES",
        "MM-003",
        "MajesTEC-3",
    ]
    for trial in pivotal:
        rows = kg.select(
            "SELECT ?r WHERE { ?t mmkg:primaryEndpoint ?ep . ?r mmkg:ofTrial ?t ; mmkg:endpoint ?ep }",
            t=f"trial:{trial}",
        )
        assert rows, trial
