"""Every source of the regulatory history is typed with exactly one kind of reference."""

from __future__ import annotations

KINDS = """
VALUES ?kind { mmkg:JournalArticle mmkg:CongressAbstract mmkg:ProductLabel mmkg:AssessmentReport mmkg:AgencyDecision
               mmkg:AgencyPage mmkg:RegistryRecord mmkg:ReferenceDatabase mmkg:PressRelease mmkg:NewsItem mmkg:Guideline
               mmkg:SlideDeck mmkg:Slide mmkg:WebPage }
"""


def test_every_source_of_an_approval_or_indication_has_exactly_one_kind(kg) -> None:
    rows = kg.select(
        """SELECT ?source (COUNT(DISTINCT ?kind) AS ?n) WHERE {
             { ?x a mmkg:RegulatoryEvent } UNION { ?x a mmkg:Indication }
             ?x dcterms:source ?source .
             OPTIONAL { ?source a ?kind . """
        + KINDS
        + """ }
           } GROUP BY ?source HAVING (COUNT(DISTINCT ?kind) != 1)"""
    )
    assert rows == []


def test_the_dkd_fda_approval_cites_the_fda_page_not_a_reposted_announcement(kg) -> None:
    """FDA, 'FDA approves carfilzomib and daratumumab with dexamethasone for multiple myeloma' (2020-08-20)."""
    rows = kg.select(
        "SELECT ?s ?kind WHERE { approval:carfilzomib-fda-2020-08-20 dcterms:source ?s . ?s a ?kind . FILTER(?kind != mmkg:Reference && STRSTARTS(STR(?kind), STR(mmkg:))) }"
    )
    assert {(r["s"].split("/")[2], r["kind"].rsplit("/", 1)[1]) for r in rows} == {("fda.gov", "AgencyPage")}
