"""What keeps a warm named query cheap does not change what it answers or how it is bounded.

The threads that evaluate queries are kept between queries, and the analysis of a query's
text (bindings, nesting, SERVICE) is kept for the next call (mmkg/store.py); the figures are
in bench/run.py's warm section.
"""

from __future__ import annotations

import os
import time

import pytest

import mmkg
from mmkg.errors import InputError, LimitExceeded

# a product of the graph's labels with itself: a few seconds of counting, then it ends
SLOW_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:label ?b . ?c rdfs:label ?d }"


def test_a_query_after_one_stopped_at_its_time_limit_answers_at_once(kg: mmkg.KnowledgeGraph) -> None:
    with pytest.raises(LimitExceeded, match="time limit"):
        kg.query(SLOW_COUNT, timeout=0.05)
    start = time.monotonic()
    # the thread still counting is not waited for: another one answers
    assert [r["label"] for r in kg.run("regimens-containing", bindings={"class": "Blenrep"})] == [
        "BPd",
        "BVd",
        "belantamab mafodotin monotherapy",
    ]
    assert time.monotonic() - start < 2


def test_queries_answer_in_a_forked_child(kg: mmkg.KnowledgeGraph) -> None:
    expected = kg.run("targeted-products")  # the parent has a query thread waiting for work
    pid = os.fork()
    if pid == 0:  # the child has none of its parent's threads
        try:
            os._exit(0 if kg.run("targeted-products", timeout=5) == expected else 1)
        finally:
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_binding_is_checked_on_every_call_of_the_same_text(kg: mmkg.KnowledgeGraph) -> None:
    query = "SELECT ?label WHERE { ?drug rdfs:label ?label }"
    assert kg.query(query, drug="drug:lenalidomide") == [{"label": "lenalidomide"}]
    with pytest.raises(InputError, match=r"no variable \?regimen"):
        kg.query(query, regimen="regimen:DPd")
    assert kg.query(query, drug="drug:pomalidomide") == [{"label": "pomalidomide"}]


def test_service_is_refused_in_a_query_with_bindings(kg: mmkg.KnowledgeGraph) -> None:
    query = "SELECT ?x WHERE { ?drug rdfs:label ?l . SERVICE <https://query.wikidata.org/sparql> { ?x ?p ?l } }"
    for _ in range(2):  # the second time from the kept analysis
        with pytest.raises(InputError, match="federated queries are off"):
            kg.query(query, drug="drug:lenalidomide")
