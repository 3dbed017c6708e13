"""Fixtures shared by every test: the loaded release, and one reasoned build of all test fixtures.

Reasoning (HermiT) is the slow step of a build. The fixtures that need it — the shape
fixtures (tests/shapes/fixtures/), the drugs and patients that HermiT must classify
(tests/build/fixtures/) and the cohort whose states HermiT must agree with
(tests/sequencing/fixtures/cohort.yaml) — are added to the curated sources and
reasoned over once per test run (``fixture_build``).
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from xdist.scheduler import LoadScopeScheduling

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


# The test files that use ``fixture_build`` (HermiT, then SHACL over the whole graph):
# under pytest-xdist they run on one worker, so it is built once per run.
SHARES_FIXTURE_BUILD = ("tests/shapes/", "tests/build/test_reasoning.py", "tests/sequencing/test_states.py")


class _Scheduling(LoadScopeScheduling):
    """``--dist loadfile``, except that the files of :data:`SHARES_FIXTURE_BUILD` are one group.

    (``--dist loadgroup`` with ``xdist_group`` marks would say this, but it does not group on
    pytest 9.2: pytest-xdist issue 1386.)
    """

    def _split_scope(self, nodeid: str) -> str:
        path = nodeid.split("::", 1)[0]
        return "fixture_build" if path.startswith(SHARES_FIXTURE_BUILD) else path


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    strays = sorted(
        {
            item.nodeid.split("::", 1)[0]
            for item in items
            if "fixture_build" in getattr(item, "fixturenames", ()) and not item.nodeid.startswith(SHARES_FIXTURE_BUILD)
        }
    )
    if strays:
        raise pytest.UsageError(
            f"{', '.join(strays)} use fixture_build: add them to SHARES_FIXTURE_BUILD in tests/conftest.py"
        )


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> LoadScopeScheduling:
    return _Scheduling(config, log)


@pytest.fixture
def run_mmkg(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``run_mmkg("query", "SELEC ?x", stdin="")``: `mmkg ARGS…` as its entry point runs it, in this process.

    Exit status, stdout and stderr as a subprocess would give them, without starting one (an
    error that escapes the entry point fails the test, as a traceback would show).
    """
    from mmkg.cli import run

    def invoke(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        monkeypatch.setattr(sys, "argv", ["mmkg", *args])
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8"))
        try:
            run()
            status = 0
        except SystemExit as exit:
            status = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
        captured = capsys.readouterr()
        return subprocess.CompletedProcess(["mmkg", *args], status, captured.out, captured.err)

    return invoke


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
