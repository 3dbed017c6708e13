"""The build: merge curated Turtle → reason (HermiT) → closed-world rules → SHACL → release.

The release is written atomically (a new folder beside it, swapped in with one
``renameat2(RENAME_EXCHANGE)`` under a lock, so a reader always finds a whole release,
old or new) and is
byte-identical for identical sources: blank nodes get labels from their order in
the sources, and every serialisation is of the sorted triples.

Release files: ``mmkg.nt`` (what ``mmkg.load()`` reads), ``mmkg.ttl``,
``mmkg.owl`` (RDF/XML, for OWL tools), ``mmkg.jsonld``, the base ontology
``mmkg-base.owl`` and the merged shapes ``mmkg-shapes.ttl`` (:mod:`.artefacts`), and
``build-report.json`` (sizes, SHACL and quality results, digests: no timings, so that it
is committed and reviewed like the rest).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import glob
import hashlib
import json
import os
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .. import resources
from ..docs import release as described
from ..errors import BuildFailed
from ..prefixes import prefix_map, sparql_prologue
from ..rules import apply_rules, rule_files
from ..turtle import display_path, read_turtle_files, to_ntriples
from . import quality
from .artefacts import BASE_NAME, IAO_DEFINITION, base_ontology, merged_shapes
from .coverage import coverage
from .reasoning import classify, clean_stale
from .validation import ValidationReport, ill_typed_literals, load_graph, load_shapes, subclass_cycles, validate

ARTIFACTS = {
    "mmkg.nt": ox.RdfFormat.N_TRIPLES,
    "mmkg.ttl": ox.RdfFormat.TURTLE,
    "mmkg.owl": ox.RdfFormat.RDF_XML,
    "mmkg.jsonld": ox.RdfFormat.JSON_LD,
}
SHAPES = "mmkg-shapes.ttl"
EXTRA_ARTIFACTS = (BASE_NAME, SHAPES)
REPORT = "build-report.json"
RELEASE_FILES = (*ARTIFACTS, *EXTRA_ARTIFACTS, *described.FILES, REPORT)


@dataclass
class BuildReport:
    """What a build did: sizes, SHACL and quality results, artifact digests; and timings (seconds, not saved)."""

    source_files: list[str] = field(default_factory=list)
    inputs: dict[str, str] = field(default_factory=dict)  # every data file the build read: its SHA-256
    triples_asserted: int = 0
    triples_inferred: int = 0
    triples_from_rules: int = 0
    triples_total: int = 0
    violations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    quality: dict[str, dict[str, int]] = field(default_factory=dict)
    quality_findings: list[str] = field(default_factory=list)
    coverage: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    artifacts: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        saved = {k: v for k, v in self.__dict__.items() if k != "timings"}
        return json.dumps(saved, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def summary(self) -> str:
        seconds = ", ".join(f"{k} {v:.2f}s" for k, v in self.timings.items())
        return (
            f"{self.triples_asserted} asserted + {self.triples_inferred} inferred + "
            f"{self.triples_from_rules} from rules = {self.triples_total} triples; "
            f"{len(self.violations)} violations, {len(self.warnings)} warnings, "
            f"{len(self.quality_findings)} quality findings; {seconds}"
        )


@contextlib.contextmanager
def _timed(report: BuildReport, step: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    report.timings[step] = round(time.perf_counter() - start, 3)


def materialise(
    *,
    ontology: Path | None = None,
    shapes: Path | None = None,
    extra_files: list[Path] | None = None,
    report: BuildReport | None = None,
) -> tuple[list[ox.Triple], BuildReport]:
    """Merge, reason, apply rules and validate; return the sorted release triples.

    Raises BuildFailed on broken Turtle, an inconsistency or a SHACL violation.
    """
    report = report or BuildReport()
    ontology = ontology or resources.ontology_dir()
    files = resources.source_files(ontology) + list(extra_files or [])
    report.source_files = [_source_name(p, ontology) for p in files]
    report.inputs = input_digests(ontology=ontology, shapes=shapes)
    with _timed(report, "parse"):
        asserted = read_turtle_files(files)
        shape_graph = load_shapes(resources.shape_files(shapes))
    report.triples_asserted = len(set(asserted))
    for check, what in ((ill_typed_literals, "ill-typed literal"), (subclass_cycles, "subclass cycle")):
        faults = check(asserted)
        if faults:
            count = len(faults)
            raise BuildFailed(f"{count} {what}{'s' * (count != 1)} in the curated sources", details=faults)

    with _timed(report, "reason"):
        try:
            inferred = classify(asserted)
        except BuildFailed as failure:
            if failure.details:
                raise
            hints = validate(load_graph(to_ntriples(asserted)), shape_graph)
            raise BuildFailed(str(failure), details=hints.lines()) from None
    report.triples_inferred = len(inferred)

    with _timed(report, "rules"):
        store, from_rules = apply_build_rules(set(asserted) | set(inferred), ontology / "rules")
    report.triples_from_rules = len(from_rules)

    triples = sorted(set(asserted) | set(inferred) | set(from_rules), key=str)
    report.triples_total = len(triples)

    with _timed(report, "validate"):
        result: ValidationReport = validate(load_graph(to_ntriples(triples)), shape_graph, store=store)
    report.violations = [line for line in result.lines() if line.startswith("Violation")]
    report.warnings = [line for line in result.lines() if not line.startswith("Violation")]
    if not result.conforms:
        count = len(report.violations)
        raise BuildFailed(
            f"SHACL validation failed with {count} violation{'s' * (count != 1)}", details=report.violations
        )

    with _timed(report, "quality"):
        found = quality.run_checks(store)
    report.quality = found.counts()
    report.quality_findings = [f.line() for f in found.findings]
    quality.enforce(found)
    report.coverage = coverage(store)
    return triples, report


def input_digests(*, ontology: Path | None = None, shapes: Path | None = None) -> dict[str, str]:
    """SHA-256 of every data file a build reads: curated Turtle, rules and prefixes, shapes, quality checks, named queries.

    Recorded in ``build-report.json``: a release whose record differs from the files of
    today was built from other sources (tests/build/test_build.py checks it in milliseconds;
    ``mmkg build --check`` rebuilds and compares every byte, the code's part included).
    """
    folders = {
        "ontology": ontology or resources.ontology_dir(),
        "shapes": shapes or resources.shapes_dir(),
        "quality": resources.quality_dir(),
        "queries": resources.queries_dir(),
    }
    digests = {}
    for name, folder in folders.items():
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in (".ttl", ".rq", ".json"):
                digests[f"{name}/{path.relative_to(folder).as_posix()}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dict(sorted(digests.items()))


def _source_name(path: Path, ontology: Path) -> str:
    """``ontology/…`` for a curated file wherever the sources are installed; other files as given."""
    try:
        return (Path("ontology") / path.resolve().relative_to(ontology.resolve())).as_posix()
    except ValueError:
        return display_path(path)


def infer(asserted: list[ox.Triple], *, rules: Path | None = None) -> tuple[list[ox.Triple], ox.Store]:
    """Reason over ``asserted`` and apply the closed-world rules, without validating.

    Returns the sorted triples (asserted, inferred, from rules) and a store holding them.
    """
    inferred = classify(asserted)
    store, from_rules = apply_build_rules(set(asserted) | set(inferred), rules or resources.rules_dir())
    return sorted(set(asserted) | set(inferred) | set(from_rules), key=str), store


def apply_build_rules(triples: set[ox.Triple], rules: Path) -> tuple[ox.Store, list[ox.Triple]]:
    """A store of ``triples`` with the rules of the folder ``rules`` applied; and what they added."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return store, apply_rules(store, rule_files(rules), prefixes=sparql_prologue())


def serialise(triples: list[ox.Triple], fmt: ox.RdfFormat) -> bytes:
    if fmt == ox.RdfFormat.N_TRIPLES:
        return to_ntriples(triples)
    data = (
        ox.serialize(triples, format=fmt, prefixes=prefix_map())
        if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML)
        else ox.serialize(triples, format=fmt)
    )
    assert data is not None  # no output file given: pyoxigraph returns the bytes
    return data


