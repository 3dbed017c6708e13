"""Fixtures shared by every test: the loaded release, and one reasoned build of all test fixtures.

Reasoning (HermiT) is the slow step of a build. The fixtures that need it — the shape
fixtures (tests/shapes/fixtures/), the drugs and patients that HermiT must classify
(tests/build/fixtures/) and the cohort whose states HermiT must agree with
(tests/sequencing/fixtures/cohort.yaml) — are added to the curated sources and
reasoned over once per test run (``fixture_build``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

import mmkg
from mmkg import resources
from mmkg.sequencing import History, parse_history
from mmkg.turtle import read_turtle_files, to_ntriples

TESTS = Path(__file__).parent
SHAPE_FIXTURES = sorted((TESTS / "shapes" / "fixtures").rglob("*.ttl"))
REASONING_FIXTURES = [
    TESTS / "build" / "fixtures" / "new-bcma-adc.ttl",
    TESTS / "build" / "fixtures" / "len-refractory-patient.ttl",
]
COHORT = TESTS / "sequencing" / "fixtures" / "cohort.yaml"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: end-to-end builds (HermiT, several times); run by CI with `pytest -m slow`"
    )


@pytest.fixture(scope="session")
def kg() -> mmkg.KnowledgeGraph:
    """The shipped release in an embedded store (run `mmkg build` after changing sources)."""
    return mmkg.load()


@pytest.fixture(scope="session")
def cohort(kg: mmkg.KnowledgeGraph) -> dict[str, History]:
    """The patients of tests/sequencing/fixtures/cohort.yaml, by name."""
    data = yaml.safe_load(COHORT.read_text(encoding="utf-8"))
    return {name: parse_history({"id": name, **history}, kg) for name, history in data.items()}


@dataclass
class FixtureBuild:
    """The curated sources plus every test fixture, reasoned with HermiT and with the rules applied (not validated)."""

    triples: list[ox.Triple]
    store: ox.Store
    text: set[str]  # the triples as N-Triples lines without the final " ."

    def has(self, subject: str, predicate: str, obj: str) -> bool:
        return f"<{subject}> <{predicate}> <{obj}>" in self.text


@pytest.fixture(scope="session")
def fixture_build(cohort: dict[str, History], tmp_path_factory: pytest.TempPathFactory) -> FixtureBuild:
    from mmkg.build import infer

    patients = tmp_path_factory.mktemp("cohort") / "cohort.nt"
    patients.write_bytes(to_ntriples([t for h in cohort.values() for t in h.triples()]))
    files = resources.source_files() + SHAPE_FIXTURES + REASONING_FIXTURES + [patients]
    triples, store = infer(read_turtle_files(files))
    return FixtureBuild(triples, store, {str(t) for t in triples})
