"""The fuzz suite: generated inputs for the CLI, the history reader and the Python API (Hypothesis).

For every input: exit 0 (or a return) with a well-formed answer, or a clean error: exit 1/2
with every stderr line a complete ``mmkg: error: …`` line (the API: one of mmkg's documented
exceptions, ``str()`` one line); never a traceback, a hang or unbounded memory. Each example
runs under an alarm (a hang fails it) and the process's memory growth over a run is bounded.

The CLI runs in-process (``mmkg.cli.run`` with argv, stdout and stderr redirected) with
``--timeout 5`` on queries, so that a generated query cannot keep a worker busy past the
example; the subprocess path, limits and signals are the corpus's and the crash suite's.

``slow``: 500 examples per entry point. Default suite: 25 each. The examples are derandomised
(the same every run, so CI is stable); ``MMKG_FUZZ_RANDOM=1`` explores new ones.
"""

from __future__ import annotations

import json
import os
import resource
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mmkg
from mmkg.errors import MmkgError
from mmkg.sequencing import history

from .harness import WARNING, alarm, run_in_process

RANDOM = os.environ.get("MMKG_FUZZ_RANDOM") == "1"
MEMORY_GROWTH = 1024**3  # bytes a run of examples may add to the process


def _settings(examples: int) -> Any:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
    )


KG = None


def graph() -> mmkg.KnowledgeGraph:
    global KG
    if KG is None:
        KG = mmkg.load()
    return KG


# --- pools of plausible and hostile pieces -----------------------------------------------------------------------

NAMES = [
    "lenalidomide",
    "Isa-Kd",
    "KRd",
    "DaraVRd",
    "teclistamab",
    "cilta-cel",
    "Carvykti",
    "BCMA",
    "GPRC5D",
    "CD38",
    "PI",
    "IMiD",
    "anti-CD38",
    "mmkg:ProteasomeInhibitor",
    "mmkg:Drug",
    "mmkg:Patient",
    "drug:lenalidomide",
    "drug:lenalidomide>",
    "https://w3id.org/mmkg/drug/lenalidomide",
    "https://w3id.org/mmkg/drug/a b",
    "CHEBI:63791",
    "DB00480",
    "IKEMA",
    "MM-014",
    "RRMM",
    "setting:NDMM-TE",
    "phase:induction",
    "EU",
    "XX",
    "",
    " ",
    "lenalidomid",
    "💊",
    "\u202e",
    "x" * 300,
    "'; DROP",
    "<x>",
    "?s",
    "} UNION {",
    "a\tb",
    "\\",
    '"',
]
HOSTILE = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
NAME = st.one_of(st.sampled_from(NAMES), HOSTILE)
QUERY_NAMES = [*sorted(q.name for q in mmkg.catalogue()), "no-such-query", "targeted-product", ""]
PARAM_NAMES = [*sorted({p.name for q in mmkg.catalogue() for p in q.parameters}), "drg", "x", "a b", "", "timeout"]
VALUES = [
    *NAMES,
    "2025-03-01",
    "today",
    "2025-13-01",
    "-1",
    "0",
    "3",
    "1.5",
    "99999999999",
    "true",
    "pharmacological class",
    "itt",
    "any",
    "none",
    "us",
    "IT",
]
VALUE = st.one_of(st.sampled_from(VALUES), HOSTILE)
SPARQL = [
    "ASK { drug:teclistamab a mmkg:BCMABispecific }",
    "SELECT ?l WHERE { ?d rdfs:label ?l } LIMIT 5",
    "SELECT ?d WHERE { ?d a mmkg:Drug }",
    "# WHERE {\nSELECT ?l WHERE { ?d rdfs:label ?l }",
    "CONSTRUCT { ?d rdfs:label ?l } WHERE { ?d a mmkg:Drug ; rdfs:label ?l } LIMIT 3",
    "DESCRIBE drug:lenalidomide",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
    "SELEC ?x",
    "INSERT DATA { drug:x a mmkg:Drug }",
    "SELECT * WHERE " + "{" * 300 + "}" * 300,
    "SELECT ?x WHERE { BIND(1/0 AS ?x) }",
    'SELECT ?l WHERE { ?d rdfs:label ?l FILTER(REGEX(?l, "(")) }',
    "",
]
QUERY = st.one_of(st.sampled_from(SPARQL), HOSTILE.map(lambda t: "SELECT * WHERE { " + t + " }"), HOSTILE)
FLAG = st.sampled_from(
    [
        "--format",
        "--timeout",
        "--max-rows",
        "--service",
        "--region",
        "--as-of",
        "--after",
        "--exposed",
        "--refractory",
        "--lines",
        "--history",
        "--out",
    ]
)
FORMAT = st.sampled_from(["table", "json", "csv", "xml", ""])


