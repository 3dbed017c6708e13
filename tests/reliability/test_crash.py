"""The crash suite: the build is killed at random points while a reader keeps reading the release.

After every kill: the release is the old one or the new one (byte for byte), every file of it
parses, no process of the build is left (HermiT's JVM dies with it), no temporary folder is
left (at once after SIGTERM or Ctrl-C, which unwind the build; after SIGKILL, which nothing can
catch, by the next build, which removes what dead builds left); and the concurrent reader
never failed to open or load the release.

The build is that of ``mmkg build``, on a copy of the sources with one note added (so the new
release differs from the old one), into a copy of the release: 12 kills at random points with
the reasoner's cache on, 2 during HermiT with it off, and 3 kills of a build whose work before
writing is replaced by the old release plus one triple (so that they fall in the writing and the
swap). All ``slow`` (half a minute or more); the default suite checks the swap itself
(test_defects.py, ``test_8_a_reader_never_misses_the_release_during_swaps``).
The kill points are drawn from a seeded generator (``MMKG_CRASH_SEED``).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from mmkg.build import RELEASE_FILES

from .harness import REPO, default_sigint

FORMATS = {  # the syntax of each release file, by its extension
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ttl": ox.RdfFormat.TURTLE,
    ".owl": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}
SEED = int(os.environ.get("MMKG_CRASH_SEED", "11"))

BUILD = textwrap.dedent(
    """
    import signal, sys

    def terminated(signum, frame):
        raise KeyboardInterrupt  # as `mmkg build` does (mmkg/cli/build.py)

    signal.signal(signal.SIGTERM, terminated)
    try:
        from pathlib import Path
        import pyoxigraph as ox
        import mmkg.build
        from mmkg.build import release
        out, ontology, shapes, mode = sys.argv[1:5]
        if mode == "stub":  # the merge, reasoning and validation replaced by the old release plus one triple
            def materialise(**options):
                old = Path(ontology).parent / "old.nt"
                triples = [q.triple for q in ox.parse(path=str(old), format=ox.RdfFormat.N_TRIPLES)]
                triples.append(ox.Triple(ox.NamedNode("https://w3id.org/mmkg/drug/x"),
                               ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"), ox.Literal("new")))
                return sorted(triples, key=str), options["report"]
            release.materialise = materialise
        mmkg.build.build(out=Path(out), ontology=Path(ontology), shapes=Path(shapes))
    except KeyboardInterrupt:
        sys.exit(130)
    """
)

READER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import mmkg
    release = Path(sys.argv[1])
    stop = Path(sys.argv[2])
    checks = failures = loads = 0
    while not stop.exists():
        checks += 1
        try:
            with open(release / "mmkg.nt", "rb") as handle:
                handle.read(4096)
            if checks % 200 == 0:
                mmkg.load(release)
                loads += 1
        except Exception as error:
            failures += 1
            print("failure:", type(error).__name__, error, file=sys.stderr)
    print(checks, failures, loads)
    """
)


@dataclass
class Sandbox:
    root: Path
    release: Path
    ontology: Path
    shapes: Path
    old: dict[str, str]
    new: dict[str, str]
    mode: str = "real"  # or "stub": only the writing of the release is real
    longest: float = 12.0  # seconds: kills fall in [0.2, longest]


def _digests(folder: Path) -> dict[str, str]:
    return {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
        for name in RELEASE_FILES
        if (folder / name).exists()
    }


def _env(cache: bool) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if not cache:
        env["MMKG_CACHE_DIR"] = ""
    return env


def _build(box: Sandbox, out: Path, *, cache: bool = True) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", BUILD, str(out), str(box.ontology), str(box.shapes), box.mode],
        env=_env(cache),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=default_sigint,  # SIGINT is one of the ways the build is killed
    )


def _sandbox(root: Path, mode: str) -> Sandbox:
    shutil.copytree(REPO / "ontology", root / "ontology")
    shutil.copytree(REPO / "shapes", root / "shapes")
    shutil.copytree(REPO / "release", root / "release")
    shutil.copy(REPO / "release" / "mmkg.nt", root / "old.nt")
    with open(root / "ontology" / "kb" / "drugs.ttl", "a", encoding="utf-8") as handle:
        handle.write('\ndrug:lenalidomide mmkg:curationNote "crash suite: the new release" .\n')
    box = Sandbox(root, root / "release", root / "ontology", root / "shapes", _digests(root / "release"), {}, mode)
    expected = root / "expected"
    start = time.monotonic()
    build = _build(box, expected)
    assert build.wait() == 0, build.stderr.read().decode()  # type: ignore[union-attr]
    box.longest = (time.monotonic() - start) * 1.2
    box.new = _digests(expected)
    assert box.new != box.old
    return box


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Sandbox:
    return _sandbox(tmp_path_factory.mktemp("crash"), "real")


