"""mmkg's benchmark suite: every figure of issue 16's table, each beside its baseline in the same run.

Run: ``.venv/bin/python bench/run.py`` (the full suite; about an hour and a half on a busy
2-core machine, far less idle), ``--only cohort,scale`` for some sections, ``--quick`` for
smaller cohorts and graphs and no build. Every figure is the median of ``--repeat`` runs
(default 3) with its spread (min–max); a baseline or a query still running after 60 s is
stopped and shown as "> 60 s" (its ratio as a bound). Prints tables; asserts nothing
(speed targets are read from ratios, never checked by timed tests). The figures of the
last run are in the README's performance section.

- cold: each README question (`mmkg query …`) as a fresh process vs a plain rdflib script that
  parses ``release/mmkg.ttl`` and runs the same SPARQL;
- warm: every named query on the loaded store vs rdflib on the same graph in memory;
- build: each stage of ``mmkg build`` with its time and peak memory (HermiT cold and cached);
- cohort: the single-patient engine vs the batch engine in process (one process and two
  forked workers) and ``mmkg cohort`` to CSV and Parquet at 1k / 10k / 100k generated
  patients at every relapse (patients and patient-relapses per second and per CPU-second —
  a process's CPU time includes its workers' — peak memory, growth);
- scale: every named query on the graph with its trials and approvals copied to 10× and 50×,
  pyoxigraph vs rdflib, and the growth of each (CPU time per call) against linear growth, in
  triples and, for a query whose answer grows with the graph, in the rows it returns.

Machine load matters on a shared machine: the header prints ``uptime`` and the figures
include CPU time beside wall time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
MMKG = str(Path(PYTHON).with_name("mmkg"))
COPIED = ("trial", "arm", "population", "result", "approval", "indication")
TIMEOUT = 60.0  # seconds a baseline or a query at scale may take before it is reported as "> 60 s"
BUDGET = 20.0  # seconds of repeated calls per query once it has run once (at least one timed call)
# at scale, rdflib takes minutes over the queries of each size: a lower limit and budget keep the
# section within about 20 minutes on a busy 2-core machine
SCALE_LIMIT = 20.0
SCALE_BUDGET = 8.0

# The baseline: parse the release's Turtle with rdflib, run the same SPARQL; where the question
# asks for Parquet, write the rows as Parquet too (pandas and pyarrow, as mmkg does), so that both
# sides give the answer in the form asked for.
RDFLIB_SCRIPT = """
import io, sys, rdflib
graph = rdflib.Graph()
graph.parse(sys.argv[1], format="turtle")
query = open(sys.argv[2], encoding="utf-8").read()
result = graph.query(query)
rows = [result.askAnswer] if result.type == "ASK" else list(result)
if sys.argv[3:] == ["parquet"]:
    import pandas
    frame = pandas.DataFrame.from_records([[None if v is None else v.toPython() for v in row] for row in rows])
    frame.columns = [str(v) for v in result.vars]
    frame.astype(str).to_parquet(io.BytesIO(), index=False)
