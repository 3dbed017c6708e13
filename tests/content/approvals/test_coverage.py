"""Curation coverage: a product's decisions by an agency count as complete only where a record says so.

ontology/kb/approvals/coverage.ttl explains what was checked on 2026-12-03: no product's
record at the FDA, the European Commission or AIFA could be read end to end, so no
mmkg:CurationCoverage record is written and every answer about a missing decision is
"not curated", never "not approved".
"""

from __future__ import annotations

PRODUCTS_WITH_APPROVALS = """
SELECT DISTINCT ?product WHERE { ?event a mmkg:RegulatoryEvent ; mmkg:product ?product }
"""


def test_no_product_has_a_coverage_record_until_its_record_is_read_end_to_end(kg) -> None:
    assert kg.select("SELECT ?c WHERE { ?c a mmkg:CurationCoverage }") == []


def test_every_coverage_record_names_one_product_one_agency_and_its_check(kg) -> None:
    rows = kg.select(
        """SELECT ?c (COUNT(DISTINCT ?p) AS ?np) (COUNT(DISTINCT ?a) AS ?na) (COUNT(DISTINCT ?d) AS ?nd)
                  (COUNT(DISTINCT ?s) AS ?ns) (COUNT(DISTINCT ?n) AS ?nn)
           WHERE { ?c a mmkg:CurationCoverage .
                   OPTIONAL { ?c mmkg:coversProduct ?p } OPTIONAL { ?c mmkg:coversAgency ?a }
                   OPTIONAL { ?c mmkg:statusCheckedOn ?d } OPTIONAL { ?c dcterms:source ?s }
                   OPTIONAL { ?c mmkg:curationNote ?n } }
           GROUP BY ?c"""
    )
    for r in rows:
        assert (r["np"], r["na"], r["nd"], r["nn"]) == (1, 1, 1, 1), r["c"]
        assert r["ns"] >= 1, r["c"]


def test_a_covered_product_has_at_least_one_decision_of_its_agency(kg) -> None:
    rows = kg.select(
        """SELECT ?c WHERE { ?c a mmkg:CurationCoverage ; mmkg:coversProduct ?p ; mmkg:coversAgency ?a .
                             FILTER NOT EXISTS { ?e a mmkg:RegulatoryEvent ; mmkg:product ?p ; mmkg:agency ?a } }"""
    )
    assert rows == []
