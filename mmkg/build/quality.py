"""The release's quality report: the checks of ``quality/*.rq`` (ROBOT-report style) over the built triples.

Each check is a SELECT whose every row is a finding (``?entity``, ``?value``); its header
gives its title and level. ERROR findings fail the build; WARN and INFO are reported.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> report = run_checks(store)
>>> report.errors
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .. import resources
from ..errors import BuildFailed
from ..prefixes import compact
from ..store import solutions
from ..turtle import display_path

LEVELS = ("ERROR", "WARN", "INFO")
_HEADER = re.compile(r"^#\s*(title|level|description)\s*:\s*(.*)$")


@dataclass(frozen=True)
class Check:
    name: str
    title: str
    level: str
    sparql: str


@dataclass(frozen=True)
class Finding:
    check: str
    level: str
    entity: str
    value: str

    def line(self) -> str:
        return f"{self.level} {self.check}: {compact(self.entity)}: {self.value}"


@dataclass
class QualityReport:
    checks: list[Check] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "ERROR"]

    def counts(self) -> dict[str, dict[str, int]]:
        """Findings per level and check (every check listed, with 0 when it found nothing)."""
        out: dict[str, dict[str, int]] = {level: {} for level in LEVELS}
        for check in self.checks:
            out[check.level][check.name] = 0
        for finding in self.findings:
            out[finding.level][finding.check] += 1
        return {level: dict(sorted(found.items())) for level, found in out.items()}


def read_check(path: Path) -> Check:
    fields: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line)
        if match:
            fields.setdefault(match.group(1), match.group(2).strip())
        elif line.strip() and not line.startswith("#"):
            break
    level = fields.get("level", "")
    if level not in LEVELS:
        raise BuildFailed(f"{display_path(path)}: a quality check needs '# level:' ERROR, WARN or INFO, got {level!r}")
    return Check(path.stem, fields.get("title", path.stem), level, path.read_text(encoding="utf-8"))


def checks(folder: Path | None = None) -> list[Check]:
    """The checks of ``folder`` (default: the shipped ``quality/``), by name."""
    base = folder or resources.quality_dir()
    return [read_check(p) for p in sorted(base.glob("*.rq"))] if base.is_dir() else []


def run_checks(store: ox.Store, folder: Path | None = None) -> QualityReport:
    """Run every check over ``store``; a check that is not valid SPARQL fails the build."""
    report = QualityReport()
    for check in checks(folder):
        report.checks.append(check)
        try:
            rows = solutions(store, check.sparql)
        except SyntaxError as error:
            raise BuildFailed(f"quality/{check.name}.rq: invalid SPARQL: {error}") from None
        for row in rows:
            entity, value = row["entity"], row["value"]
            report.findings.append(
                Finding(
                    check.name,
                    check.level,
                    entity.value if isinstance(entity, (ox.NamedNode, ox.BlankNode)) else str(entity),
                    value.value if isinstance(value, ox.Literal) else str(value),
                )
            )
    return report


def enforce(report: QualityReport) -> None:
    """Fail the build on ERROR findings, naming each."""
    errors = report.errors
    if errors:
        count = len(errors)
        raise BuildFailed(
            f"the quality report has {count} error{'s' * (count != 1)}", details=[f.line() for f in errors]
        )
