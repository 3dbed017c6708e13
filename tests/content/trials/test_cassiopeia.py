"""CASSIOPEIA part 1 (D-VTd vs VTd induction and consolidation, transplant-eligible NDMM).

Source: Moreau, Lancet 2019;394:29-38 (PMID 31171419), abstract on PubMed.
"""

from __future__ import annotations


def test_cassiopeia_design_and_primary_endpoint(kg, evidence) -> None:
    """1,085 patients randomised 1:1 (543 D-VTd, 542 VTd); primary endpoint stringent CR at day 100; NCT02541383."""
    assert evidence.values("trial:CASSIOPEIA", "nctId", "randomisationRatio", "sampleSize", "primaryEndpoint") == (
        "NCT02541383",
        "1:1",
        1085,
        "endpoint:sCR",
    )
    assert evidence.values("arm:CASSIOPEIA-DaraVTd", "armRegimen", "sampleSize") == ("regimen:DaraVTd", 543)
    assert evidence.values("arm:CASSIOPEIA-VTd", "armRegimen", "sampleSize") == ("regimen:VTd", 542)
    assert evidence.values("population:CASSIOPEIA-itt", "diseaseSetting")[0] == "setting:NDMM-TE"


def test_cassiopeia_stringent_cr_odds_ratio(kg, evidence) -> None:
    """sCR 29% (157/543) vs 20% (110/542): OR 1.60 (95% CI 1.21-2.12), p=0.0010."""
    assert evidence.values(
        "result:CASSIOPEIA-scr-or-itt",
        "estimate",
        "ciLower",
        "ciUpper",
        "ciLevel",
        "pValue",
        "pValueRelation",
        "analysisType",
        "statistic",
    ) == (1.6, 1.21, 2.12, 0.95, 0.001, "=", "analysis:primary", "stat:odds-ratio")
    assert evidence.values("result:CASSIOPEIA-scr-DaraVTd-itt", "estimate", "numberOfPatients") == (29.0, 157)
    assert evidence.values("result:CASSIOPEIA-scr-VTd-itt", "estimate", "numberOfPatients") == (20.0, 110)


def test_cassiopeia_complete_response_and_mrd(kg, evidence) -> None:
    """>=CR 39% vs 26%; MRD negativity (10^-5) 64% (346/543) vs 44% (236/542)."""
    assert evidence.values("result:CASSIOPEIA-cr-DaraVTd-itt", "estimate", "numberOfPatients") == (39.0, 211)
    assert evidence.values("result:CASSIOPEIA-cr-VTd-itt", "estimate", "numberOfPatients") == (26.0, 141)
    assert evidence.values("result:CASSIOPEIA-mrd-negativity-1e-5-DaraVTd-itt", "estimate", "numberOfPatients") == (
        64.0,
        346,
    )
    assert evidence.values("result:CASSIOPEIA-mrd-negativity-1e-5-VTd-itt", "estimate", "numberOfPatients") == (
        44.0,
        236,
    )


def test_cassiopeia_article_identifiers(kg, evidence) -> None:
    """The Lancet 2019 article carries its verified PMID and DOI."""
    assert evidence.values("ref:moreau-2019-lancet", "pmid", "doi") == ("31171419", "10.1016/S0140-6736(19)31240-1")