print(len(rows))
"""


# --- measuring ---------------------------------------------------------------------------


def run_process(
    args: list[str], *, env: dict[str, str] | None = None, timeout: float | None = None
) -> dict[str, float]:
    """Wall time, CPU time and peak RSS (MB, the largest process of its tree) of a command.

    With ``timeout``, a command still running after it is stopped and reported as ``{"timeout": …}``.
    """
    if timeout is not None:
        args = ["timeout", f"{timeout:g}", *args]
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or os.environ.copy())
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    error = process.stderr.read().decode() if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if timeout is not None and code == 124:
        return {"timeout": timeout}
    if code != 0:
        raise RuntimeError(f"{shlex.join(args)} failed: {error.strip()[-500:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def repeated(measure: Callable[[], dict[str, float]], repeat: int) -> dict[str, Any]:
    """Median wall and CPU time of ``repeat`` runs, the spread of wall times, the largest peak memory.

    A run that times out is not repeated.
    """
    runs = []
    for _ in range(repeat):
        run = measure()
        if "timeout" in run:
            return run
        runs.append(run)
    walls = [r["wall"] for r in runs]
    return {
        "wall": statistics.median(walls),
        "cpu": statistics.median(r["cpu"] for r in runs),
        "rss": max(r["rss"] for r in runs),
        "spread": spread(walls),
        "runs": len(runs),
    }


def spread(values: list[float], scale: float = 1.0) -> str:
    """``min–max`` of ``values`` (times ``scale``), the spread beside a median."""
    return f"{_cell(min(values) * scale)}–{_cell(max(values) * scale)}"


def timed(fn: Callable[[], object], *, minimum: float = 0.2, repeat: int = 5) -> list[float]:
    """Seconds of one call, ``repeat`` samples (each repeats the call until it lasts ``minimum``)."""
    samples = []
    for _ in range(repeat):
        calls, start = 0, time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= minimum or calls >= 1000:
                break
        samples.append(elapsed / calls)
    return samples


def table(title: str, rows: list[dict[str, Any]], columns: list[str]) -> None:
    print(f"\n## {title}\n")
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    sys.stdout.flush()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def machine() -> str:
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = subprocess.run(["/usr/bin/uptime"], capture_output=True, text=True, check=False).stdout.strip()
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}; {load}"


# --- cold: README questions --------------------------------------------------------------


def readme_questions() -> list[list[str]]:
    """The `mmkg query …` commands of the README that the embedded store answers (no placeholder file, no server)."""
    found = []
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.search(r"(?:^|\s|/)mmkg (query .*)$", line)
        if not match:
            continue
        args = shlex.split(match.group(1), comments=True)
        # the command without its shell redirection (its output is discarded here anyway)
        args = list(itertools.takewhile(lambda word: word not in (">", ">>", "|"), args))
        if args[1].endswith(".rq") and not (ROOT / args[1]).is_file():
            continue  # a placeholder for the reader's own file
        if "--endpoint" in args:
            continue  # a question to a server the reader started: not an answer from the embedded store
        if args not in found:
            found.append(args)
    return found


def sparql_of(kg: Any, args: list[str]) -> str:
    """The SPARQL `mmkg` runs for a `query` command, with every prefix declared and parameters bound."""
    from mmkg.prefixes import sparql_prologue
    from mmkg.queries import catalogue
    from mmkg.store import bind_values
    from mmkg.terms import to_term

    params = {}
    rest = args[2:]
    for flag, value in itertools.pairwise(rest):
        if flag in ("--param", "-p"):
            key, _, text = value.partition("=")
            params[key] = text
    target = args[1]
    if any(ch.isspace() for ch in target) or "{" in target:
        text = bind_values(target, {k: to_term(v) for k, v in params.items()})
    else:
        query = catalogue().get(target)
        text = bind_values(query.sparql, query.bindings(kg, params))
    return sparql_prologue() + text


def cold(repeat: int) -> list[dict[str, Any]]:
    import mmkg

    kg = mmkg.load()
    ttl = ROOT / "release" / "mmkg.ttl"
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for number, args in enumerate(readme_questions()):
            rq = Path(scratch) / f"q{number}.rq"
            rq.write_text(sparql_of(kg, args), encoding="utf-8")
            ours = repeated(lambda a=args: run_process([MMKG, *a]), repeat)
            row = {"question": "mmkg " + shlex.join(args)[:70], "mmkg s": ours["wall"], "spread": ours["spread"]}
            try:
                fmt = ["parquet"] if "parquet" in args else []
                theirs = repeated(
                    lambda q=rq, f=fmt: run_process(
                        [PYTHON, "-c", RDFLIB_SCRIPT, str(ttl), str(q), *f], timeout=TIMEOUT
                    ),
                    repeat,
                )
            except RuntimeError as error:
                row["rdflib script s"] = f"fails ({str(error).splitlines()[-1][:40]})"
            else:
                if "timeout" in theirs:
                    row |= {"rdflib script s": f"> {TIMEOUT:.0f}", "ratio": f"< {ours['wall'] / TIMEOUT:.3g}"}
                else:
                    row |= {
                        "rdflib script s": theirs["wall"],
                        "rdflib spread": theirs["spread"],
                        "ratio": ours["wall"] / theirs["wall"],
                    }
            rows.append(row)
    table(
        f"Cold: a README question as a fresh process vs a plain rdflib script, which writes Parquet too where the question asks for it (goal: ratio ≤ 0.20; median of {repeat})",
        rows,
        ["question", "mmkg s", "spread", "rdflib script s", "rdflib spread", "ratio"],
    )
    return rows


def startup(repeat: int) -> list[dict[str, Any]]:
    rows = []
    for what, code in (
        ("python -c pass", "pass"),
        ("import mmkg.cli", "import mmkg.cli"),
        ("mmkg --help", "from mmkg.cli import main; main(['--help'], standalone_mode=False)"),
    ):
        measured = repeated(lambda c=code: run_process([PYTHON, "-c", c]), repeat)
        rows.append(
            {"start-up": what, "wall s": measured["wall"], "spread": measured["spread"], "peak MB": measured["rss"]}
        )
    table(f"Start-up (median of {repeat})", rows, list(rows[0]))
    return rows


# --- warm: named queries in memory -------------------------------------------------------


def named_queries() -> list[Any]:
    from mmkg.queries import catalogue

    return [q for q in catalogue() if not q.name.startswith("federated")]


def warm(repeat: int) -> list[dict[str, Any]]:
    import mmkg
    from mmkg.prefixes import sparql_prologue
    from mmkg.queries import catalogue
    from mmkg.store import bind_values

    kg = mmkg.load()
    queries = [(q.name, sparql_prologue() + bind_values(q.sparql, q.bindings(kg, {}))) for q in named_queries()]
    theirs = {found["query"]: found for found in scale_run("rdflib", ROOT / "release" / "mmkg.nt", queries, repeat)}
    rows = []
    for name, _ in queries:
        ours = timed(lambda n=name: kg.run(n), repeat=repeat)
        row = {"query": name, "mmkg ms": statistics.median(ours) * 1e3, "spread": spread(ours, 1e3)}
        baseline = theirs[name]
        if "error" in baseline:  # rdflib does not implement every construct pyoxigraph does
            row["rdflib ms"] = f"fails ({baseline['error']})"
        elif baseline["s"] is None:
            row |= {"rdflib ms": f"> {TIMEOUT * 1e3:,.0f}", "× faster": f"> {TIMEOUT / row['mmkg ms'] * 1e3:,.0f}"}
        else:
            row |= {
                "rdflib ms": baseline["s"] * 1e3,
                "rdflib spread": spread([baseline["min"], baseline["max"]], 1e3),
                "runs": baseline["runs"],
                "× faster": baseline["s"] / row["mmkg ms"] * 1e3,
            }
        rows.append(row)
    reading = timed(lambda: catalogue().get("approvals"), repeat=repeat)
    rows.append(
        {
            "query": "(reading the catalogue, per call)",
            "mmkg ms": statistics.median(reading) * 1e3,
            "spread": spread(reading, 1e3),
        }
    )
    table(
        f"Warm: every named query on the loaded store vs rdflib in memory (goal ≥ 20× faster; median of {repeat})",
        rows,
        ["query", "mmkg ms", "spread", "rdflib ms", "rdflib spread", "runs", "× faster"],
    )
    ratios = {r["query"]: r["× faster"] for r in rows if "× faster" in r}
    below = [f"{name} ({_cell(ratio)}×)" for name, ratio in ratios.items() if isinstance(ratio, float) and ratio < 20]
    known = [ratio for ratio in ratios.values() if isinstance(ratio, float)]
    print(
        f"\n{len(ratios) - len(below)} of {len(ratios)} named queries rdflib runs are ≥ 20× faster "
        f"(median of the measured ratios {_cell(statistics.median(known)) if known else '–'}×)"
        + (f"; below: {', '.join(below)}" if below else "")
    )
    return rows


# --- build: by stage ---------------------------------------------------------------------

BUILD_SCRIPT = """
import json, resource, sys, time
from mmkg import resources
from mmkg.build.reasoning import classify
from mmkg.build import quality
from mmkg.build.release import apply_build_rules, release_files
from mmkg.build.validation import load_graph, load_shapes, validate
from mmkg.turtle import read_turtle_files, to_ntriples

