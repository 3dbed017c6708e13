"""Selinexor in Italy: reimbursement of SVd and Sd, Determina 218/2024 (Gazzetta Ufficiale n. 181 of 2024-08-03)."""

from __future__ import annotations


def test_selinexor_is_reimbursed_in_italy_from_the_gazzetta_of_2024_08_03(kg) -> None:
    def regimens(day: str) -> dict[str, str]:
        rows = kg.run("approved-as-of", region="IT", as_of=day)
        return {r["regimen"].rsplit("/", 1)[1]: r["reimbursement"] for r in rows if r["product"].endswith("/selinexor")}

    assert regimens("2024-08-02") == {}
    assert regimens("2024-08-03") == {"SVd": "reimbursed", "Sd": "reimbursed"}


def test_the_svd_reimbursement_restriction_to_lenalidomide_refractory_disease_is_kept_in_the_note(kg) -> None:
    [row] = kg.select("SELECT ?note WHERE { approval:selinexor-aifa-2024-08-03 mmkg:curationNote ?note }")
    assert "refrattari alla lenalidomide" in row["note"]
