"""MM-003 (pomalidomide + low-dose dexamethasone vs high-dose dexamethasone, RRMM).

Sources: San Miguel, Lancet Oncol 2013;14:1055-1066 (PMID 24007748) as Celgene's release reports it
(Medthority), and the analyses in the US label as the POMALYST prescriber site and MPR give them.
"""

from __future__ import annotations

import datetime


def test_mm003_design(kg, evidence) -> None:
    """455 patients randomised 2:1 (302 Pd, 153 high-dose dexamethasone); NCT01311687; primary endpoint PFS."""
    assert evidence.values("trial:MM-003", "nctId", "randomisationRatio", "sampleSize", "primaryEndpoint") == (
        "NCT01311687",
        "2:1",
        455,
        "endpoint:PFS",
    )
    assert evidence.values("arm:MM-003-Pd", "armRegimen", "sampleSize") == ("regimen:Pd", 302)
    assert evidence.values("arm:MM-003-high-dose-dexamethasone", "armRegimen", "sampleSize") == (
        "regimen:high-dose-dexamethasone",
        153,
    )
    assert evidence.values("population:MM-003-itt", "minPriorLines")[0] == 2
    assert evidence.describe("population:MM-003-itt")["requiresPriorExposureTo"] == {
        "drug:lenalidomide",
        "drug:bortezomib",
    }


def test_mm003_pomalidomide_os(kg, evidence) -> None:
    """Final OS analysis (cut-off 2013-03-01): median 12.4 (10.4-15.3) vs 8.0 (6.9-9.0) months, HR 0.70 (0.54-0.92), P=0.009."""
    assert evidence.values(
        "result:MM-003-os-hr-itt-final",
        "estimate",
        "ciLower",
        "ciUpper",
        "pValue",
        "pValueRelation",
        "dataCutoff",
        "analysisType",
        "forArm",
        "versusArm",
    ) == (
        0.7,
        0.54,
        0.92,
        0.009,
        "=",
        datetime.date(2013, 3, 1),
        "analysis:final",
        "arm:MM-003-Pd",
        "arm:MM-003-high-dose-dexamethasone",
    )
    assert evidence.values("result:MM-003-os-median-Pd-itt-final", "estimate", "ciLower", "ciUpper") == (
        12.4,
        10.4,
        15.3,
    )
    assert evidence.values(
        "result:MM-003-os-median-high-dose-dexamethasone-itt-final", "estimate", "ciLower", "ciUpper"
    ) == (8.0, 6.9, 9.0)


def test_mm003_pomalidomide_pfs_primary_endpoint(kg, evidence) -> None:
    """Final PFS analysis (independent review): median 3.6 vs 1.8 months, HR 0.45 (0.35-0.59), P<0.001."""
    assert evidence.values(
        "result:MM-003-pfs-hr-itt-final", "estimate", "ciLower", "ciUpper", "pValue", "pValueRelation"
    ) == (0.45, 0.35, 0.59, 0.001, "<")
    assert evidence.values("result:MM-003-pfs-median-Pd-itt-final", "estimate")[0] == 3.6
    assert evidence.values("result:MM-003-pfs-median-high-dose-dexamethasone-itt-final", "estimate")[0] == 1.8


def test_mm003_lancet_oncology_values_kept_apart(kg, evidence) -> None:
    """The primary publication's values (PFS 4.0 vs 1.9, HR 0.48; OS 12.7 vs 8.1, HR 0.74; ORR 31% vs 10%) at medium confidence."""
    assert evidence.values("result:MM-003-pfs-hr-itt-lancet", "estimate", "confidence", "analysisType") == (
        0.48,
        "medium",
        None,
    )
    assert evidence.values("result:MM-003-os-hr-itt-lancet", "estimate", "pValue") == (0.74, None)
    assert evidence.values("result:MM-003-os-median-Pd-itt-lancet", "estimate")[0] == 12.7
    assert evidence.values("result:MM-003-orr-Pd-itt-lancet", "estimate")[0] == 31.0
    assert evidence.values("result:MM-003-orr-high-dose-dexamethasone-itt-lancet", "estimate")[0] == 10.0


def test_mm003_article_identifiers(kg, evidence) -> None:
    assert evidence.values("ref:san-miguel-2013-lancet-oncol", "pmid", "doi") == (
        "24007748",
        "10.1016/S1470-2045(13)70380-2",
    )
