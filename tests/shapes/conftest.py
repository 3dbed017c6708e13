"""Fixtures of the shape tests: every fixture of tests/shapes/fixtures/ validated in the curated graph's context.

The fixtures (one curated fact with one mistake each) are added to the curated sources,
reasoned over and given the rules' output once (``fixture_build``, tests/conftest.py),
and validated once with their subjects as focus nodes; each fixture's violations are
those on its own subjects.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import rdflib

from mmkg import resources
from mmkg.build.validation import ValidationReport, Violation, load_graph, load_shapes, validate
from mmkg.prefixes import compact
from mmkg.turtle import read_turtle_files, to_ntriples

FIXTURES = Path(__file__).parent / "fixtures"


class ShapeFixtures:
    """The graph with every fixture added, the shapes, and each fixture's violations."""

    def __init__(self, fixture_build) -> None:  # noqa: ANN001 (tests/conftest.py FixtureBuild)
        self.shapes = load_shapes(resources.shape_files())
        self.subjects: dict[str, set[str]] = {}
        for path in sorted(FIXTURES.rglob("*.ttl")):
            triples = read_turtle_files([path])
            self.subjects[path.relative_to(FIXTURES).as_posix()] = {t.subject.value for t in triples if hasattr(t.subject, "value") and not str(t.subject).startswith("_:")}
        self.store = fixture_build.store
        self.graph = load_graph(to_ntriples(fixture_build.triples))
        self.focus = sorted({rdflib.URIRef(s) for subjects in self.subjects.values() for s in subjects})
        # The whole graph is validated: pyshacl 0.40 given focus nodes misses qualified value shapes
        # (shape:RegulatoryEventShape on approval:fixture-no-type).
        self.report: ValidationReport = validate(self.graph, self.shapes, store=self.store)
        self.by_focus: dict[str, list[Violation]] = defaultdict(list)
        for violation in self.report.violations:
            self.by_focus[violation.focus].append(violation)

    def violations_for(self, fixture: str) -> list[str]:
        """Violation lines on the fixture's subjects (``fixture`` relative to tests/shapes/fixtures/)."""
        assert fixture in self.subjects, f"no fixture {fixture}"
        lines = {v.line() for s in self.subjects[fixture] for v in self.by_focus.get(s, []) if v.severity == "Violation"}
        return sorted(lines)

    def assert_violates(self, fixture: str, shape: str, *, focus: str | None = None) -> None:
        """The fixture violates ``shape`` (IRI or CURIE), on ``focus`` when given."""
        lines = self.violations_for(fixture)
        if not lines:
            pytest.fail(f"{fixture}: no violation, expected one of {shape}")
        wanted = f"[shape {compact(shape)}]"
        matching = [line for line in lines if line.endswith(wanted)]
        assert matching, f"{fixture}: no violation of {shape}; got:\n" + "\n".join(lines)
        if focus is not None:
            assert any(f" {compact(focus)}" in line for line in matching), f"{fixture}: {shape} violated, but not on {focus}:\n" + "\n".join(matching)


@pytest.fixture(scope="session")
def shape_fixtures(fixture_build) -> ShapeFixtures:  # noqa: ANN001
    """Every shape fixture validated once (see :class:`ShapeFixtures`)."""
    return ShapeFixtures(fixture_build)
