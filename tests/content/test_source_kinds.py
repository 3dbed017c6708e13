"""Source kinds: every bare URL that the trials with results (and their new references) use as a source
is typed with exactly one kind of mmkg:Reference."""

from __future__ import annotations

from tests.content.conftest import node, one, short

KINDS = {
    f"mmkg:{k}"
    for k in (
        "JournalArticle",
        "CongressAbstract",
        "ProductLabel",
        "AssessmentReport",
        "AgencyDecision",
        "AgencyPage",
        "RegistryRecord",
        "ReferenceDatabase",
        "PressRelease",
        "NewsItem",
        "Guideline",
        "SlideDeck",
        "Slide",
        "WebPage",
    )
}


def test_bare_url_sources_of_trials_with_results_have_exactly_one_kind(kg, trials_with_results) -> None:
    rows = kg.select(
        """SELECT DISTINCT ?trial ?url WHERE {
             { ?node mmkg:ofTrial ?trial } UNION { ?trial a mmkg:ClinicalTrial . BIND (?trial AS ?node) }
             UNION { ?trial mmkg:hasArm ?node } UNION { ?trial mmkg:enrolledPopulation ?node }
             UNION { ?trial mmkg:enrolledPopulation ?p . ?node mmkg:subgroupOf+ ?p }
             ?node dcterms:source ?url .
             FILTER (!STRSTARTS(STR(?url), "https://w3id.org/mmkg/")) }"""
    )
    assert len(trials_with_results) >= 27  # never fewer than the 27 trials of the list this query replaced
    urls = {r["url"] for r in rows if short(r["trial"]) in trials_with_results}
    assert len(urls) > 50
    for url in sorted(urls):
        kinds = {short(r["k"]) for r in kg.select("SELECT ?k WHERE { ?u a ?k }", u=url)} & KINDS
        assert len(kinds) == 1, (url, kinds)
        assert kg.select("SELECT ?l WHERE { ?u rdfs:label ?l }", u=url), url


def test_the_new_references_carry_verified_identifiers(kg) -> None:
    expected = {
        "ref:chari-2025-lancet-haematol": ("40090350", "10.1016/S2352-3026(24)00385-5"),
        "ref:dima-2025-blood-cancer-j": ("40562770", "10.1038/s41408-025-01314-9"),
    }
    for curie, (pmid, doi) in expected.items():
        ref = node(kg, curie)
        assert (one(ref, "pmid"), one(ref, "doi")) == (pmid, doi)
        assert "mmkg:JournalArticle" in ref["type"]
