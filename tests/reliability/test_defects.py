"""The defects of issue 11, one group at a time, each reproduced as it was reported.

Each test failed on main before the fix (``python -m pytest tests/reliability/test_defects.py``
with ``PYTHONPATH`` on a checkout of that main shows it) and passes after. The wider nets are
the corpus (test_corpus.py), the mutation suite (test_mutations.py), the fuzz suite
(test_fuzz.py) and the crash suite (test_crash.py).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

import mmkg
from mmkg import resources
from mmkg.build import RELEASE_FILES
from mmkg.errors import BuildFailed, InputError, MmkgError

from .harness import REPO, default_sigint, run_cli, run_in_process

ONE_TRIPLE = [
    ox.Triple(
        ox.NamedNode("https://w3id.org/mmkg/drug/x"),
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
        ox.Literal("x"),
    )
]


@pytest.fixture
def quick_build(monkeypatch: pytest.MonkeyPatch):
    """mmkg.build.build with the 30-second work replaced by one triple (to test what surrounds it)."""
    from mmkg.build import release

    calls = []

    def materialise(**options):
        calls.append(options)
        return ONE_TRIPLE, options.get("report") or release.BuildReport()

    def release_files(triples, **options):  # the files beside the graph empty: their making is not tested here
        others = [name for name in release.RELEASE_FILES if name not in release.ARTIFACTS and name != release.REPORT]
        graph = {name: release.serialise(triples, fmt) for name, fmt in release.ARTIFACTS.items()}
        return graph | dict.fromkeys(others, b"")

    monkeypatch.setattr(release, "materialise", materialise)
    monkeypatch.setattr(release, "release_files", release_files)
    release.build.calls = calls  # type: ignore[attr-defined]
    return release.build


# --- 1. `mmkg build --out DIR` deletes what is there ------------------------------------------------------


def test_1_out_at_a_foreign_folder_is_refused_and_left_alone(tmp_path: Path, quick_build) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("years of work\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match="not an mmkg release"):
        quick_build(out=mine)
    assert [p.name for p in mine.iterdir()] == ["thesis.tex"]
    assert quick_build.calls == [], "refused before the build's work"


def test_1_out_at_a_file_is_refused_and_the_file_kept(tmp_path: Path, quick_build) -> None:
    target = tmp_path / "file"
    target.write_text("precious\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match="not a folder"):
        quick_build(out=target)
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"], "nothing moved aside, nothing left beside it"


def test_1_empty_out_and_unwritable_parent_fail_in_one_line_before_the_work(tmp_path: Path, quick_build) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")
    for out in (Path(""), blocker / "release", Path("/proc/mmkg-test/release")):
        with pytest.raises(BuildFailed) as failure:
            quick_build(out=out)
        assert "\n" not in str(failure.value)
    assert quick_build.calls == []
    result = run_cli(["build", "--out", ""])
    assert (result.code, result.stderr.count("\n")) == (2, 1), result.stderr


def test_1_a_previous_release_is_replaced_and_an_empty_folder_used(tmp_path: Path, quick_build) -> None:
    out = tmp_path / "release"
    quick_build(out=out)
    quick_build(out=out)  # a previous release: replaced
    assert sorted(p.name for p in out.iterdir()) == sorted(RELEASE_FILES)
    empty = tmp_path / "empty"
    empty.mkdir()
    quick_build(out=empty)
    assert (empty / "mmkg.nt").is_file()


def test_1_the_committed_release_and_an_older_one_are_previous_releases(tmp_path: Path) -> None:
    from mmkg.build.release import is_release

    committed = resources.release_dir()
    assert is_release(committed), "the release of a fresh clone (with its build report) may be rebuilt"
    older = tmp_path / "older"
    older.mkdir()
    for name in ("mmkg.nt", "mmkg.ttl", "mmkg.owl", "mmkg.jsonld"):  # before the base and the merged shapes
        (older / name).write_bytes((committed / name).read_bytes())
    assert is_release(older)
    (older / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert not is_release(older)


def test_1_enospc_while_writing_is_one_line_and_leaves_no_staging(tmp_path: Path, quick_build, monkeypatch) -> None:
    def full(path: Path, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(BuildFailed, match="No space left on device"):
        quick_build(out=tmp_path / "release")
    assert list(tmp_path.iterdir()) == [], "no staging folder, no half release"


def test_1_ctrl_c_right_after_the_staging_folder_is_made_leaves_none(tmp_path: Path, quick_build, monkeypatch) -> None:
    """The crash suite once found a staging folder left by a Ctrl-C between its creation and the build's try block."""
    import tempfile

    from mmkg.build import release

    made = tempfile.mkdtemp

    def interrupted(*args: object, **kwargs: object) -> str:
        made(*args, **kwargs)  # type: ignore[call-overload]
        raise KeyboardInterrupt

    monkeypatch.setattr(release.tempfile, "mkdtemp", interrupted)
    with pytest.raises(KeyboardInterrupt):
        quick_build(out=tmp_path / "release")
    assert list(tmp_path.iterdir()) == [], "no staging folder"


