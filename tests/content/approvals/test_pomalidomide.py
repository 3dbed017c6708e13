"""Pomalidomide in the EU: the Commission decision of 2013-08-05 and its SmPC wording (Union Register annex)."""

from __future__ import annotations

import datetime as dt


def test_eu_pomalidomide_authorisation_is_dated_by_the_union_register(kg) -> None:
    [row] = kg.select(
        "SELECT ?date ?confidence WHERE { approval:pomalidomide-ec-2013-08 mmkg:eventDate ?date ; mmkg:confidence ?confidence }"
    )
    assert (row["date"], row["confidence"]) == (dt.date(2013, 8, 5), "medium")


def test_eu_pomalidomide_wording_is_the_smpc_sentence_and_cites_it(kg) -> None:
    [row] = kg.select(
        """SELECT ?text WHERE { indication:pomalidomide-Pd-eu-2l mmkg:criteriaText ?text ;
                                  dcterms:source ref:pomalidomide-celgene-smpc-2013-08-05 .
                                ref:pomalidomide-celgene-smpc-2013-08-05 a mmkg:ProductLabel }"""
    )
    assert "at least two prior treatment regimens, including both lenalidomide and bortezomib" in row["text"]
    assert row["text"].endswith("have demonstrated disease progression on the last therapy.")