def peak():
    with open("/proc/self/status") as handle:
        return next(int(l.split()[1]) for l in handle if l.startswith("VmHWM")) / 1024

def reset():
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")

out = {}
def stage(name, fn):
    reset()
    start = time.perf_counter()
    value = fn()
    out[name] = {"s": time.perf_counter() - start, "peak MB": peak(),
                 "child peak MB": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}
    return value

asserted = stage("parse", lambda: read_turtle_files(resources.source_files()))
shapes = stage("parse shapes", lambda: load_shapes(resources.shape_files()))
inferred = stage("reason (HermiT)", lambda: classify(asserted))
store, ruled = stage("rules", lambda: apply_build_rules(set(asserted) | set(inferred), resources.rules_dir()))
triples = sorted(set(asserted) | set(inferred) | set(ruled), key=str)
stage("validate (SHACL)", lambda: validate(load_graph(to_ntriples(triples)), shapes, store=store))
stage("quality checks", lambda: quality.run_checks(store))
stage("serialise", lambda: release_files(triples, ontology=resources.ontology_dir(), shapes=None))
print(json.dumps(out))
"""


def build() -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as cache:
        for label in ("HermiT cold", "HermiT cached"):
            env = {**os.environ, "MMKG_CACHE_DIR": cache}
            result = subprocess.run(
                [PYTHON, "-c", BUILD_SCRIPT], capture_output=True, text=True, env=env, check=True, cwd=ROOT
            )
            stages = json.loads(result.stdout.strip().splitlines()[-1])
            for name, figures in stages.items():
                rows.append(
                    {
                        "run": label,
                        "stage": name,
                        "s": figures["s"],
                        "peak MB (python)": figures["peak MB"],
                        "peak MB (java)": figures["child peak MB"] if name.startswith("reason") else None,
                    }
                )
            rows.append({"run": label, "stage": "total", "s": sum(f["s"] for f in stages.values())})
    table("Build by stage", rows, list(rows[0]))
    return rows


# --- cohort ------------------------------------------------------------------------------

BATCH_SCRIPT = """
import json, sys, mmkg
from mmkg.sequencing import options_for_cohort
kg = mmkg.load()
def histories():
    with open(sys.argv[1], encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)
