"""Load: 32 concurrent clients run the named queries while one runaway query hits the time limit.

Loopback only, bounded in time (DURATION) and in count (MAX_REQUESTS); the figures
(throughput, p50/p99 latency, errors) are printed (`pytest -m slow -s`), beside the throughput
of one client alone on the same server, measured just before.
"""

from __future__ import annotations

import statistics
import threading
import time
import urllib.parse
from collections.abc import Iterator

import pytest

import mmkg
from tests.server.client import fetch, get_query
from tests.server.conftest import start_server, stop_server

CLIENTS = 32
DURATION = 20.0  # seconds of load
MAX_REQUESTS = 5000
TIME_LIMIT = 5.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
NAMES = [q.name for q in mmkg.catalogue() if not q.name.startswith("federated")]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def loaded_server() -> Iterator[str]:
    process, base = start_server("--timeout", str(TIME_LIMIT))  # default workers and result limit
    yield base
    stop_server(process)


def _one_client_pass(base: str) -> float:
    """Seconds for one client to run each named query once: the baseline the load is read against."""
    began = time.monotonic()
    for name in NAMES:
        fetch(f"{base}/queries/{urllib.parse.quote(name)}", headers={"Accept": "application/sparql-results+json"})
    return time.monotonic() - began


def test_32_clients_and_a_runaway_query(loaded_server: str) -> None:
    baseline = _one_client_pass(loaded_server)
    results: list[tuple[str, int, float, float]] = []  # name, status, started, seconds
    lock = threading.Lock()
    start = time.monotonic()
    stop_at = start + DURATION

    def client(offset: int) -> None:
        i = offset
        while time.monotonic() < stop_at:
            with lock:
                if len(results) >= MAX_REQUESTS:
                    return
            name = NAMES[i % len(NAMES)]
            i += 1
            began = time.monotonic()
            reply = fetch(
                f"{loaded_server}/queries/{urllib.parse.quote(name)}",
                headers={"Accept": "application/sparql-results+json"},
                timeout=60,
            )
            with lock:
                results.append((name, reply.status, began - start, time.monotonic() - began))

    runaway: list[tuple[int, float, float]] = []

    def run_away() -> None:  # first, so that a worker takes it up at once and its time limit runs from now
        began = time.monotonic()
        reply = get_query(loaded_server, RUNAWAY)
        runaway.append((reply.status, began - start, time.monotonic() - began))

    threads = [threading.Thread(target=run_away)]
    threads[0].start()
    time.sleep(0.5)
    threads += [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads[1:]:
        thread.start()
    for thread in threads:
        thread.join(timeout=DURATION + 120)
    elapsed = time.monotonic() - start

    latencies = sorted(seconds for _, _, _, seconds in results)
    errors = [(name, status) for name, status, _, _ in results if status != 200]
    [(runaway_status, runaway_start, runaway_seconds)] = runaway
    during = [r for r in results if runaway_start <= r[2] and r[2] + r[3] <= runaway_start + runaway_seconds]
    p50 = statistics.median(latencies)
    p99 = latencies[int(0.99 * (len(latencies) - 1))]
    print(
        f"\n{CLIENTS} clients, {len(results)} requests in {elapsed:.1f} s: {len(results) / elapsed:.1f} requests/s; "
        f"latency p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms; "
        f"errors {len(errors)}; runaway query: status {runaway_status} after {runaway_seconds:.2f} s "
        f"(limit {TIME_LIMIT:g} s), {len(during)} requests answered meanwhile; "
        f"baseline, one client alone: {len(NAMES) / baseline:.1f} requests/s, "
        f"so {len(results) / elapsed / (len(NAMES) / baseline):.2f}x under load"
    )
    assert errors == []
    assert runaway_status == 503
    assert TIME_LIMIT <= runaway_seconds < TIME_LIMIT + 3
    # the other queries went on being answered, on the workers the runaway did not hold
    assert len(during) / runaway_seconds >= 0.25 * len(results) / elapsed > 0