@pytest.fixture(scope="module")
def stub_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Sandbox:
    return _sandbox(tmp_path_factory.mktemp("crash-stub"), "stub")


def _children_of_build(pid: int) -> list[int]:
    """Processes of the build with ``pid``: HermiT's JVM reads from the build's own folder mmkg-reason-<pid>-…."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if f"mmkg-reason-{pid}-".encode() in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def _leftovers(box: Sandbox, pid: int) -> list[str]:
    left = [p.name for p in box.root.iterdir() if p.name.startswith((".release-new-", ".release-old-"))]
    left += [p.name for p in Path(tempfile.gettempdir()).glob(f"mmkg-reason-{pid}-*")]
    return left


def _check_release(box: Sandbox) -> str:
    now = _digests(box.release)
    assert now in (box.old, box.new), "the release is neither the old one nor the new one"
    for name in now:
        path = box.release / name
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
            continue
        if path.suffix == ".html":  # the model page: whole and readable is all a reader needs
            assert path.read_text(encoding="utf-8").rstrip().endswith("</html>")
            continue
        for _ in ox.parse(path=str(path), format=FORMATS[path.suffix]):
            pass
    return "old" if now == box.old else "new"


def _kill_once(box: Sandbox, rng: random.Random, *, cache: bool, during_hermit: bool = False) -> str:
    build = _build(box, box.release, cache=cache)
    if during_hermit:
        deadline = time.monotonic() + 120
        while not _children_of_build(build.pid) and time.monotonic() < deadline and build.poll() is None:
            time.sleep(0.05)
        assert _children_of_build(build.pid), "HermiT did not start"
        time.sleep(rng.uniform(0.5, 3))
    else:
        time.sleep(rng.uniform(0.2, box.longest))
    how = rng.choice([signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
    if build.poll() is None:
        build.send_signal(how)
    code = build.wait(timeout=120)
    err = build.stderr.read().decode() if build.stderr else ""  # type: ignore[union-attr]
    assert "Traceback" not in err, err
    deadline = time.monotonic() + 10
    while _children_of_build(build.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _children_of_build(build.pid) == [], "a process of the killed build is left"
    which = _check_release(box)
    if how != signal.SIGKILL or code == 0:
        assert _leftovers(box, build.pid) == [], f"left after {how.name}: {_leftovers(box, build.pid)}"
    return f"{how.name} after exit {code}: {which}"


def _reader(box: Sandbox) -> tuple[subprocess.Popen[str], Path]:
    stop = box.root / "stop-reader"
    stop.unlink(missing_ok=True)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(box.release), str(stop)],
        env=_env(True),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return reader, stop


def _finish(box: Sandbox, reader: subprocess.Popen[str], stop: Path) -> None:
    final = _build(box, box.release)  # a whole build: it also removes what killed builds left
    assert final.wait() == 0
    assert _check_release(box) == "new"
    assert [p.name for p in box.root.iterdir() if p.name.startswith((".release-new-", ".release-old-"))] == []
    stop.touch()
    out, err = reader.communicate(timeout=60)
    checks, failures, loads = map(int, out.split())
    assert checks > 100 and loads > 0
    assert failures == 0, f"the reader failed {failures} times in {checks} reads: {err[:500]}"


@pytest.mark.slow
def test_kills_while_writing_the_release(stub_sandbox: Sandbox) -> None:
    """The build's writing and swapping are real, the 30-second work before is not."""
    rng = random.Random(SEED)
    reader, stop = _reader(stub_sandbox)
    for _ in range(3):
        _kill_once(stub_sandbox, rng, cache=True)
    _finish(stub_sandbox, reader, stop)


@pytest.mark.slow
def test_kills_at_random_points(sandbox: Sandbox) -> None:
    rng = random.Random(SEED + 1)
    reader, stop = _reader(sandbox)
    seen = [_kill_once(sandbox, rng, cache=True) for _ in range(12)]
    seen += [_kill_once(sandbox, rng, cache=False, during_hermit=True) for _ in range(2)]
    print("\ncrash suite:", "; ".join(seen))
    _finish(sandbox, reader, stop)