rows = 0
for row in options_for_cohort(kg, histories(), region=sys.argv[2], as_of="each relapse", workers=int(sys.argv[3])):
    rows += 1
print(rows)
"""


def write_cohort(path: Path, n: int, seed: int) -> None:
    import mmkg
    from mmkg.sequencing import generate_cohort

    kg = mmkg.load()
    with path.open("w", encoding="utf-8") as handle:
        for history in generate_cohort(kg, n, seed=seed):
            handle.write(json.dumps(history) + "\n")


def count_relapses(path: Path) -> int:
    import mmkg

    kg = mmkg.load()
    total = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            total += max(len(mmkg.parse_history(json.loads(line), kg).lines) - 1, 0)
    return total


def single_patient_baseline(path: Path, patients: int) -> dict[str, float]:
    """The single-patient engine (`mmkg.options`) at every relapse of the first ``patients``."""
    import mmkg
    from mmkg.sequencing import History

    kg = mmkg.load()
    with path.open(encoding="utf-8") as handle:
        histories = [mmkg.parse_history(json.loads(next(handle)), kg) for _ in range(patients)]
    mmkg.options(kg, histories[0], region="EU", as_of="2024-01-01")  # compile the graph's knowledge first
    relapses = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for history in histories:
        for number, line in enumerate(history.lines[1:], start=1):
            mmkg.options(kg, History(history.id, history.lines[:number]), region="EU", as_of=line.start)
            relapses += 1
    return {
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "patients": patients,
        "relapses": relapses,
    }


def cohort(sizes: list[int], repeat: int, region: str = "EU") -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        files = {}
        for n in sizes:
            path = Path(scratch) / f"cohort-{n}.jsonl"
            write_cohort(path, n, seed=n)
            files[n] = path
        relapses = {n: count_relapses(files[n]) for n in sizes}
        runs = [single_patient_baseline(files[sizes[0]], min(200, sizes[0])) for _ in range(repeat)]
        walls = [r["wall"] for r in runs]
        base = {"wall": statistics.median(walls), "cpu": statistics.median(r["cpu"] for r in runs)}
        rows.append(
            {
                "engine": "single patient (mmkg.options)",
                "patients": runs[0]["patients"],
                "relapses": runs[0]["relapses"],
                "wall s": base["wall"],
                "spread": spread(walls),
                "relapses/s": runs[0]["relapses"] / base["wall"],
                "relapses/CPU-s": runs[0]["relapses"] / base["cpu"],
            }
        )
        output = Path(scratch) / "rows.out"

        def batch(n: int, workers: int) -> list[str]:
            return [PYTHON, "-c", BATCH_SCRIPT, str(files[n]), region, str(workers)]

        def cli(n: int, fmt: str) -> list[str]:
            each = ["--region", region, "--as-of", "each-relapse"]
            return [MMKG, "cohort", str(files[n]), *each, "--format", fmt, "-o", str(output)]

        engines: list[tuple[str, Callable[[int], list[str]], str]] = [
            ("batch, in process (options_for_cohort)", lambda n: batch(n, 1), "1 process"),
            ("batch, in process, workers=2", lambda n: batch(n, 2), "2 forked workers"),
            ("mmkg cohort … -o rows.csv", lambda n: cli(n, "csv"), "2 workers"),
            ("mmkg cohort … --format parquet", lambda n: cli(n, "parquet"), "2 workers"),
        ]
        timings: dict[str, dict[int, float]] = {engine: {} for engine, _, _ in engines}
        for n in sizes:
            for engine, command, note in engines:
                figures = repeated(lambda n=n, command=command: run_process(command(n)), repeat)
                size = f"; {output.stat().st_size / 1e6:,.0f} MB" if output.exists() else ""
                output.unlink(missing_ok=True)
                timings[engine][n] = figures["wall"]
                rows.append(
                    {
                        "engine": engine,
                        "patients": n,
                        "relapses": relapses[n],
                        "wall s": figures["wall"],
                        "spread": figures["spread"],
                        "patients/s": n / figures["wall"],
                        "relapses/s": relapses[n] / figures["wall"],
                        "patients/CPU-s": n / figures["cpu"],
                        "relapses/CPU-s": relapses[n] / figures["cpu"],
                        "peak MB": figures["rss"],
                        "note": note + size,
                    }
                )
        for engine, by_size in timings.items():
            for small, large in itertools.pairwise(sizes):
                rows.append(
                    {
                        "engine": f"growth: {engine}",
                        "patients": large,
                        "note": f"{large // small}× the patients: {by_size[large] / by_size[small]:.2f}× the time",
                    }
                )
    columns = ["engine", "patients", "relapses", "wall s", "spread", "patients/s", "relapses/s"]
    columns += ["patients/CPU-s", "relapses/CPU-s"]
    table(
        f"Cohort at every relapse ({region}; generated histories; median of {repeat})",
        rows,
        [*columns, "peak MB", "note"],
    )
    return rows


# --- scale: the graph with its trials and approvals copied ----------------------------------

SCALE_SCRIPT = """
import json, signal, statistics, sys, time
engine, path, skip = sys.argv[1], sys.argv[2], set(json.loads(sys.argv[3]))
repeat, budget, limit = int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
SAMPLE = 0.1
queries = json.loads(sys.stdin.read())
start = time.perf_counter()
if engine == "pyoxigraph":
    import pyoxigraph as ox
    store = ox.Store()
    store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES)
    def run(text):
        result = store.query(text)
        # rows counted in Python, so that the time limit can stop the query between rows
        return bool(result) if isinstance(result, ox.QueryBoolean) else sum(1 for _ in result)