# --- 2. Unbounded queries ------------------------------------------------------------------------------


def test_2_a_cartesian_product_stops_at_the_time_limit(kg) -> None:
    start = time.monotonic()
    with pytest.raises(MmkgError, match="time limit"):
        kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=1)
    assert time.monotonic() - start < 10  # a shared 2-core machine: generous


@pytest.mark.slow  # seconds of CPU building 100,000 rows; the row limit itself: the corpus's "max rows 1"
def test_2_a_product_to_csv_stops_at_the_row_limit() -> None:
    result = run_cli(["query", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "--format", "csv"], seconds=60)
    assert result.code == 2 and result.stdout == "", result.stderr
    assert result.stderr.startswith("mmkg: error: the query returned more than 100000 rows")


def _wait_for_cpu(pid: int, seconds: float) -> None:
    tick = os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        if (int(fields[11]) + int(fields[12])) / tick >= seconds:
            return
        time.sleep(0.05)


@pytest.mark.slow  # seconds of CPU before the signal
def test_2_ctrl_c_stops_a_query() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    process = subprocess.Popen(
        [sys.executable, "-c", "from mmkg.cli import run; run()", "query", query, "--timeout", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=default_sigint,
    )
    _wait_for_cpu(process.pid, 1.5)  # loaded (about 0.7 s of CPU) and evaluating
    process.send_signal(signal.SIGINT)
    try:
        _, err = process.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("SIGINT did not stop the query")
    assert process.returncode == 130
    assert err.decode() == "mmkg: interrupted\n"


def test_2_service_is_off_unless_allowed(kg) -> None:
    with pytest.raises(MmkgError, match="federated queries are off"):
        kg.run("federated-wikidata")
    code, _, err = run_in_process(["query", "federated-wikidata"])
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err


# --- 3. One error path --------------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [bytes(range(256)), "SELECT * WHERE { ?s ?p 'café' }".encode("latin-1")])
def test_3_binary_or_latin1_query_files_are_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "q.rq"
    path.write_bytes(content)
    code, _, err = run_in_process(["query", str(path)])
    assert (code, err.count("\n")) == (2, 1) and "not UTF-8" in err, err


def test_3_invalid_iris_are_input_errors(kg) -> None:
    for call in (
        lambda: kg.resolve("drug:lenalidomide>"),
        lambda: kg.query("SELECT ?l WHERE { ?d rdfs:label ?l }", d="drug:lenalidomide>"),
        lambda: kg.resolve("https://w3id.org/mmkg/drug/a b"),
    ):
        with pytest.raises(InputError):
            call()


def test_3_a_pyshacl_crash_is_a_build_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyshacl
    import rdflib

    from mmkg.build import validation

    def crash(*args, **kwargs):
        raise TypeError("'<' not supported between instances of 'Literal' and 'Literal'")

    monkeypatch.setattr(pyshacl, "validate", crash)
    with pytest.raises(BuildFailed, match="SHACL validation crashed"):
        validation.validate(rdflib.Graph(), rdflib.Graph())


def test_3_histories_with_blank_nodes_transplants_5_and_bad_ids(tmp_path: Path, kg) -> None:
    from mmkg.sequencing import read_history

    ttl = tmp_path / "h.ttl"
    ttl.write_text(
        "@prefix mmkg: <https://w3id.org/mmkg/ontology/> . @prefix regimen: <https://w3id.org/mmkg/regimen/> .\n"
        "[] a mmkg:Patient ; mmkg:hasLineOfTherapy [ mmkg:lineNumber 1 ; mmkg:lineRegimen regimen:VRd ] .\n",
        encoding="utf-8",
    )
    assert len(read_history(ttl, kg).lines) == 1
    for text, needle in (
        ("lines: [{regimen: VRd}]\ntransplants: 5\n", "transplants"),
        ("id: 'a b'\nlines: []\n", "id"),
    ):
        path = tmp_path / "h.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as failure:
            read_history(path, kg)
        assert needle in " ".join(getattr(failure.value, "problems", [str(failure.value)]))


# --- 4. Unbounded input ------------------------------------------------------------------------------------


def test_4_dev_zero_alias_bombs_and_huge_line_counts_are_refused_at_once(tmp_path: Path, kg) -> None:
    from mmkg.sequencing import history_from_shortcuts, read_history

    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(
        "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)),
        encoding="utf-8",
    )
    start = time.monotonic()
    for path in (tmp_path / "zero.yaml", bomb):
        with pytest.raises(InputError):
            read_history(path, kg)
    with pytest.raises(InputError) as failure:
        history_from_shortcuts(kg, lines=99_999_999_999)
    assert "--lines must be between 0 and 50" in failure.value.problems[0]  # type: ignore[attr-defined]
    assert time.monotonic() - start < 5


# --- 5. Wrong answers with exit 0 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("approved-as-of", {"region": "XX"}),
        ("approved-as-of", {"region": ""}),
        ("approved-as-of", {"prior_lines": -1}),
        ("drug-classes", {"axis": "bogus"}),
    ],
)
def test_5_parameters_outside_what_the_graph_allows_are_errors(kg, name: str, params: dict) -> None:
    with pytest.raises(InputError):
        kg.run(name, **params)


