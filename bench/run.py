"""mmkg's benchmark suite: every figure of issue 16's table, each beside its baseline in the same run.

Run: ``.venv/bin/python bench/run.py`` (the full suite, about half an hour on an idle 2-core
machine) or ``bench/run.py --quick`` (smaller cohorts and graphs, no build). Prints tables;
asserts nothing (speed targets are read from ratios, never checked by timed tests).

- cold: each README question (`mmkg query …`) as a fresh process vs a plain rdflib script that
  parses ``release/mmkg.ttl`` and runs the same SPARQL;
- warm: every named query on the loaded store vs rdflib on the same graph in memory;
- build: each stage of ``mmkg build`` with its time and peak memory (HermiT cold and cached);
- cohort: the single-patient engine vs the batch engine in process and ``mmkg cohort`` at
  1k / 10k / 100k generated patients at every relapse (rates, peak memory, growth);
- scale: every named query on the graph with its trials and approvals copied to 10× and 50×,
  pyoxigraph vs rdflib, and the growth of each against linear growth.

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
TIMEOUT = 120.0  # seconds a query may take at scale before it is reported as blowing up

RDFLIB_SCRIPT = """
import sys, rdflib
graph = rdflib.Graph()
graph.parse(sys.argv[1], format="turtle")
query = open(sys.argv[2], encoding="utf-8").read()
result = graph.query(query)
rows = [result.askAnswer] if result.type == "ASK" else list(result)
print(len(rows))
"""


# --- measuring ---------------------------------------------------------------------------


def run_process(args: list[str], *, env: dict[str, str] | None = None, stdin: Any = None) -> dict[str, float]:
    """Wall time, CPU time and peak RSS (MB, the largest process of its tree) of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=stdin, env=env or os.environ.copy()
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    error = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{shlex.join(args)} failed: {error.strip()[-500:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def best_of(measure: Callable[[], dict[str, float]], repeat: int) -> dict[str, float]:
    """The run with the median wall time."""
    runs = sorted((measure() for _ in range(repeat)), key=lambda r: r["wall"])
    return runs[len(runs) // 2]


def timed(fn: Callable[[], object], *, minimum: float = 0.2, repeat: int = 5) -> float:
    """Median seconds of one call (each sample repeats the call until it lasts ``minimum``)."""
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
    return statistics.median(samples)


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
    """The `mmkg query …` commands of the README (those it can run: no placeholder files)."""
    found = []
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.search(r"(?:^|\s|/)mmkg (query .*)$", line)
        if not match:
            continue
        args = shlex.split(match.group(1), comments=True)
        if args[1].endswith(".rq") and not (ROOT / args[1]).is_file():
            continue  # a placeholder for the reader's own file
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
            ours = best_of(lambda a=args: run_process([MMKG, *a]), repeat)
            row = {"question": "mmkg " + shlex.join(args)[:70], "mmkg s": ours["wall"]}
            try:
                theirs = best_of(lambda q=rq: run_process([PYTHON, "-c", RDFLIB_SCRIPT, str(ttl), str(q)]), repeat)
                row |= {"rdflib script s": theirs["wall"], "ratio": ours["wall"] / theirs["wall"]}
            except RuntimeError as error:
                row |= {"rdflib script s": f"fails ({str(error).splitlines()[-1][:40]})"}
            rows.append(row)
    table(
        "Cold: a README question as a fresh process vs a plain rdflib script (goal: ratio ≤ 0.20)",
        rows,
        ["question", "mmkg s", "rdflib script s", "ratio"],
    )
    return rows


def startup(repeat: int) -> list[dict[str, Any]]:
    rows = []
    for what, code in (
        ("python -c pass", "pass"),
        ("import mmkg.cli", "import mmkg.cli"),
        ("mmkg --help", "from mmkg.cli import main; main(['--help'], standalone_mode=False)"),
    ):
        measured = best_of(lambda c=code: run_process([PYTHON, "-c", c]), repeat)
        rows.append({"start-up": what, "wall s": measured["wall"], "peak MB": measured["rss"]})
    table("Start-up", rows, list(rows[0]))
    return rows


# --- warm: named queries in memory -------------------------------------------------------


def rdflib_graph(path: Path) -> Any:
    import rdflib

    from mmkg.prefixes import prefix_map

    graph = rdflib.Graph()
    graph.parse(path, format="nt")
    for prefix, namespace in prefix_map().items():
        graph.bind(prefix, namespace, override=True)
    return graph


def named_queries() -> list[Any]:
    from mmkg.queries import catalogue

    return [q for q in catalogue() if not q.name.startswith("federated")]


def warm(repeat: int) -> list[dict[str, Any]]:
    import mmkg
    from mmkg.queries import catalogue
    from mmkg.store import bind_values

    kg = mmkg.load()
    graph = rdflib_graph(ROOT / "release" / "mmkg.nt")
    from mmkg.prefixes import sparql_prologue

    rows = []
    for query in named_queries():
        bindings = query.bindings(kg, {})
        ours = timed(lambda n=query.name: kg.run(n), repeat=repeat)
        text = sparql_prologue() + bind_values(query.sparql, bindings)
        row = {"query": query.name, "mmkg ms": ours * 1e3}
        try:
            theirs = timed(lambda t=text: list(graph.query(t)), minimum=0.0, repeat=max(1, repeat // 2))
            row |= {"rdflib ms": theirs * 1e3, "× faster": theirs / ours}
        except Exception as error:  # rdflib does not implement every construct pyoxigraph does
            row |= {"rdflib ms": f"fails ({type(error).__name__})"}
        rows.append(row)
    rows.append(
        {
            "query": "(reading the catalogue, per call)",
            "mmkg ms": timed(lambda: catalogue().get("approvals"), repeat=repeat) * 1e3,
        }
    )
    table(
        "Warm: every named query on the loaded store vs rdflib in memory (goal ≥ 20× faster)",
        rows,
        ["query", "mmkg ms", "rdflib ms", "× faster"],
    )
    return rows


# --- build: by stage ---------------------------------------------------------------------

BUILD_SCRIPT = """
import json, resource, sys, time
from mmkg import resources
from mmkg.build.reasoning import classify
from mmkg.build.release import apply_build_rules, serialise, ARTIFACTS
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
stage("serialise", lambda: [serialise(triples, fmt) for fmt in ARTIFACTS.values()])
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
for row in options_for_cohort(kg, histories(), region=sys.argv[2], as_of="each relapse"):
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


def cohort(sizes: list[int], region: str = "EU") -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        files = {}
        for n in sizes:
            path = Path(scratch) / f"cohort-{n}.jsonl"
            write_cohort(path, n, seed=n)
            files[n] = path
        relapses = {n: count_relapses(files[n]) for n in sizes}
        base = single_patient_baseline(files[sizes[0]], min(200, sizes[0]))
        rows.append(
            {
                "engine": "single patient (mmkg.options)",
                "patients": base["patients"],
                "relapses": base["relapses"],
                "wall s": base["wall"],
                "relapses/s": base["relapses"] / base["wall"],
                "relapses/CPU-s": base["relapses"] / base["cpu"],
            }
        )
        timings: dict[str, dict[int, float]] = {"batch": {}, "cli": {}}
        for n in sizes:
            batch = run_process([PYTHON, "-c", BATCH_SCRIPT, str(files[n]), region])
            output = Path(scratch) / "rows.csv"
            cli = run_process(
                [MMKG, "cohort", str(files[n]), "--region", region, "--as-of", "each-relapse", "-o", str(output)]
            )
            size_mb = output.stat().st_size / 1e6
            output.unlink()
            timings["batch"][n], timings["cli"][n] = batch["wall"], cli["wall"]
            for engine, figures, note in (
                ("batch, in process (options_for_cohort)", batch, "1 process"),
                ("mmkg cohort … -o rows.csv", cli, f"{size_mb:,.0f} MB of CSV"),
            ):
                rows.append(
                    {
                        "engine": engine,
                        "patients": n,
                        "relapses": relapses[n],
                        "wall s": figures["wall"],
                        "patients/s": n / figures["wall"],
                        "relapses/s": relapses[n] / figures["wall"],
                        "relapses/CPU-s": relapses[n] / figures["cpu"],
                        "peak MB": figures["rss"],
                        "note": note,
                    }
                )
        for engine, by_size in timings.items():
            for small, large in itertools.pairwise(sizes):
                rows.append(
                    {
                        "engine": f"growth {engine}",
                        "patients": large,
                        "note": f"{large // small}× the patients: {by_size[large] / by_size[small]:.2f}× the time",
                    }
                )
    columns = ["engine", "patients", "relapses", "wall s", "patients/s", "relapses/s", "relapses/CPU-s", "peak MB"]
    table(f"Cohort at every relapse ({region}; generated histories)", rows, [*columns, "note"])
    return rows


# --- scale: the graph with its trials and approvals copied ----------------------------------

SCALE_SCRIPT = """
import json, sys, time
engine, path, skip = sys.argv[1], sys.argv[2], set(json.loads(sys.argv[3]))
queries = json.loads(sys.stdin.read())
start = time.perf_counter()
if engine == "pyoxigraph":
    import pyoxigraph as ox
    store = ox.Store()
    store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES)
    def run(text):
        result = store.query(text)
        return bool(result) if isinstance(result, ox.QueryBoolean) else len(list(result))
else:
    import rdflib
    graph = rdflib.Graph()
    graph.parse(path, format="nt")
    def run(text):
        return len(list(graph.query(text)))
print(json.dumps({"load": time.perf_counter() - start}), flush=True)
for name, text in queries:
    if name in skip:
        continue
    run(text)  # warm
    start = time.perf_counter()
    rows = run(text)
    print(json.dumps({"query": name, "s": time.perf_counter() - start, "rows": rows}), flush=True)
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


def scale_run(engine: str, path: Path, queries: list[tuple[str, str]]) -> Iterator[dict[str, Any]]:
    """Each query's time on ``engine``; a query past TIMEOUT is reported as such and the rest go on."""
    done: list[str] = []
    while True:
        process = subprocess.Popen(
            [PYTHON, "-c", SCALE_SCRIPT, engine, str(path), json.dumps(done)],
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
            line = _readline(process, TIMEOUT)
            if line is None:
                timed_out = name
                break
            found = json.loads(line)
            done.append(found["query"])
            yield found
        if timed_out is None:
            process.wait()
            return
        process.kill()
        process.wait()
        done.append(timed_out)
        yield {"query": timed_out, "s": None, "timeout": True}
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


def scale(factors: list[int]) -> list[dict[str, Any]]:
    import mmkg
    from mmkg.prefixes import sparql_prologue
    from mmkg.store import bind_values

    kg = mmkg.load()
    queries = [(q.name, sparql_prologue() + bind_values(q.sparql, q.bindings(kg, {}))) for q in named_queries()]
    times: dict[tuple[str, str, int], float | None] = {}
    sizes = {}
    with tempfile.TemporaryDirectory() as scratch:
        for factor in factors:
            path = Path(scratch) / f"graph-{factor}.nt"
            sizes[factor] = scaled_graph(factor, path)
            for engine in ("pyoxigraph", "rdflib"):
                for found in scale_run(engine, path, queries):
                    times[(engine, found["query"], factor)] = found["s"]
            path.unlink()
    rows = []
    for name in ["(load)"] + [n for n, _ in queries]:
        row: dict[str, Any] = {"query": name}
        for factor in factors:
            ours, theirs = times.get(("pyoxigraph", name, factor)), times.get(("rdflib", name, factor))
            row[f"{factor}× ms"] = ours * 1e3 if ours is not None else f"> {TIMEOUT:.0f} s"
            row[f"{factor}× rdflib ms"] = theirs * 1e3 if theirs is not None else f"> {TIMEOUT:.0f} s"
        first, last = factors[0], factors[-1]
        ours_first, ours_last = times.get(("pyoxigraph", name, first)), times.get(("pyoxigraph", name, last))
        if ours_first and ours_last:
            growth = ours_last / ours_first
            linear = sizes[last] / sizes[first]
            row["growth"] = growth
            row["× linear"] = growth / linear
            row["verdict"] = "worse than 2× linear" if growth > 2 * linear else "ok"
        elif ours_first and ours_last is None:
            row["verdict"] = "blows up"
        rows.append(row)
    print(f"\ngraph sizes (triples): {', '.join(f'{f}×: {n:,}' for f, n in sizes.items())}")
    table("Scale: named queries on the graph with trials and approvals copied", rows, list(rows[1]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller cohorts and graphs, no build")
    parser.add_argument(
        "--only", default="startup,cold,warm,build,cohort,scale", help="comma-separated sections to run"
    )
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    sections = set(options.only.split(","))
    if options.quick:
        sections.discard("build")
    print(f"# mmkg benchmarks\n\n{machine()}")
    if "startup" in sections:
        startup(options.repeat)
    if "cold" in sections:
        cold(options.repeat)
    if "warm" in sections:
        warm(options.repeat)
    if "build" in sections:
        build()
    if "cohort" in sections:
        cohort([1_000, 10_000] if options.quick else [1_000, 10_000, 100_000])
    if "scale" in sections:
        scale([1, 10] if options.quick else [1, 10, 50])
    print(f"\n{machine()}")


if __name__ == "__main__":
    main()
