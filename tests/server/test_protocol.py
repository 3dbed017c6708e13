"""The SPARQL 1.1 Protocol over plain HTTP: query forms, formats, errors and the read-only rules."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.parse

import pyoxigraph as ox
import pytest

from tests.server.client import fetch, get_query, post_form
from tests.server.conftest import MAX_RESULT_BYTES, TIMEOUT

BISPECIFICS = "SELECT ?label WHERE { ?d a mmkg:BCMABispecific ; rdfs:label ?label } ORDER BY ?label"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def labels(reply) -> list[str]:
    return [row["label"]["value"] for row in json.loads(reply.body)["results"]["bindings"]]


def test_get_answers_in_sparql_json(server: str) -> None:
    reply = get_query(server, BISPECIFICS)
    assert reply.status == 200
    assert reply.media_type == "application/sparql-results+json"
    assert labels(reply) == ["elranatamab", "linvoseltamab", "teclistamab"]


def test_post_form_and_post_body_give_the_same_answer(server: str) -> None:
    form = post_form(server, {"query": BISPECIFICS})
    body = fetch(
        f"{server}/sparql",
        method="POST",
        data=BISPECIFICS.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    assert form.status == body.status == 200
    assert labels(form) == labels(body) == ["elranatamab", "linvoseltamab", "teclistamab"]


@pytest.mark.parametrize(
    ("accept", "media_type", "format"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/csv", "text/csv", ox.QueryResultsFormat.CSV),
        ("text/tab-separated-values", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("text/html;q=0.9, application/json", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ],
)
def test_select_results_in_each_format(server: str, accept: str, media_type: str, format) -> None:
    reply = get_query(server, BISPECIFICS, accept=accept)
    assert reply.status == 200
    assert reply.media_type == media_type
    if format == ox.QueryResultsFormat.CSV:  # lossy: pyoxigraph does not parse it back
        found = [row["label"] for row in csv.DictReader(io.StringIO(reply.text))]
    else:
        found = [str(r["label"].value) for r in ox.parse_query_results(reply.body, format=format)]
    assert sorted(found) == ["elranatamab", "linvoseltamab", "teclistamab"]


@pytest.mark.parametrize(
    ("accept", "format"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_construct_results_in_each_rdf_format(server: str, accept: str, format) -> None:
    query = "CONSTRUCT { ?d rdfs:label ?l } WHERE { ?d a mmkg:BCMABispecific ; rdfs:label ?l }"
    reply = get_query(server, query, accept=accept)
    assert reply.status == 200, reply.text
    assert reply.media_type == format.media_type
    triples = list(ox.parse(reply.body, format=format))
    assert sorted(t.object.value for t in triples) == ["elranatamab", "linvoseltamab", "teclistamab"]


def test_ask_and_describe(server: str) -> None:
    ask = get_query(server, "ASK { drug:teclistamab a mmkg:BCMABispecific }")
    assert json.loads(ask.body) == {"head": {}, "boolean": True}
    describe = get_query(server, "DESCRIBE drug:teclistamab", accept="text/turtle")
    assert describe.status == 200
    assert "teclistamab" in describe.text


def test_unacceptable_format_is_406(server: str) -> None:
    reply = get_query(server, BISPECIFICS, accept="image/png")
    assert reply.status == 406
    assert "application/sparql-results+json" in reply.text


def test_malformed_query_is_400_with_the_parsers_message(server: str) -> None:
    reply = get_query(server, "SELECT ?x WHERE { ?x ?y }")
    assert reply.status == 400
    assert reply.text.startswith("invalid SPARQL: error at 1:")


def test_missing_query_is_400(server: str) -> None:
    assert post_form(server, {"nothing": "here"}).status == 400


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {
            "method": "POST",
            "data": b"update=INSERT+DATA+%7B%3Ca%3Ab%3E+%3Ca%3Ac%3E+%3Ca%3Ad%3E%7D",
            "headers": {"Content-Type": "application/x-www-form-urlencoded"},
        },
        {
            "method": "POST",
            "data": b"INSERT DATA { <a:b> <a:c> <a:d> }",
            "headers": {"Content-Type": "application/sparql-update"},
        },
        {
            "method": "POST",
            "data": b"LOAD <file:///etc/passwd>",
            "headers": {"Content-Type": "application/sparql-update"},
        },
    ],
)
def test_sparql_update_is_refused(server: str, request_kwargs) -> None:
    reply = fetch(f"{server}/sparql", **request_kwargs)
    assert reply.status == 403
    assert "read-only" in reply.text
    assert get_query(server, "ASK { <a:b> ?p ?o }").body == b'{"head":{},"boolean":false}'


def test_update_in_the_query_parameter_is_a_malformed_query(server: str) -> None:
    reply = get_query(server, "DELETE WHERE { ?s ?p ?o }")
    assert reply.status == 400
    assert get_query(server, "ASK { drug:lenalidomide ?p ?o }").body == b'{"head":{},"boolean":true}'


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("PUT", "/store?default"),
        ("POST", "/store?default"),
        ("DELETE", "/store?default"),
        ("PUT", "/sparql"),
        ("DELETE", "/sparql"),
    ],
)
def test_graph_store_writes_are_refused(server: str, method: str, path: str) -> None:
    reply = fetch(
        server + path, method=method, data=b"<a:b> <a:c> <a:d> .", headers={"Content-Type": "application/n-triples"}
    )
    assert reply.status == 405
    assert "read-only" in reply.text


def test_graph_store_reads_the_whole_graph(server: str, kg) -> None:
    reply = fetch(f"{server}/store?default", headers={"Accept": "application/n-triples"})
    assert reply.status == 200
    assert len(list(ox.parse(reply.body, format=ox.RdfFormat.N_TRIPLES))) == len(kg)


def test_service_to_another_host_is_refused(server: str) -> None:
    for target in ("http://127.0.0.1:9/sparql", "file:///etc/passwd"):
        reply = get_query(server, f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}")
        assert reply.status == 403, target
        assert "SERVICE" in reply.text


def test_the_word_service_alone_is_not_refused(server: str) -> None:
    reply = get_query(server, 'SELECT ?service WHERE { BIND("a SERVICE" AS ?service) } # SERVICE')
    assert reply.status == 200


def test_no_host_file_is_read(server: str) -> None:
    """FROM names a graph of the store's dataset; it never loads a URL or a file."""
    from_file = fetch(
        f"{server}/sparql?"
        + urllib.parse.urlencode(
            {
                "query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
                "default-graph-uri": "file:///etc/hostname",
            }
        ),
        headers={"Accept": "text/csv"},
    )
    assert from_file.status == 200
    assert len(from_file.text.strip().splitlines()) == 1  # the header, no row