@st.composite
def cli_args(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(["query", "query", "query", "resolve", "xref", "options", "queries", "nonsense"]))
    args: list[str] = [command]
    if command == "query":
        args.append(draw(st.one_of(st.sampled_from(QUERY_NAMES), QUERY)))
        for _ in range(draw(st.integers(0, 3))):
            args += ["-p", f"{draw(st.sampled_from(PARAM_NAMES))}={draw(VALUE)}"]
        args += ["--timeout", "5"]
    elif command in ("resolve", "xref"):
        args.append(draw(NAME))
    elif command == "options":
        args += ["--region", draw(st.sampled_from(["EU", "US", "IT", "eu", "XX", ""]))]
        args += ["--as-of", draw(st.sampled_from(["2025-03-01", "2020-01-01", "2025-02-30", "", "1900-01-01"]))]
        for _ in range(draw(st.integers(0, 3))):
            option = draw(st.sampled_from(["--after", "--exposed", "--refractory", "--lines", "--region"]))
            value = str(draw(st.integers(-3, 60))) if option == "--lines" else draw(NAME)
            args += [option, value]
    if draw(st.booleans()):
        args += ["--format", draw(FORMAT)]
    if draw(st.integers(0, 9)) == 0:
        args += [draw(FLAG), draw(VALUE)]
    return args


def well_formed(out: str, args: list[str]) -> bool:
    fmt = args[args.index("--format") + 1] if "--format" in args else "table"
    if args[0] in ("resolve",):
        return len(out.strip().split("\t")) == 3
    if args[0] == "options":
        return "not medical advice" in out.replace("\n", " ") or out.lstrip().startswith("{")
    if fmt == "json":
        json.loads(out)
        return True
    if fmt == "csv":
        return bool(out.strip())
    return out.rstrip().endswith(("rows)", "row)", "(no results)", "true", "false")) or out.strip() == "(no results)"


def check_cli(args: list[str]) -> None:
    code, out, err = run_in_process(args)
    assert "Traceback" not in err, f"{args}: {err}"
    if code == 0:
        assert well_formed(out, args), f"{args}: exit 0 with {out[:300]!r}"
        return
    assert code in (1, 2), f"{args}: exit {code}: {err[:300]}"
    lines = [line for line in err.strip().splitlines() if not line.startswith(WARNING)]
    assert lines and all(line.startswith(("mmkg: error: ", "  ")) for line in lines), f"{args}: stderr {err[:300]!r}"
    assert lines[0].startswith("mmkg: error: ")


# --- histories ---------------------------------------------------------------------------------------------------

LINE_KEYS = sorted(history.LINE_KEYS)
SCALARS = st.one_of(
    st.sampled_from(
        [
            *NAMES,
            "VRd",
            "Kd",
            "carfilzomib",
            "2020-01-01",
            "2021-06-30",
            "2020-02-30",
            "CR",
            "SD",
            "PD",
            "on-therapy",
            "after-60-days",
            "within-60-days",
            "none",
            "induction",
            "transplant",
            "maintenance",
            "consolidation",
        ]
    ),
    st.integers(-5, 60),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=True),
    HOSTILE,
)


def _value(depth: int) -> Any:
    if depth <= 0:
        return SCALARS
    return st.one_of(
        SCALARS,
        st.lists(st.deferred(lambda: _value(depth - 1)), max_size=4),
        st.dictionaries(st.sampled_from(LINE_KEYS), st.deferred(lambda: _value(depth - 1)), max_size=4),
    )


LINE = st.one_of(
    st.fixed_dictionaries(
        {"regimen": st.sampled_from(["VRd", "Kd", "DaraVRd", "KRd", "cilta-cel", "XYZ"])},
        optional={
            k: _value(1) for k in ("start", "end", "best_response", "progression", "refractory", "progressed_in")
        },
    ),
    st.fixed_dictionaries(
        {
            "drugs": st.lists(
                st.sampled_from(["lenalidomide", "carfilzomib", "dexamethasone", "daratumumab", "x"]), max_size=3
            )
        },
        optional={k: _value(1) for k in ("start", "progression", "refractory", "phase")},
    ),
    st.fixed_dictionaries(
        {
            "phases": st.lists(
                st.dictionaries(st.sampled_from(["phase", "regimen", "drugs", "start", "end"]), _value(1), max_size=4),
                max_size=4,
            )
        }
    ),
    _value(2),
)
HISTORY = st.one_of(
    st.fixed_dictionaries(
        {"lines": st.lists(LINE, max_size=6)}, optional={"id": _value(0), "transplants": _value(1), "extra": _value(1)}
    ),
    _value(3),
)


@st.composite
def history_files(draw: st.DrawFn) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["yaml", "yaml", "json", "raw", "ttl"]))
    if kind == "raw":
        return "h.yaml", draw(st.binary(max_size=300))
    if kind == "ttl":
        body = draw(HOSTILE)
        return "h.ttl", (
            "@prefix mmkg: <https://w3id.org/mmkg/ontology/> . [] a mmkg:Patient ; mmkg:hasLineOfTherapy [ mmkg:lineRegimen "
            + body
            + " ] ."
        ).encode()
    data = draw(HISTORY)
    if kind == "json":
        return "h.json", json.dumps(data, default=str).encode()
    text = yaml.safe_dump(data, allow_unicode=True)
    if draw(st.integers(0, 4)) == 0:  # a hostile edit of the text
        text = draw(st.sampled_from(["&a ", "*a ", "!!python/name:os.system ", "<<: ", "\t", "\ufeff"])) + text
    return "h.yaml", text.encode("utf-8", "surrogatepass")


