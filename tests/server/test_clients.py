"""Real clients of the server: SPARQLWrapper, and `mmkg query --endpoint`."""

from __future__ import annotations

from urllib.error import HTTPError

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

import mmkg
from mmkg.endpoint import remote_answer
from mmkg.errors import InputError


def wrapper(server: str) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setReturnFormat(JSON)
    return client


def test_sparqlwrapper_select(server: str, kg) -> None:
    client = wrapper(server)
    client.setQuery(
        "PREFIX mmkg: <https://w3id.org/mmkg/ontology/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?label WHERE { ?d a mmkg:BCMADirectedCART ; rdfs:label ?label } ORDER BY ?label"
    )
    rows = client.queryAndConvert()["results"]["bindings"]
    expected = [
        r["label"]
        for r in kg.select("SELECT ?label WHERE { ?d a mmkg:BCMADirectedCART ; rdfs:label ?label } ORDER BY ?label")
    ]
    assert [r["label"]["value"] for r in rows] == expected
    assert len(expected) >= 3


def test_sparqlwrapper_post_ask_and_csv(server: str) -> None:
    client = wrapper(server)
    client.setMethod("POST")
    client.setQuery("ASK { drug:teclistamab a mmkg:BCMABispecific }")
    assert client.queryAndConvert()["boolean"] is True
    client.setReturnFormat(CSV)
    client.setQuery("SELECT ?l WHERE { drug:teclistamab rdfs:label ?l }")
    assert client.queryAndConvert().decode().splitlines() == ["l", "teclistamab"]


def test_sparqlwrapper_construct_gives_an_rdflib_graph(server: str) -> None:
    client = wrapper(server)
    client.setReturnFormat(TURTLE)
    client.setQuery("CONSTRUCT { ?d rdfs:label ?l } WHERE { ?d a mmkg:BCMABispecific ; rdfs:label ?l }")
    graph = rdflib.Graph().parse(data=client.queryAndConvert(), format="turtle")
    assert sorted(str(o) for o in graph.objects()) == ["elranatamab", "linvoseltamab", "teclistamab"]


def test_sparqlwrapper_sees_bad_queries_and_refused_updates(server: str) -> None:
    client = wrapper(server)
    client.setQuery("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QueryBadFormed, match="error at 1:"):
        client.queryAndConvert()
    client.setMethod("POST")
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")  # SPARQLWrapper sends it as an update
    with pytest.raises(HTTPError) as refused:
        client.query()
    assert refused.value.code == 403


def test_query_endpoint_gives_the_embedded_answer(server: str, kg) -> None:
    for name, params in (("drugs-by-target", {"target": "BCMA"}), ("targeted-products", {})):
        named = mmkg.catalogue().get(name)
        local = named.answer(kg, params)
        from mmkg.store import bind_values

        remote = remote_answer(f"{server}/sparql", bind_values(named.sparql, named.bindings(kg, params)))
        assert remote == local, name


def test_mmkg_query_endpoint_on_the_command_line(server: str, run_mmkg) -> None:
    command = ["query", "drugs-by-target", "--param", "target=CD38", "--format", "csv"]
    local = run_mmkg(*command)
    remote = run_mmkg(*command, "--endpoint", f"{server}/sparql")
    assert (remote.returncode, remote.stdout, remote.stderr) == (local.returncode, local.stdout, local.stderr)
    assert local.returncode == 0 and "daratumumab" in local.stdout


def test_an_endpoint_error_is_one_line(server: str) -> None:
    with pytest.raises(InputError, match="answered 400: invalid SPARQL"):
        remote_answer(f"{server}/sparql", "SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(InputError, match="cannot query"):
        remote_answer("http://127.0.0.1:9/sparql", "ASK {}")