def test_result_over_the_size_limit_is_refused(server: str) -> None:
    reply = get_query(server, "SELECT * WHERE { ?s ?p ?o }")
    assert reply.status == 422
    assert str(MAX_RESULT_BYTES) in reply.text


def test_cors_for_browser_clients(server: str) -> None:
    simple = fetch(
        f"{server}/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}), headers={"Origin": "http://example.org"}
    )
    assert simple.headers["Access-Control-Allow-Origin"] == "*"
    preflight = fetch(
        f"{server}/sparql",
        method="OPTIONS",
        headers={
            "Origin": "http://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status == 200
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


def test_service_description(server: str) -> None:
    reply = fetch(f"{server}/sparql", headers={"Accept": "text/turtle"})
    assert reply.status == 200
    graph = list(ox.parse(reply.body, format=ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = [t.object.value for t in graph if t.predicate.value == sd + "endpoint"]
    assert endpoint == [f"{server}/sparql"]
    formats = {t.object.value for t in graph if t.predicate.value == sd + "resultFormat"}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_CSV" in formats


def test_a_browser_at_the_endpoint_gets_the_query_page(server: str) -> None:
    reply = fetch(f"{server}/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert reply.status == 200
    assert "yasgui.min.js" in reply.text


def test_unknown_mmkg_names_draw_a_warning(server: str) -> None:
    reply = get_query(server, "SELECT ?d WHERE { ?d a mmkg:IMiD }")
    assert reply.status == 200
    assert reply.headers["X-Mmkg-Warning"] == "mmkg:IMiD is not in mmkg; did you mean mmkg:ImmunomodulatoryDrug?"


def test_a_warning_about_a_non_ascii_name_is_sent(server: str) -> None:
    reply = get_query(server, "SELECT * WHERE { drug:lénalidomide ?p ?o }")
    assert reply.status == 200
    assert reply.headers["X-Mmkg-Warning"].startswith("drug:l\\xe9nalidomide is not in mmkg")


def test_runaway_query_is_stopped_while_other_queries_are_answered(server: str) -> None:
    stopped: list = []
    runaway = threading.Thread(target=lambda: stopped.append(get_query(server, RUNAWAY)))
    start = time.monotonic()
    runaway.start()
    time.sleep(0.2)
    answered = []
    while runaway.is_alive() and time.monotonic() - start < TIMEOUT * 5:
        reply = get_query(server, BISPECIFICS)
        answered.append((reply.status, time.monotonic() - start))
    runaway.join()
    took = time.monotonic() - start
    assert stopped[0].status == 503
    assert "stopped" in stopped[0].text
    assert TIMEOUT <= took < TIMEOUT + 3
    assert len(answered) >= 3 and all(status == 200 for status, _ in answered)
    assert get_query(server, BISPECIFICS).status == 200  # the killed worker was replaced


def test_serve_refuses_a_non_loopback_address_without_the_flag(run_mmkg) -> None:
    result = run_mmkg("serve", "--host", "0.0.0.0")
    assert result.returncode == 2
    assert (
        result.stderr
        == "mmkg: error: 0.0.0.0 is not a loopback address: add --allow-remote to let other machines query\n"
    )


@pytest.mark.slow
def test_a_query_that_exhausts_its_workers_memory_is_refused_and_the_server_goes_on() -> None:
    from tests.server.conftest import start_server, stop_server

    process, base = start_server("--max-memory", "700000000", "--timeout", "30")
    try:
        reply = get_query(base, "SELECT ?a ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?a LIMIT 1")
        assert reply.status == 500
        assert "out of memory" in reply.text
        assert get_query(base, BISPECIFICS).status == 200
    finally:
        stop_server(process)


def test_serve_refuses_an_option_given_twice_rather_than_taking_the_last(run_mmkg) -> None:
    result = run_mmkg("serve", "--port", "7001", "--port", "7002")
    assert result.returncode == 2
    assert result.stderr == "mmkg: error: Invalid value for '--port': given 2 times; give it once\n"
