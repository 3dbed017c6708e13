"""KarMMa (ide-cel, phase 2): the deck's results are those of the primary analysis (Munshi NEJM 2021,
median follow-up 13.3 months)."""

from __future__ import annotations

from tests.content.conftest import node, one


def test_karmma_orr_73_percent_at_the_primary_analysis_13_3_months(kg) -> None:
    orr = node(kg, "result:KarMMa-orr-proportion-ide-cel-itt")
    assert (one(orr, "estimate"), one(orr, "medianFollowUpMonths"), orr["analysisType"]) == (
        73.0,
        13.3,
        {"analysis:primary"},
    )
    in_cr = node(kg, "result:KarMMa-pfs-median-ide-cel-complete-response")
    assert in_cr["analysisType"] == {"analysis:primary", "analysis:subgroup"}
