"""KarMMa-3 (ide-cel vs standard regimens, triple-class exposed, 2-4 prior regimens): the primary endpoint
at the interim analysis that met it and at the final PFS analysis, and overall survival both
unadjusted and adjusted for crossover (Rodriguez-Otero NEJM 2023; Ailawadhi Blood 2024)."""

from __future__ import annotations

from tests.content.conftest import node, one


def test_karmma3_os_hazard_ratio_is_crossover_adjusted(kg) -> None:
    """The deck's OS HR 0.72 (0.49-1.01) is the crossover-adjusted estimate at the interim OS analysis."""
    hr = node(kg, "result:KarMMa-3-os-hr-crossover-adjusted-itt")
    assert (one(hr, "estimate"), one(hr, "ciLower"), one(hr, "ciUpper")) == (0.72, 0.49, 1.01)
    assert hr["analysisType"] == {"analysis:crossover-adjusted", "analysis:interim"}


def test_karmma3_os_hazard_ratio_1_01_unadjusted_at_the_interim_os_analysis(kg) -> None:
    """Ailawadhi Blood 2024: 'At IA of OS, median was 41.4 ... vs 37.9 ... (HR, 1.01; 95% CI, 0.73-1.40)'."""
    hr = node(kg, "result:KarMMa-3-os-hr-itt")
    assert (one(hr, "estimate"), one(hr, "ciLower"), one(hr, "ciUpper")) == (1.01, 0.73, 1.40)
    assert hr["analysisType"] == {"analysis:interim"}
    assert "analysis:crossover-adjusted" not in hr["analysisType"]
    ide = node(kg, "result:KarMMa-3-os-median-ide-cel-itt")
    sr = node(kg, "result:KarMMa-3-os-median-standard-regimens-itt")
    assert (one(ide, "estimate"), one(ide, "ciLower"), one(ide, "ciUpperNotReached")) == (41.4, 30.9, True)
    assert (one(sr, "estimate"), one(sr, "ciLower")) == (37.9, 23.4)


def test_karmma3_pfs_hazard_ratio_0_49_at_the_final_pfs_analysis(kg) -> None:
    """Ailawadhi Blood 2024: 13.8 vs 4.4 months, HR 0.49 (0.38-0.63), median follow-up 30.9 months."""
    hr = node(kg, "result:KarMMa-3-pfs-hr-itt")
    assert (one(hr, "estimate"), one(hr, "ciLower"), one(hr, "ciUpper"), one(hr, "medianFollowUpMonths")) == (
        0.49,
        0.38,
        0.63,
        30.9,
    )
    assert hr["analysisType"] == {"analysis:final"}
    medians = [
        one(node(kg, f"result:KarMMa-3-pfs-median-{a}-itt"), "estimate") for a in ("ide-cel", "standard-regimens")
    ]
    assert medians == [13.8, 4.4]


def test_karmma3_primary_endpoint_met_at_interim_13_3_vs_4_4_months(kg) -> None:
    """Interim analysis (Rodriguez-Otero NEJM 2023): 13.3 vs 4.4 months, HR 0.49, P<0.0001."""
    hr = node(kg, "result:KarMMa-3-pfs-hr-itt-interim")
    assert (one(hr, "estimate"), one(hr, "pValue"), one(hr, "pValueRelation")) == (0.49, 0.0001, "<")
    assert hr["analysisType"] == {"analysis:primary", "analysis:interim"}
    assert "ciLower" not in hr  # the interim CI was not verified
    medians = [
        one(node(kg, f"result:KarMMa-3-pfs-median-{a}-itt-interim"), "estimate")
        for a in ("ide-cel", "standard-regimens")
    ]
    assert medians == [13.3, 4.4]


def test_karmma3_response_71_vs_42_percent_complete_response_44_vs_5(kg) -> None:
    got = {
        name: one(node(kg, f"result:KarMMa-3-{name}"), "estimate")
        for name in (
            "orr-proportion-ide-cel-itt",
            "orr-proportion-standard-regimens-itt",
            "cr-proportion-ide-cel-itt",
            "cr-proportion-standard-regimens-itt",
        )
    }
    assert list(got.values()) == [71.0, 42.0, 44.0, 5.0]


def test_karmma3_design_rests_on_the_publications(kg) -> None:
    trial = node(kg, "trial:KarMMa-3")
    assert one(trial, "nctId") == "NCT03651128"
    assert trial["source"] == {"ref:rrmm-slide-deck-2025", "ref:rodriguez-otero-2023-nejm", "ref:ailawadhi-2024-blood"}
    assert one(node(kg, "ref:ailawadhi-2024-blood"), "doi") == "10.1182/blood.2024024582"