def _one_line(error: MmkgError) -> None:
    assert "\n" not in str(error) and str(error).strip(), repr(error)


def check_history(name: str, content: bytes) -> None:
    from mmkg.sequencing import read_history

    with tempfile.TemporaryDirectory(prefix="mmkg-fuzz-") as scratch:
        path = Path(scratch) / name
        path.write_bytes(content)
        try:
            with alarm(30):
                history = read_history(path, graph())
        except MmkgError as error:
            _one_line(error)
            return
    assert 0 <= history.prior_lines <= 50
    for line in history.lines:
        assert set(line.refractory_to) <= set(line.drugs), line
    history.triples()


# --- the Python API ------------------------------------------------------------------------------------------------


@st.composite
def api_calls(draw: st.DrawFn) -> tuple[str, Any]:
    kind = draw(st.sampled_from(["resolve", "query", "run", "run", "xrefs", "options", "to_networkx", "label"]))
    any_value = st.one_of(
        VALUE, st.integers(-10, 10**20), st.floats(allow_nan=True), st.none(), st.booleans(), st.dates()
    )
    if kind == "resolve":
        return kind, (
            draw(NAME),
            draw(st.one_of(st.none(), st.sampled_from(["mmkg:Drug", "mmkg:Regimen", "mmkg:Nope", "owl:Class"]))),
        )
    if kind == "query":
        bindings = draw(
            st.dictionaries(
                st.sampled_from(["d", "l", "x", "drg", "a b", "d}", "timeout", "max_rows"]), any_value, max_size=2
            )
        )
        return kind, (draw(QUERY), bindings)
    if kind == "run":
        params = draw(
            st.dictionaries(st.sampled_from([*PARAM_NAMES, "max_rows", "service_hosts"]), any_value, max_size=3)
        )
        return kind, (draw(st.sampled_from(QUERY_NAMES)), params)
    if kind == "xrefs":
        return kind, (draw(NAME),)
    if kind == "options":
        return kind, (
            draw(HISTORY),
            draw(st.sampled_from(["EU", "US", "IT", "xx", ""])),
            draw(st.sampled_from(["2025-03-01", "2019-01-01", "bad", None])),
        )
    if kind == "to_networkx":
        return kind, (
            draw(
                st.lists(
                    st.one_of(st.sampled_from(["mmkg:hasComponent", "mmkg:hasTarget", "rdf:type", "mmkg:nope"]), NAME),
                    min_size=1,
                    max_size=2,
                )
            ),
        )
    return kind, (draw(NAME),)


def check_api(call: tuple[str, Any]) -> None:
    kg = graph()
    kind, args = call
    functions = {
        "resolve": lambda: kg.resolve(args[0], kind=args[1]),
        "query": lambda: kg.query(args[0], **{"timeout": 5, **args[1]}),
        "run": lambda: kg.run(args[0], **{"timeout": 5, **args[1]}),
        "xrefs": lambda: kg.xrefs(args[0]),
        "options": lambda: kg.options(args[0], region=args[1], as_of=args[2]),
        "to_networkx": lambda: kg.to_networkx(predicates=args[0]),
        "label": lambda: kg.label(args[0]),
    }
    try:
        with alarm(60):
            functions[kind]()
    except MmkgError as error:
        _one_line(error)


# --- the tests ---------------------------------------------------------------------------------------------------------


def _peak_memory() -> int:
    """The largest resident memory of this process so far, in bytes (Linux counts ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _bounded_memory(check: Any, strategy: Any, examples: int) -> None:
    graph()
    before = _peak_memory()

    @_settings(examples)
    @given(strategy)
    def run(value: Any) -> None:
        check(*value) if isinstance(value, tuple) and check is check_history else check(value)

    run()
    growth = _peak_memory() - before
    assert growth < MEMORY_GROWTH, f"the process's peak memory grew by {growth // 2**20} MiB"


@pytest.mark.parametrize(
    ("entry", "check", "strategy"),
    [("cli", check_cli, cli_args()), ("history", check_history, history_files()), ("api", check_api, api_calls())],
)
def test_fuzz_sample(entry: str, check: Any, strategy: Any) -> None:
    _bounded_memory(check, strategy, 25)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("entry", "check", "strategy"),
    [("cli", check_cli, cli_args()), ("history", check_history, history_files()), ("api", check_api, api_calls())],
)
def test_fuzz(entry: str, check: Any, strategy: Any) -> None:
    _bounded_memory(check, strategy, 500)
