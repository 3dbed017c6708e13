"""MM-014: pomalidomide-based triplets after lenalidomide-based treatment (1-2 prior lines)."""

from __future__ import annotations

import pytest


def test_mm_014_dpd_cohort_b_os_56_7_months_after_lenalidomide(kg, evidence) -> None:
    d = evidence.design("MM-014")
    assert (d["nct"], d["phase"], d["n"], d["mfu"]) == ("NCT01946477", "2", 112, pytest.approx(41.9))
    assert d["arms"] == {evidence.path_iri("arm:MM-014-DPd")} and d["primaries"] == {evidence.path_iri("endpoint:ORR")}
    os_ = evidence.median("MM-014-os-median-DPd-itt", 56.7)
    assert os_["lower"] == pytest.approx(46.5) and os_["upper_nr"] is True
    assert evidence.median("MM-014-pfs-median-DPd-itt", 23.7)["confidence"] == "medium"
    evidence.percent("MM-014-orr-DPd-itt", 78.6)
    evidence.percent("MM-014-len-refractory-itt", 76)
    evidence.median("MM-014-pfs-median-DPd-len-refractory", 23.0)
    evidence.median("MM-014-os-median-DPd-len-refractory", 53.6)
    evidence.percent("MM-014-orr-DPd-len-refractory", 77.6)