def test_5_a_misspelt_binding_or_a_where_in_a_comment_does_not_drop_the_binding(kg) -> None:
    with pytest.raises(InputError, match=r"no variable \?drg"):
        kg.query("SELECT ?l WHERE { ?d rdfs:label ?l }", drg="drug:lenalidomide")
    assert kg.query("# WHERE {\nSELECT ?l WHERE { ?d rdfs:label ?l }", d="drug:lenalidomide") == [{"l": "lenalidomide"}]


@pytest.mark.parametrize(
    "args",
    [
        ["options", "--region", "EU", "--region", "US", "--after", "lenalidomide"],
        ["options", "--region", "EU", "--as-of", "2024-01-01", "--as-of", "2025-01-01", "--after", "lenalidomide"],
        ["options", "--region", "EU", "--after", ""],
        ["options", "--region", "EU", "--exposed", "mmkg:Drug"],
        ["options", "--region", "EU", "--refractory", "mmkg:Patient"],
    ],
)
def test_5_repeated_flags_and_meaningless_options_are_errors(args: list[str]) -> None:
    code, out, err = run_in_process(args)
    assert code == 2 and out == "" and err.count("\n") == 1, err


def test_5_histories_contradictions_and_lines_after_as_of(tmp_path: Path, kg) -> None:
    from mmkg.sequencing import read_history

    for text, needle in (
        ("lines:\n  - {regimen: VRd, progression: on-therapy, refractory: false}\n", "contradicts"),
        ("lines:\n  - {drugs: []}\n", "empty"),
        ("lines:\n  - {regimen: VRd, drugs: [lenalidomide]}\n", "not both"),
        ("lines: []\nlines: []\n", "duplicate key"),
    ):
        path = tmp_path / "h.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as failure:
            read_history(path, kg)
        assert needle in " ".join([str(failure.value), *getattr(failure.value, "problems", [])])
    history = {"lines": [{"regimen": "VRd", "start": "2020-01-01"}, {"regimen": "Kd", "start": "2022-01-01"}]}
    assert kg.options(history, region="EU", as_of="2021-01-01").patient["prior_lines"] == 1


# --- 6. API injection --------------------------------------------------------------------------------------------


def test_6_binding_names_are_checked_not_pasted(kg) -> None:
    crafted = "d) {} } ?s ?p ?o { VALUES (?d"
    with pytest.raises(InputError, match="variable name"):
        kg.query("SELECT ?l WHERE { ?d rdfs:label ?l }", **{crafted: 1})


def test_6_to_networkx_predicates_are_terms(kg) -> None:
    with pytest.raises(InputError):
        kg.to_networkx(predicates=["mmkg:hasComponent> } UNION { ?s ?p ?o"])


