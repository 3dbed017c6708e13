"""The triplets list's trials: ASPIRE, TOURMALINE-MM1 and ELOQUENT-3 from their primary analyses, POLLUX
from its extended follow-up; ICARIA-MM's row could not be tied to an analysis."""

from __future__ import annotations

from tests.content.conftest import node


def test_triplet_trials_analysis_types(kg) -> None:
    expected = {
        "result:ASPIRE-pfs-hr-itt": {"analysis:primary"},
        "result:TOURMALINE-MM1-pfs-hr-itt": {"analysis:primary"},
        "result:ELOQUENT-3-pfs-hr-itt": {"analysis:primary"},
        "result:ELOQUENT-2-pfs-hr-itt": {"analysis:primary"},
        "result:POLLUX-pfs-hr-itt": {"analysis:updated"},
    }
    for curie, types in expected.items():
        assert node(kg, curie)["analysisType"] == types, curie
    assert "analysisType" not in node(kg, "result:ICARIA-MM-pfs-hr-itt")