else:
    import rdflib
    graph = rdflib.Graph()
    graph.parse(path, format="nt")
    def run(text):
        return sum(1 for _ in graph.query(text))
print(json.dumps({"load": time.perf_counter() - start}), flush=True)

class PastLimit(BaseException):  # not an Exception: no engine catches it on the way up
    pass

def stop(signum, frame):
    raise PastLimit

signal.signal(signal.SIGALRM, stop)
for name, text in queries:
    if name in skip:
        continue
    try:
        # the first call warms and is stopped past the limit (the graph stays loaded for the next)
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            start, cpu = time.perf_counter(), time.process_time()
            rows = run(text)
            first, first_cpu = time.perf_counter() - start, time.process_time() - cpu
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        samples, cpus, spent = [], [], 0.0
        # a slow query is timed by its first call alone rather than run again; a fast one by
        # samples of calls lasting SAMPLE seconds together (one call of a millisecond is noise)
        while len(samples) < repeat and first < budget / 2 and spent < budget:
            calls, start, cpu = 0, time.perf_counter(), time.process_time()
            while calls == 0 or (time.perf_counter() - start < SAMPLE and calls < 1000):
                run(text)
                calls += 1
            elapsed = time.perf_counter() - start
            spent += elapsed
            samples.append(elapsed / calls)
            cpus.append((time.process_time() - cpu) / calls)
        if not samples:
            samples, cpus = [first], [first_cpu]
    except PastLimit:
        print(json.dumps({"query": name, "s": None, "timeout": True}), flush=True)
        continue
    except Exception as error:
        print(json.dumps({"query": name, "error": type(error).__name__, "s": None}), flush=True)
        continue
    print(json.dumps({"query": name, "s": statistics.median(samples), "min": min(samples), "max": max(samples),
                      "cpu": statistics.median(cpus),
                      "runs": len(samples), "rows": rows}), flush=True)
