"""Every mmkg IRI through the server: a page for a browser, its triples for an RDF client."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tests.server.client import fetch

LENALIDOMIDE = "https://w3id.org/mmkg/drug/lenalidomide"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    ("accept", "format"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("*/*", ox.RdfFormat.TURTLE),
    ],
)
def test_a_client_gets_the_triples_of_an_iri(server: str, kg, accept: str, format) -> None:
    reply = fetch(f"{server}/drug/lenalidomide", headers={"Accept": accept})
    assert reply.status == 200
    assert reply.media_type == format.media_type
    assert "Accept" in reply.headers["Vary"]
    triples = {(t.predicate.value, str(t.object)) for t in ox.parse(reply.body, format=format)}
    expected = {
        (row["p"].value, str(row["o"])) for row in kg.store.query(f"SELECT ?p ?o WHERE {{ <{LENALIDOMIDE}> ?p ?o }}")
    }
    assert triples == expected


def test_a_browser_gets_a_page(server: str) -> None:
    reply = fetch(f"{server}/drug/lenalidomide", headers={"Accept": BROWSER})
    assert reply.status == 200
    assert reply.media_type == "text/html"
    assert "<h1>lenalidomide</h1>" in reply.text
    assert 'href="/ontology/ImmunomodulatoryDrug"' in reply.text  # links stay on this server
    assert "not medical advice" in reply.text


def test_a_class_page_shows_its_definition_in_manchester_syntax(server: str) -> None:
    reply = fetch(f"{server}/ontology/BCMABispecific", headers={"Accept": BROWSER})
    assert reply.status == 200
    assert "mmkg:Drug and (mmkg:hasTarget value target:BCMA)" in reply.text
    assert "teclistamab" in reply.text  # its members link to it


def test_the_ontology_iri_dereferences_to_the_owl_file(server: str) -> None:
    reply = fetch(f"{server}/mmkg.owl", headers={"Accept": "application/rdf+xml"})
    assert reply.status == 200
    assert reply.media_type == "application/rdf+xml"
    ontology = ox.Triple(
        ox.NamedNode("https://w3id.org/mmkg/mmkg.owl"),
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("http://www.w3.org/2002/07/owl#Ontology"),
    )
    assert ontology in [quad.triple for quad in ox.parse(reply.body, format=ox.RdfFormat.RDF_XML)]


def test_an_iri_the_graph_does_not_know_is_404(server: str) -> None:
    assert fetch(f"{server}/drug/no-such-drug", headers={"Accept": "text/turtle"}).status == 404
    page = fetch(f"{server}/drug/no-such-drug", headers={"Accept": BROWSER})
    assert page.status == 404
    assert "Not in mmkg" in page.text


def test_dataset_description_at_well_known_void(server: str, kg) -> None:
    reply = fetch(f"{server}/.well-known/void", headers={"Accept": "text/turtle"})
    assert reply.status == 200
    store = ox.Store()
    store.load(reply.body, format=ox.RdfFormat.TURTLE)
    void = "http://rdfs.org/ns/void#"
    dataset = ox.NamedNode("https://w3id.org/mmkg/dataset")

    def values(predicate: str) -> list[str]:
        return sorted(q.object.value for q in store.quads_for_pattern(dataset, ox.NamedNode(predicate), None))

    assert values(void + "triples") == [str(len(kg))]
    assert values(void + "sparqlEndpoint") == ["https://w3id.org/mmkg/sparql"]
    assert values("http://purl.org/dc/terms/license") == ["https://creativecommons.org/licenses/by/4.0/"]
    [ontology] = kg.select("SELECT ?v WHERE { ?o a owl:Ontology ; owl:versionInfo ?v }")
    assert values("http://www.w3.org/ns/dcat#version") == [ontology["v"]]
    assert values("http://purl.org/dc/terms/issued") == [ontology["v"]]  # the version is the release date
    assert int(values(void + "entities")[0]) > 1000
    downloads = {
        q.object.value
        for d in store.quads_for_pattern(dataset, ox.NamedNode("http://www.w3.org/ns/dcat#distribution"), None)
        for q in store.quads_for_pattern(d.object, ox.NamedNode("http://www.w3.org/ns/dcat#downloadURL"), None)
    }
    assert "https://w3id.org/mmkg/mappings/mmkg.sssom.tsv" in downloads
    for download in downloads:  # every download is served here too
        assert fetch(server + download.removeprefix("https://w3id.org/mmkg"), method="HEAD").status == 200, download
    examples = values(void + "exampleResource")
    assert len(examples) >= 5
    for example in examples:
        assert (
            fetch(server + example.removeprefix("https://w3id.org/mmkg"), headers={"Accept": "text/turtle"}).status
            == 200
        )


def test_void_in_json_ld(server: str) -> None:
    reply = fetch(f"{server}/.well-known/void", headers={"Accept": "application/ld+json"})
    assert reply.status == 200
    assert reply.media_type == "application/ld+json"
    assert len(list(ox.parse(reply.body, format=ox.RdfFormat.JSON_LD))) > 100


def test_a_path_that_is_no_iri_is_404(server: str) -> None:
    reply = fetch(f"{server}/drug/a%20b%3E", headers={"Accept": "text/turtle"})
    assert reply.status == 404
    assert "not an IRI" in reply.text
