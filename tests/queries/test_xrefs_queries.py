"""The cross-reference named queries."""

from __future__ import annotations

import json

from mmkg.resources import ontology_dir, queries_dir


def test_drug_xrefs_of_lenalidomide(kg) -> None:
    rows = kg.run("drug-xrefs")  # default: lenalidomide
    got = [(r["scheme"], r["identifier"], r["relation"], r["status"]) for r in rows]
    assert got == [
        ("ChEBI", "CHEBI:63791", "skos:exactMatch", "mapped"),
        ("DrugBank", "DB00480", "skos:exactMatch", "mapped"),
        ("RxNorm", "342369", "skos:exactMatch", "mapped"),
        ("ATC", "L04AX04", "skos:exactMatch", "mapped"),
        ("NCIt", "C2668", "skos:exactMatch", "mapped"),
        ("UNII", "F0P408N6V4", "skos:exactMatch", "mapped"),
        ("MeSH", "D000077269", "skos:exactMatch", "mapped"),
        ("Wikidata", "Q425681", "skos:exactMatch", "mapped"),
    ]
    atc = next(r for r in rows if r["scheme"] == "ATC")
    assert atc["iri"] == "http://www.whocc.no/atc_ddd_index/?code=L04AX04"
    assert "WHO ATC/DDD index as of 2026-04-25" in atc["sources"]


def test_drug_xrefs_of_iberdomide_lists_what_is_missing(kg) -> None:
    rows = kg.run("drug-xrefs", drug="iberdomide")
    got = {r["scheme"]: (r.get("identifier"), r["status"]) for r in rows}
    assert got["DrugBank"] == ("DB12101", "mapped")
    assert got["UNII"] == ("8V66F27X44", "mapped")
    assert got["ATC"] == (None, "not assigned")
    assert got["ChEBI"] == (None, "not found")


def test_drug_xrefs_of_bcma_are_its_gene_and_protein(kg) -> None:
    rows = kg.run("drug-xrefs", drug="BCMA")
    assert [(r["scheme"], r["identifier"], r["relation"]) for r in rows] == [
        ("HGNC", "HGNC:11913", "skos:closeMatch"),
        ("UniProt", "Q02223", "skos:exactMatch"),
    ]


def test_federated_wikidata_query_is_documented_and_joins_on_wikidata_iris() -> None:
    from rdflib.plugins.sparql import prepareQuery

    text = (queries_dir() / "federated-wikidata.rq").read_text(encoding="utf-8")
    assert "SERVICE <https://query.wikidata.org/sparql>" in text
    assert text.startswith("# title:")
    with open(ontology_dir() / "prefixes.json", encoding="utf-8") as handle:
        prefixes = json.load(handle)
    assert prefixes["wikidata"] == "http://www.wikidata.org/entity/"
    prepareQuery(text, initNs=prefixes)  # parses; not run (no network in tests)
