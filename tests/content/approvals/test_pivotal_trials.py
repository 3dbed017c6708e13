"""The trials approvals rest on (mmkg:basedOnTrial): each defined once, with its approval link."""

from __future__ import annotations

from pathlib import Path

import rdflib

from mmkg import resources

KB = resources.ontology_dir() / "kb"
MINIMAL = KB / "approvals" / "trials-not-in-deck.ttl"
TRIAL = "https://w3id.org/mmkg/trial/"
CLINICAL_TRIAL = rdflib.URIRef("https://w3id.org/mmkg/ontology/ClinicalTrial")


def trials_in(path: Path) -> set[str]:
    graph = rdflib.Graph().parse(path, format="turtle")
    return {str(s).removeprefix(TRIAL) for s in graph.subjects(rdflib.RDF.type, CLINICAL_TRIAL)}


def test_minimal_trial_nodes_are_not_curated_in_a_trial_file() -> None:
    minimal = trials_in(MINIMAL)
    curated = set().union(*(trials_in(path) for path in sorted((KB / "trials").glob("*.ttl"))))
    assert minimal & curated == set()
    assert {"POLLUX", "ASPIRE", "ELOQUENT-3"} <= curated


def test_every_trial_an_approval_rests_on_is_defined(kg) -> None:
    rows = kg.query(
        "SELECT DISTINCT ?t WHERE { ?e mmkg:basedOnTrial ?t FILTER NOT EXISTS { ?t a mmkg:ClinicalTrial } }"
    )
    assert rows == []


def test_pollux_aspire_and_eloquent_3_keep_their_approval_links(kg) -> None:
    links = {
        "POLLUX": "https://academy.myeloma.org.uk/news/eu-approves-expanded-daratumumab-indication-for-myeloma/",
        "ASPIRE": "https://www.cancertherapyadvisor.com/home/cancer-topics/multiple-myeloma/fda-approves-kyprolis-as-second-line-treatment-for-multiple-myeloma/",
        "ELOQUENT-3": "https://multiplemyelomahub.com/medical-information/fda-approves-elotuzumab-in-combination-with-pomalidomide-and-dexamethasone-for-relapsedrefractory-multiple-myeloma",
    }
    for trial, source in links.items():
        row = kg.query(
            """SELECT (COUNT(DISTINCT ?label) AS ?labels) ?note WHERE {
                 ?t rdfs:label ?label ; dcterms:source ?source ; mmkg:curationNote ?note .
                 FILTER(STRSTARTS(STR(?note), "Approval link:")) } GROUP BY ?note""",
            t=f"trial:{trial}",
            source=source,
        )
        assert len(row) == 1 and row[0]["labels"] == 1, trial
