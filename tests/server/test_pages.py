"""The pages for people: the model documentation at /, the query page, the named queries as JSON."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse

import mmkg
from mmkg import resources
from tests.server.client import fetch


def test_the_model_page_is_served_at_the_root(server: str) -> None:
    reply = fetch(f"{server}/")
    assert reply.status == 200
    assert reply.media_type == "text/html"
    assert "mmkg:ImmunomodulatoryDrug" in reply.text
    assert "not medical advice" in reply.text


def test_the_query_page_shows_every_named_query_with_its_parameters(server: str) -> None:
    reply = fetch(f"{server}/query")
    assert reply.status == 200
    for query in mmkg.catalogue():
        assert f'id="{query.name}"' in reply.text
        for parameter in query.parameters:
            assert f'name="{parameter.name}"' in reply.text
    assert "/static/yasgui/yasgui.min.js" in reply.text
    assert "https://" not in reply.text.split("<body>")[0]  # nothing loaded from elsewhere


def test_the_query_page_assets_are_served_locally(server: str) -> None:
    for path in ("/static/yasgui/yasgui.min.js", "/static/yasgui/yasgui.min.css", "/static/query-page.js"):
        assert fetch(server + path, method="HEAD").status == 200, path


def test_named_queries_as_json(server: str) -> None:
    listed = json.loads(fetch(f"{server}/queries").body)
    assert [q["name"] for q in listed] == [q.name for q in mmkg.catalogue()]
    assert all(q["description"] and q["sparql"] for q in listed)


def test_a_named_query_runs_with_parameters(server: str, kg) -> None:
    reply = fetch(f"{server}/queries/drugs-by-target?target=CD38", headers={"Accept": "text/csv"})
    assert reply.status == 200
    assert [row["label"] for row in csv.DictReader(io.StringIO(reply.text))] == ["daratumumab", "isatuximab"]


def test_a_named_query_as_sparql_with_its_parameters_bound(server: str) -> None:
    reply = fetch(f"{server}/queries/drugs-by-target.rq?{urllib.parse.urlencode({'target': 'BCMA'})}")
    assert reply.status == 200
    assert "VALUES (?target) { (<https://w3id.org/mmkg/target/BCMA>) }" in reply.text


def test_bad_named_query_requests(server: str) -> None:
    assert fetch(f"{server}/queries/no-such-query").status == 404
    bad = fetch(f"{server}/queries/drugs-by-target?target=no-such-target")
    assert bad.status == 400
    assert "no-such-target" in bad.text


def test_every_release_file_is_served_and_nothing_else(server: str) -> None:
    shipped = sorted(p.name for p in resources.release_dir().iterdir() if p.is_file())
    for name in shipped:
        reply = fetch(f"{server}/release/{name}")
        assert reply.status == 200, name
        assert reply.body == (resources.release_dir() / name).read_bytes(), name
    for name in ("..%2Fpyproject.toml", "%2Fetc%2Fpasswd", "mmkg.rq", ".hidden.ttl"):
        assert fetch(f"{server}/release/{name}").status == 404, name


def test_the_ontology_iri_and_its_dated_version_iri_give_the_owl_file(server: str, kg) -> None:
    owl = (resources.release_dir() / "mmkg.owl").read_bytes()
    [row] = kg.select("SELECT ?v WHERE { ?o a owl:Ontology ; owl:versionInfo ?v }")
    assert fetch(f"{server}/mmkg.owl").body == owl
    assert fetch(f"{server}/releases/{row['v']}/mmkg.owl").body == owl
    other = fetch(f"{server}/releases/1999-01-01/mmkg.owl")
    assert other.status == 404
    assert f"holds release {row['v']}" in other.text
