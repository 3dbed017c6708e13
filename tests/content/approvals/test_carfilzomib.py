"""Carfilzomib in the EU: the Commission extension to DKd, recorded by its bounds (year 2021, low confidence)."""

from __future__ import annotations


def eu_regimens(kg, day: str) -> set[str]:
    rows = kg.run("approved-as-of", region="EU", as_of=day)
    return {r["regimen"].rsplit("/", 1)[1] for r in rows if r["product"].endswith("/carfilzomib")}


def test_dkd_counts_as_authorised_in_the_eu_from_the_end_of_2021_at_the_latest(kg) -> None:
    assert "DKd" not in eu_regimens(kg, "2021-12-30")
    assert "DKd" in eu_regimens(kg, "2021-12-31")
    [row] = kg.select("SELECT ?date ?c WHERE { approval:carfilzomib-ec-2021-DKd mmkg:eventDate ?date ; mmkg:confidence ?c }")
    assert (str(row["date"]), row["c"]) == ("2021", "low")
