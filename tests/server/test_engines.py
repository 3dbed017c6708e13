"""Engine independence: every named query gives the same answer on pyoxigraph, on rdflib's own
SPARQL engine and on Virtuoso (loaded with the release by its bulk loader), and
`mmkg query NAME --endpoint` gives the embedded store's answer against that Virtuoso.

Each query runs as the embedded store runs it: its text with the parameters' defaults bound.
(tests/queries/test_portability.py runs each file as plain text; queries/README.md lists the
engine deviations the files write around.)
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator

import pytest
import rdflib

import mmkg
from mmkg import resources
from mmkg.store import bind_values
from tests.server import engines
from tests.server.virtuoso import GRAPH, Virtuoso, serve_release

QUERIES = [q.name for q in mmkg.catalogue() if not q.name.startswith("federated")]  # those need the internet

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    yield from serve_release(tmp_path_factory)


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(resources.release_dir() / "mmkg.nt", format="nt")


@pytest.mark.parametrize("name", QUERIES)
def test_named_query_answers_the_same_on_every_engine(name: str, kg, graph: rdflib.Graph, virtuoso: Virtuoso) -> None:
    query = mmkg.catalogue().get(name)
    text = bind_values(query.sparql, query.bindings(kg, {}))
    reference = engines.on_pyoxigraph(kg.store, text)
    assert reference.error is None, reference.error
    answers = {
        "rdflib": engines.on_rdflib(graph, text),
        "virtuoso": engines.on_endpoint(virtuoso.endpoint, text, default_graph=GRAPH),
    }
    differences = {engine: engines.difference(reference, answer) for engine, answer in answers.items()}
    report = "; ".join(f"{engine}: {diff}" for engine, diff in differences.items() if diff)
    print(f"\n{name}: pyoxigraph {reference.describe()}; {report or 'rdflib and virtuoso agree'}")
    assert not report, f"{name} differs from pyoxigraph on {report}"


def _table(csv_text: str) -> list[list[str]]:
    """CSV rows in a stable order, each cell as its words (GROUP_CONCAT's order is the engine's)."""
    header, *rows = csv.reader(io.StringIO(csv_text))
    return [header, *sorted([engines.words(cell) for cell in row] for row in rows)]


def test_mmkg_query_endpoint_against_virtuoso_gives_the_embedded_answer(virtuoso: Virtuoso) -> None:
    url = virtuoso.endpoint + "?" + urllib.parse.urlencode({"default-graph-uri": GRAPH})
    for args in (["targeted-products"], ["drugs-by-target", "--param", "target=CD38"]):
        command = [sys.executable, "-m", "mmkg", "query", *args, "--format", "csv"]
        local = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        remote = subprocess.run([*command, "--endpoint", url], capture_output=True, text=True, check=True).stdout
        assert _table(remote) == _table(local), args
        assert len(_table(local)) > 2


def test_virtuoso_holds_the_whole_release(virtuoso: Virtuoso, kg) -> None:
    answer = engines.on_endpoint(virtuoso.endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=GRAPH)
    assert answer.solutions is not None
    assert list(answer.solutions) == [(("n", ("number", engines.Decimal(len(kg)).normalize())),)]
