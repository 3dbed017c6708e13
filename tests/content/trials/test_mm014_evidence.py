"""MM-014 (DPd after lenalidomide): median OS 56.7 months at the final OS analysis (41.9 months)."""

from __future__ import annotations

from tests.content.conftest import node, one


def test_mm014_median_os_56_7_months_final_analysis(kg) -> None:
    os_ = node(kg, "result:MM-014-os-median-DPd-itt")
    assert (one(os_, "estimate"), one(os_, "medianFollowUpMonths"), os_["analysisType"]) == (
        56.7,
        41.9,
        {"analysis:final"},
    )