def is_release(folder: Path) -> bool:
    """True when ``folder`` holds an mmkg release and nothing else (what a build may replace).

    A release holds ``mmkg.nt`` and other files of ``RELEASE_FILES`` (a release of an
    older build may lack the newer ones), all regular files, and nothing else; its build
    report, when there is one, is a JSON object.
    """
    try:
        entries = list(os.scandir(folder))
        names = {e.name for e in entries}
        if not all(e.is_file(follow_symlinks=False) for e in entries):
            return False
        if REPORT in names and not isinstance(json.loads((folder / REPORT).read_text(encoding="utf-8")), dict):
            return False
    except (OSError, ValueError):
        return False
    return "mmkg.nt" in names and names <= set(RELEASE_FILES)


def check_target(out: Path) -> None:
    """Refuse a target the build must not replace: anything but a new path, an empty folder or a previous release."""
    if str(out) in ("", "."):
        raise BuildFailed("--out needs a folder name")
    if out.is_symlink():
        raise BuildFailed(f"refusing to write the release to {out}: it is a symbolic link")
    if out.exists():
        if not out.is_dir():
            raise BuildFailed(f"refusing to write the release to {out}: it exists and is not a folder")
        try:
            empty = not any(out.iterdir())
        except OSError as error:
            raise BuildFailed(f"cannot read {out}: {error.strerror}") from None
        if not empty and not is_release(out):
            raise BuildFailed(
                f"refusing to replace {out}: it is not an mmkg release (mmkg.nt and the other files a build writes, "
                "nothing else); choose a new or empty folder"
            )


