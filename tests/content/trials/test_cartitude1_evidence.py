"""CARTITUDE-1 (cilta-cel, phase 1b/2): the overall response of the primary analysis (Berdeja Lancet 2021)
and of the 21.7-month update, and the analysis type of the deck's later results."""

from __future__ import annotations

import datetime as dt

from tests.content.conftest import node, one


def test_cartitude1_overall_response_97_percent_at_the_primary_analysis(kg) -> None:
    orr = node(kg, "result:CARTITUDE-1-orr-proportion-cilta-cel-itt")
    assert (one(orr, "endpoint"), one(orr, "estimate")) == ("endpoint:ORR", 97.0)
    assert orr["analysisType"] == {"analysis:primary"}
    assert "ref:berdeja-2021-lancet" in orr["source"]


def test_cartitude1_overall_response_97_9_percent_at_21_7_months_cut_off_22_july_2021(kg) -> None:
    orr = node(kg, "result:CARTITUDE-1-orr-proportion-cilta-cel-itt-22mo")
    assert (one(orr, "estimate"), one(orr, "ciLower"), one(orr, "ciUpper"), one(orr, "medianFollowUpMonths")) == (
        97.9,
        92.7,
        99.7,
        21.7,
    )
    assert one(orr, "dataCutoff") == dt.date(2021, 7, 22)
    assert orr["analysisType"] == {"analysis:updated"} and one(orr, "confidence") == "medium"


def test_cartitude1_median_pfs_34_9_months_is_an_updated_analysis(kg) -> None:
    assert node(kg, "result:CARTITUDE-1-pfs-median-cilta-cel-itt")["analysisType"] == {"analysis:updated"}
    five_year = node(kg, "result:CARTITUDE-1-spm-new-count-progression-free-5y")
    assert five_year["analysisType"] == {"analysis:updated", "analysis:subgroup"}


def test_berdeja_2021_lancet_pmid(kg) -> None:
    assert one(node(kg, "ref:berdeja-2021-lancet"), "pmid") == "34175021"
