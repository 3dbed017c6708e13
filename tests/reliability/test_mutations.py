"""The mutation suite: every kind of data fault in tests/reliability/mutations.py fails the build.

Each fault is injected into a copy of the knowledge base and built into a copy of the
release: the build must fail (exit 1, or 2 for broken Turtle) with an error that names the
node (or file) and the rule (the shape or build check), and the release copy must be
byte-identical afterwards. The whole suite is ``slow`` (a build each, HermiT for those that
change its input; two at a time); a sample runs by default. The suite reports how many
kinds it covers (``-s`` shows it; ``python -m tests.reliability.tally mutations`` too).
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

import pytest

from .mutations import MUTATIONS, Outcome, run_mutation

SAMPLE = ["turtle-truncated-file", "ill-typed-decimal"]  # a few seconds: caught before the reasoner


def _check(outcome: Outcome) -> None:
    assert outcome.caught, f"{outcome.name}: released: {outcome.message}"
    assert outcome.named, (
        f"{outcome.name}: the error does not name {MUTATIONS_BY_NAME[outcome.name].needles}:\n{outcome.message}"
    )
    assert outcome.release_unchanged, f"{outcome.name}: the release changed"


MUTATIONS_BY_NAME = {m.name: m for m in MUTATIONS}


def test_the_suite_covers_at_least_50_kinds_of_fault() -> None:
    assert len(MUTATIONS_BY_NAME) == len(MUTATIONS) >= 50
    groups = Counter(m.group for m in MUTATIONS)
    print(f"\nmutation suite: {len(MUTATIONS)} kinds of data fault ({dict(groups)})")


@pytest.mark.parametrize("name", SAMPLE)
def test_mutation_sample(name: str) -> None:
    _check(run_mutation(name))


@pytest.fixture(scope="module")
def outcomes() -> dict[str, Outcome]:
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(run_mutation, [m.name for m in MUTATIONS if m.name not in SAMPLE]))
    caught = sum(1 for r in results if r.caught and r.named and r.release_unchanged)
    print(f"\nmutation suite: {len(results)} kinds run, {caught} caught, {len(results) - caught} missed")
    return {r.name: r for r in results}


@pytest.mark.slow
@pytest.mark.parametrize("name", [m.name for m in MUTATIONS if m.name not in SAMPLE])
def test_mutation(outcomes: dict[str, Outcome], name: str) -> None:
    _check(outcomes[name])