"""


def scaled_graph(factor: int, out: Path) -> int:
    """The release with its trials and approvals (and what hangs from them) copied ``factor - 1`` times."""
    import pyoxigraph as ox

    triples = list(ox.parse(path=str(ROOT / "release" / "mmkg.nt"), format=ox.RdfFormat.N_TRIPLES))
    prefixes = tuple(f"https://w3id.org/mmkg/{kind}/" for kind in COPIED)
    by_subject: dict[Any, list[Any]] = {}
    for t in triples:
        by_subject.setdefault(t.subject, []).append(t)
    copied = [t for t in triples if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(prefixes)]
    # blank nodes hanging from the copied nodes (count requirements, lists) are copied with them
    seen: set[Any] = set()
    stack = [t.object for t in copied if isinstance(t.object, ox.BlankNode)]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        for t in by_subject.get(node, []):
            copied.append(t)
            if isinstance(t.object, ox.BlankNode):
                stack.append(t.object)

    def renamed(term: Any, copy: int) -> Any:
        if isinstance(term, ox.NamedNode) and term.value.startswith(prefixes):
            return ox.NamedNode(f"{term.value}-x{copy}")
        if isinstance(term, ox.BlankNode):
            return ox.BlankNode(f"{term.value}x{copy}")
        return term

    with out.open("wb") as handle:
        ox.serialize(triples, handle, format=ox.RdfFormat.N_TRIPLES)
        for copy in range(1, factor):
            ox.serialize(
                (ox.Triple(renamed(t.subject, copy), t.predicate, renamed(t.object, copy)) for t in copied),
                handle,
                format=ox.RdfFormat.N_TRIPLES,
            )
    return len(triples) + (factor - 1) * len(copied)


def scale_run(
    engine: str,
    path: Path,
    queries: list[tuple[str, str]],
    repeat: int,
    *,
    limit: float = TIMEOUT,
    budget: float = BUDGET,
    skip: tuple[str, ...] = (),
) -> Iterator[dict[str, Any]]:
    """Each query's median time warm on ``engine`` (and its spread); past ``limit`` seconds it is reported as such.

    A query is stopped inside its process past ``limit`` (the graph stays loaded); one that cannot be
    stopped there (inside one step of pyoxigraph's evaluation) is killed with its process, which is
    started again for the queries left. The queries of ``skip`` (past the limit on a smaller graph)
    are reported as past it without running. Up to ``repeat`` calls after the first, within
    ``budget`` seconds.
    """
    done: list[str] = list(skip)
    for name in skip:
        yield {"query": name, "s": None, "timeout": True, "limit": limit}
    args = [str(repeat), str(budget), str(limit)]
    while True:
        process = subprocess.Popen(
            [PYTHON, "-c", SCALE_SCRIPT, engine, str(path), json.dumps(done), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdin is not None
        assert process.stdout is not None
        process.stdin.write(json.dumps(queries))
        process.stdin.close()
        load = json.loads(process.stdout.readline())
        yield {"query": "(load)", "s": load["load"]}
        remaining = [name for name, _ in queries if name not in done]
        timed_out = None
        for name in remaining:
            line = _readline(process, 2 * limit + budget + 30)
            if line is None:
                timed_out = name
                break
            found = json.loads(line)
            done.append(found["query"])
            yield found | ({"limit": limit} if found.get("timeout") else {})
        if timed_out is None:
            process.wait()
            return
        process.kill()
        process.wait()
        done.append(timed_out)
        yield {"query": timed_out, "s": None, "timeout": True, "limit": limit}
        if len(done) == len(queries):
            return


def _readline(process: subprocess.Popen[str], timeout: float) -> str | None:
    import selectors

    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    ready = selector.select(timeout)
    selector.close()
    if not ready:
        return None
    line = process.stdout.readline()
    return line or None


def _scale_cell(found: dict[str, Any] | None) -> str:
    """Median ms with its spread, or why there is none."""
    if found is None:
        return ""
    if "error" in found:
        return f"fails ({found['error']})"
    if found["s"] is None:
        return f"> {found.get('limit', TIMEOUT):,.0f} s"
    if "min" not in found:  # the load, timed once
        return _cell(found["s"] * 1e3)
    return f"{_cell(found['s'] * 1e3)} ({spread([found['min'], found['max']], 1e3)})"


def _faster(ours: dict[str, Any] | None, theirs: dict[str, Any] | None) -> str:
    """How many times faster pyoxigraph is than rdflib (a bound when rdflib was stopped at its limit)."""
    if not ours or not theirs or ours.get("s") is None or "error" in theirs:
        return ""
    if theirs.get("s") is None:
        return f"> {theirs['limit'] / ours['s']:,.0f}"
    return _cell(theirs["s"] / ours["s"])


def scale(factors: list[int], repeat: int) -> list[dict[str, Any]]:
    import mmkg
    from mmkg.prefixes import sparql_prologue
    from mmkg.store import bind_values

    kg = mmkg.load()
    queries = [(q.name, sparql_prologue() + bind_values(q.sparql, q.bindings(kg, {}))) for q in named_queries()]
    found: dict[tuple[str, str, int], dict[str, Any]] = {}
    sizes = {}
    with tempfile.TemporaryDirectory() as scratch:
        for factor in factors:
            path = Path(scratch) / f"graph-{factor}.nt"
            sizes[factor] = scaled_graph(factor, path)
            for engine in ("pyoxigraph", "rdflib"):
                slow = tuple(n for (e, n, _), r in found.items() if e == engine and r.get("timeout"))
                for result in scale_run(
                    engine, path, queries, repeat, limit=SCALE_LIMIT, budget=SCALE_BUDGET, skip=slow
                ):
                    found[(engine, result["query"], factor)] = result
            path.unlink()

    def seconds(engine: str, name: str, factor: int) -> float | None:
        return found.get((engine, name, factor), {}).get("s")

    def cpu_seconds(name: str, factor: int) -> float | None:
        # growth is read from CPU time: on a shared machine wall time also counts waiting for a core
        figures = found.get(("pyoxigraph", name, factor), {})
        return figures.get("cpu", figures.get("s"))

    rows = []
    for name in ["(load)"] + [n for n, _ in queries]:
        row: dict[str, Any] = {"query": name}
        for factor in factors:
            row[f"{factor}× ms"] = _scale_cell(found.get(("pyoxigraph", name, factor)))
            row[f"{factor}× rdflib ms"] = _scale_cell(found.get(("rdflib", name, factor)))
            row[f"{factor}× faster"] = _faster(
                found.get(("pyoxigraph", name, factor)), found.get(("rdflib", name, factor))
            )
        answers = [found.get(("pyoxigraph", name, f), {}).get("rows") for f in factors]
        row["rows"] = " / ".join(_cell(n) for n in answers) if all(isinstance(n, int) for n in answers) else ""
        first, last = factors[0], factors[-1]
        ours_first, ours_last = cpu_seconds(name, first), cpu_seconds(name, last)
        verdicts = []
        if ours_first and ours_last:
            growth = ours_last / ours_first
            row["growth"] = growth
            row["÷ linear"] = growth / (sizes[last] / sizes[first])
            if isinstance(answers[0], int) and isinstance(answers[-1], int) and answers[-1] > answers[0] > 0:
                row["÷ rows"] = growth / (answers[-1] / answers[0])
            if row["÷ linear"] <= 2:
                verdicts.append("within 2× linear")
            elif row.get("÷ rows", 3) <= 2:
                verdicts.append("worse than 2× linear in triples, within 2× linear in its rows")
            else:
                verdicts.append("worse than 2× linear")
        elif ours_first:
            verdicts.append("blows up")
        behind, unknown = [], []
        for f in factors:
            ours, theirs = seconds("pyoxigraph", name, f), seconds("rdflib", name, f)
            if ours is None and ("pyoxigraph", name, f) in found:
                # pyoxigraph past the limit: behind a finished rdflib, undecided beside a stopped one
                (behind if theirs is not None else unknown).append(f"{f}×")
            elif ours is not None and theirs is not None and ours >= theirs:
                behind.append(f"{f}×")
        if behind:
            verdicts.append(f"behind rdflib at {', '.join(behind)}")
        elif unknown:
            verdicts.append(f"both past the limit at {', '.join(unknown)}")
        else:
            verdicts.append("ahead of rdflib")
        row["verdict"] = "; ".join(verdicts)
        rows.append(row)
    print(f"\ngraph sizes (triples): {', '.join(f'{f}×: {n:,}' for f, n in sizes.items())}")
    table(
        f"Scale: named queries on the graph with trials and approvals copied (median of up to {repeat} warm calls "
        f"within {SCALE_BUDGET:g} s; a query past {SCALE_LIMIT:g} s is stopped and not run on larger graphs; "
        "growth: of CPU time per call from the smallest to the largest graph; ÷ linear: over the growth in "
        "triples; ÷ rows: over the growth in rows returned, for a query whose answer grows with the graph)",
        rows,
        list(rows[1]),
    )
    queries_only = rows[1:]
    worse = [r["query"] for r in queries_only if "worse" in r["verdict"] or "blows up" in r["verdict"]]
    in_rows = [r["query"] for r in queries_only if "within 2× linear in its rows" in r["verdict"]]
    behind = [r["query"] for r in queries_only if "ahead" not in r["verdict"]]
    print(
        f"\n{len(queries_only) - len(worse)} of {len(queries_only)} named queries within 2× of linear growth"
        + (f" (not: {', '.join(worse)})" if worse else "")
        + (f" ({', '.join(in_rows)} within 2× of linear in the rows they return)" if in_rows else "")
        + f"; {len(queries_only) - len(behind)} ahead of rdflib at every size"
        + (f" (not: {', '.join(behind)})" if behind else "")
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller cohorts and graphs, no build")
    parser.add_argument(
        "--only", default="startup,cold,warm,build,cohort,scale", help="comma-separated sections to run"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each figure (median and spread)")
    options = parser.parse_args()
    sections = set(options.only.split(","))
    if options.quick:
        sections.discard("build")
    print(f"# mmkg benchmarks\n\n{machine()}")
    # as pip installs a package (bytecode compiled), not as an editable checkout whose edited
    # modules are compiled again by every process (under PYTHONDONTWRITEBYTECODE, as here)
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "mmkg")], check=False)
    if "startup" in sections:
        startup(options.repeat)
    if "cold" in sections:
        cold(options.repeat)
    if "warm" in sections:
        warm(options.repeat)
    if "build" in sections:
        build()
    if "cohort" in sections:
        cohort([1_000, 10_000] if options.quick else [1_000, 10_000, 100_000], options.repeat)
    if "scale" in sections:
        scale([1, 10] if options.quick else [1, 10, 50], options.repeat)
    print(f"\n{machine()}")


if __name__ == "__main__":
    main()