def _staging(out: Path) -> Path:
    """A new staging folder beside ``out`` (which proves the parent is writable), after cleaning stale ones."""
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        for kind in ("new", "old"):
            clean_stale(parent, f".{out.name}-{kind}-")
        return Path(tempfile.mkdtemp(prefix=f".{out.name}-new-{os.getpid()}-", dir=parent))
    except OSError as error:
        raise BuildFailed(f"cannot write the release in {parent}: {error.strerror or error}") from None


_libc: Any = None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where that is not available."""
    global _libc
    if not sys.platform.startswith("linux"):
        return False
    try:
        if _libc is None:
            _libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = _libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _swap(staging: Path, out: Path) -> None:
    """Put ``staging`` in the place of ``out``: readers see the old release or the new one, never neither."""
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging)  # the previous release, checked by check_target
        return
    retired = out.parent / f".{out.name}-old-{os.getpid()}-{time.monotonic_ns()}"
    os.replace(out, retired)  # without an atomic exchange: a moment with no release
    os.replace(staging, out)
    shutil.rmtree(retired, ignore_errors=True)


FOLDER_MODE, FILE_MODE = 0o755, 0o644


def _modes(out: Path) -> tuple[int, dict[str, int]]:
    """The modes for the release replacing ``out``: those of the folder and files it replaces, readable by all.

    A new release gets ``FOLDER_MODE`` and ``FILE_MODE`` whatever the umask (the staging
    folder, from ``mkdtemp``, is private): a release is for everyone to read.
    """
    try:
        folder = stat.S_IMODE(out.stat().st_mode) | FOLDER_MODE
        files = {e.name: stat.S_IMODE(e.stat().st_mode) | FILE_MODE for e in os.scandir(out) if e.is_file()}
    except OSError:
        return FOLDER_MODE, {}
    return folder, files


def release_files(triples: list[ox.Triple], *, ontology: Path, shapes: Path | None) -> dict[str, bytes]:
    """Every release file's bytes but the build report (the graph, the base, the shapes, the model page, VoID)."""
    files = {name: serialise(triples, fmt) for name, fmt in ARTIFACTS.items()}
    tbox = read_turtle_files([ontology / "mmkg.ttl"])
    # the rules write the OBO definition annotations; the base carries those of its own terms
    terms = {t.subject for t in tbox}
    definitions = [t for t in triples if t.predicate == IAO_DEFINITION and t.subject in terms]
    files[BASE_NAME] = serialise(base_ontology(tbox + definitions), ox.RdfFormat.RDF_XML)
    files[SHAPES] = serialise(merged_shapes(resources.shape_files(shapes)), ox.RdfFormat.TURTLE)
    files.update(described.files(triples))  # the model page and the VoID description (mmkg.docs.release)
    return files


def _write_release(files: dict[str, bytes], report: BuildReport, out: Path, staging: Path) -> None:
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
            report.artifacts[name] = hashlib.sha256(data).hexdigest()
        (staging / REPORT).write_text(report.to_json(), encoding="utf-8")
        folder_mode, file_modes = _modes(out)
        for path in staging.iterdir():
            os.chmod(path, file_modes.get(path.name, FILE_MODE))
        os.chmod(staging, folder_mode)
        with open(out.parent / f".{out.name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            check_target(out)  # again: another process may have put something there meanwhile
            _swap(staging, out)
    except OSError as error:
        raise BuildFailed(f"cannot write the release to {out}: {error.strerror or error}") from None


def build(*, out: Path | None = None, ontology: Path | None = None, shapes: Path | None = None) -> BuildReport:
    """Build the release into ``out`` (default: the project's ``release/``).

    ``out`` must be a new path, an empty folder or a previous release (checked before
    any work, with its parent's writability); nothing in ``out`` changes unless the
    whole build succeeds, and then it is replaced in one step.
    """
    out = Path(out) if out is not None else resources.release_dir()
    check_target(out)
    report = BuildReport()
    start = time.perf_counter()
    ontology = ontology or resources.ontology_dir()
    try:
        staging = _staging(out)
        triples, report = materialise(ontology=ontology, shapes=shapes, report=report)
        with _timed(report, "write"):
            _write_release(release_files(triples, ontology=ontology, shapes=shapes), report, out, staging)
    finally:
        # this build's staging folders, found by name: also one that a Ctrl-C interrupted
        # between its creation and the assignment above
        for folder in out.parent.glob(glob.escape(f".{out.name}-new-{os.getpid()}-") + "*"):
            shutil.rmtree(folder, ignore_errors=True)
    report.timings["total"] = round(time.perf_counter() - start, 3)
    return report


def check(*, release: Path | None = None) -> list[str]:
    """Rebuild in a scratch folder and list the release artifacts that differ from ``release``."""
    release = release or resources.release_dir()
    with tempfile.TemporaryDirectory(prefix="mmkg-check-") as scratch:
        build(out=Path(scratch) / "release")
        return [
            name
            for name in RELEASE_FILES
            if not (release / name).is_file()
            or (release / name).read_bytes() != (Path(scratch) / "release" / name).read_bytes()
        ]
