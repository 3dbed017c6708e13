"""Melphalan flufenamide (Pepaxto/Pepaxti) with dexamethasone: FDA accelerated approval 2021-02-26 and
the FDA's final decision to withdraw it (2024-02-23); CHMP 2022-06 (full, not conditional), EC
2022-08-18; AIFA class C(nn) 2022-11-14 and reimbursement (GU 2025-01-25).

Sources: Oncopeptides' announcements; ASH Clinical News; Maestro database and Becker's on the FDA's
final decision; EMA and BASG CHMP highlights; Gazzetta Ufficiale 2022-11-14; Reg-news
(ontology/kb/approvals/melphalan-flufenamide.ttl).
"""

from __future__ import annotations

import datetime as dt

import pytest

DRUG = "https://w3id.org/mmkg/drug/melphalan-flufenamide"


def rows_for(kg, region: str, day: str) -> list[dict]:
    return [r for r in kg.run("approved-as-of", region=region, as_of=day) if r["product"] == DRUG]


def test_melflufen_fda_accelerated_approval_is_2021_02_26(kg) -> None:
    rows = kg.select(
        "SELECT ?d WHERE { approval:melphalan-flufenamide-fda-2021-02-26 a mmkg:AcceleratedApproval ; mmkg:eventDate ?d }"
    )
    assert rows == [{"d": dt.date(2021, 2, 26)}]


def test_melflufen_fda_withdrawal_of_2024_02_23_ends_the_us_approval(kg) -> None:
    # FDA (via Maestro database), 2024-02-23: "the FDA announced its final decision to withdraw approval of Pepaxto"
    assert {r["regimen"].rsplit("/", 1)[1] for r in rows_for(kg, "US", "2024-02-22")} == {"melflufen-dex"}
    assert rows_for(kg, "US", "2024-02-23") == []
    assert rows_for(kg, "US", "2021-02-25") == []


def test_melflufen_eu_authorisation_is_standard_not_conditional(kg) -> None:
    # CHMP "unanimously adopted a positive opinion recommending full approval" (Oncopeptides, 2022-06)
    rows = kg.select("SELECT ?t WHERE { approval:melphalan-flufenamide-ec-2022-08-18 a ?t ; mmkg:eventDate ?d }")
    types = {r["t"].rsplit("/", 1)[1] for r in rows}
    assert "StandardApproval" in types and "ConditionalApproval" not in types
    assert kg.select("SELECT ?d WHERE { approval:melphalan-flufenamide-ec-2022-08-18 mmkg:eventDate ?d }") == [
        {"d": dt.date(2022, 8, 18)}
    ]


@pytest.mark.parametrize(
    ("indication", "min_lines", "last"),
    [
        ("melphalan-flufenamide-fda-4l", 4, "no-condition"),
        ("melphalan-flufenamide-eu-3l", 3, "progression-on-or-after"),
    ],
)
def test_melflufen_indications_are_triple_class_refractory(kg, indication: str, min_lines: int, last: str) -> None:
    rows = kg.select(
        "SELECT ?min ?last ?ref WHERE { ?i mmkg:minPriorLines ?min ; mmkg:lastTherapyCondition ?last ; "
        "mmkg:requiresRefractorinessTo ?ref }",
        i=f"indication:{indication}",
    )
    assert {r["min"] for r in rows} == {min_lines}
    assert {r["last"].rsplit("/", 1)[1] for r in rows} == {last}
    assert {r["ref"].rsplit("/", 1)[1] for r in rows} == {
        "ProteasomeInhibitor",
        "ImmunomodulatoryDrug",
        "AntiCD38Antibody",
    }


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2022-11-13", ["not curated (AIFA decisions on this product are not in the graph)"]),
        ("2022-11-14", ["authorised, not reimbursed (class C(nn))"]),
        ("2025-01-25", ["reimbursed"]),
    ],
)
def test_melflufen_in_italy(kg, day: str, expected: list[str]) -> None:
    assert [r["reimbursement"] for r in rows_for(kg, "IT", day)] == expected
