"""Benchmark: loading the release and answering queries, against rdflib as the baseline.

Prints figures; asserts nothing. Run: python bench/load_and_query.py [--repeat N]

- load: pyoxigraph bulk load of release/mmkg.nt vs rdflib parsing release/mmkg.ttl
  (what a tool without a prebuilt release would do)
- query: the named queries (defaults) on pyoxigraph vs the same SPARQL on rdflib
- options: one sequencing question end to end
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
import tracemalloc

import rdflib

import mmkg
from mmkg import resources
from mmkg.prefixes import prefix_map


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    release = resources.release_dir()

    load_ox = timed(lambda: mmkg.load(), repeat)
    load_rdflib = timed(lambda: rdflib.Graph().parse(release / "mmkg.ttl", format="turtle"), max(1, repeat // 2))
    kg = mmkg.load()
    print(f"triples: {len(kg)}")
    print(
        f"load      pyoxigraph (N-Triples) {load_ox * 1000:8.1f} ms   rdflib (Turtle) {load_rdflib * 1000:8.1f} ms   ratio {load_rdflib / load_ox:6.1f}x"
    )

    graph = rdflib.Graph()
    graph.parse(release / "mmkg.nt", format="nt")
    for prefix, namespace in prefix_map().items():
        graph.bind(prefix, namespace, override=True)
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefix_map().items())
    for query in mmkg.catalogue():
        if query.name.startswith("federated"):
            continue
        bindings = query.bindings(kg, {})
        from mmkg.store import bind_values

        text = bind_values(query.sparql, bindings)
        ox_time = timed(lambda q=query.sparql, b=bindings: kg.query(q, **b), repeat)
        try:
            rdflib_time = timed(lambda t=text: list(graph.query(prologue + t)), 1)
            ratio = f"{rdflib_time / ox_time:6.1f}x"
            rdflib_ms = f"{rdflib_time * 1000:8.1f} ms"
        except Exception as error:  # rdflib may not support a construct oxigraph does
            rdflib_ms, ratio = f"{'n/a':>11}", f"({type(error).__name__})"
        print(f"query     {query.name:32} pyoxigraph {ox_time * 1000:8.1f} ms   rdflib {rdflib_ms}   ratio {ratio}")

    history = mmkg.history_from_shortcuts(
        kg, after="belantamab mafodotin", refractory=["lenalidomide"], exposed=["bortezomib", "daratumumab"], lines=4
    )
    options_time = timed(lambda: mmkg.options(kg, history, region="EU", as_of=dt.date(2026, 11, 1)), repeat)
    tracemalloc.start()  # traced separately: tracing slows the run it measures
    mmkg.options(kg, history, region="EU", as_of=dt.date(2026, 11, 1))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"options   one sequencing question {options_time * 1000:8.1f} ms   peak Python memory {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