# --- 7. Data faults that reached the release: see tests/shapes/test_integrity_shapes.py and the mutation suite --


# --- 8. Build hygiene --------------------------------------------------------------------------------------------


def test_8_staging_folders_are_git_ignored() -> None:
    names = [".release-new-123-abc", ".release-old-123-456", ".release.lock"]
    result = subprocess.run(["git", "check-ignore", *names], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.stdout.split() == names


def _modes(folder: Path) -> tuple[int, set[int]]:
    return folder.stat().st_mode & 0o777, {p.stat().st_mode & 0o777 for p in folder.iterdir()}


def test_8_a_release_is_readable_by_all_whatever_the_umask(tmp_path: Path, quick_build) -> None:
    out = tmp_path / "release"
    umask = os.umask(0o077)  # a private umask: the staging folder of mkdtemp is 0700 anyway
    try:
        quick_build(out=out)
        assert _modes(out) == (0o755, {0o644})
        quick_build(out=out)  # replacing a release made so
        assert _modes(out) == (0o755, {0o644})
    finally:
        os.umask(umask)


def test_8_a_rebuilt_release_keeps_the_modes_of_the_one_it_replaces(tmp_path: Path, quick_build) -> None:
    out = tmp_path / "release"
    quick_build(out=out)
    out.chmod(0o775)
    for path in out.iterdir():
        path.chmod(0o664)
    quick_build(out=out)
    assert _modes(out) == (0o775, {0o664})
    out.chmod(0o700)  # as the build of issue 11 left it: readable by all again
    quick_build(out=out)
    assert _modes(out)[0] == 0o755


@pytest.mark.slow  # loads owlready2 in a subprocess; the crash suite checks it too
def test_8_hermit_dies_with_the_build(tmp_path: Path) -> None:
    """The JVM is started as owlready2 starts it, inside the build's binding; killing the build kills it."""
    pid_file = tmp_path / "child.pid"
    script = textwrap.dedent(
        f"""
        import subprocess, tempfile, time
        import owlready2.reasoning
        from mmkg.build.reasoning import _hermit_bound_to_build
        with _hermit_bound_to_build(tempfile.mkdtemp()):
            child = subprocess.Popen(["sleep", "120"], **owlready2.reasoning._subprocess_kargs)
            open({str(pid_file)!r}, "w").write(str(child.pid))
            time.sleep(120)
        """
    )
    build = subprocess.Popen([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(REPO)})
    for _ in range(100):
        if pid_file.exists() and pid_file.read_text():
            break
        time.sleep(0.1)
    child = int(pid_file.read_text())
    assert os.getpgid(child) == child, "its own process group"
    build.kill()
    build.wait()
    for _ in range(50):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        with contextlib.suppress(ChildProcessError):
            os.waitpid(child, os.WNOHANG)
        if Path(f"/proc/{child}/stat").exists() and Path(f"/proc/{child}/stat").read_text().split()[2] == "Z":
            return  # a zombie waiting for init: dead
        time.sleep(0.1)
    os.kill(child, signal.SIGKILL)
    pytest.fail("the reasoner's process outlived the build")


@pytest.mark.slow  # two processes busy for two seconds, as the crash suite
def test_8_a_reader_never_misses_the_release_during_swaps(tmp_path: Path, quick_build) -> None:
    out = tmp_path / "release"
    quick_build(out=out)
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import time
                misses = checks = 0
                end = time.monotonic() + 2
                while time.monotonic() < end:
                    checks += 1
                    try:
                        with open({str(out / "mmkg.nt")!r}, "rb") as handle:
                            handle.read(64)
                    except OSError:
                        misses += 1
                print(misses, checks)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    swaps = 0
    while reader.poll() is None:
        quick_build(out=out)
        swaps += 1
    misses, checks = map(int, reader.stdout.read().split())  # type: ignore[union-attr]
    assert swaps > 5 and checks > 1000
    assert misses == 0, f"{misses} misses in {checks} checks across {swaps} swaps"


def test_8_stale_staging_folders_of_dead_builds_are_cleaned(tmp_path: Path, quick_build) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f".release-new-{dead.pid}-x"
    stale.mkdir()
    (stale / "mmkg.nt").write_text("half\n", encoding="utf-8")
    quick_build(out=tmp_path / "release")
    assert not stale.exists()
    assert mmkg.load(tmp_path / "release") is not None
