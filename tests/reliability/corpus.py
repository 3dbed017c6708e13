"""The attack corpus: CLI inputs, patient-history files and Python API calls, each with what a correct run gives.

Written as an attacker and a careless user would try the tool (issue 11). ``{tmp}`` in a
CLI argument is a scratch folder that the case's ``setup`` fills; the named queries'
``# example:`` lines are cases too (each must answer).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .harness import REPO, Case, anything, error, ok

# --- checks --------------------------------------------------------------------------------


def has(*needles: str) -> Any:
    return lambda out: all(n in str(out) for n in needles)


def rows(n: int) -> Any:
    return lambda out: f"({n} row{'s' * (n != 1)})" in out


def some_rows(out: str) -> bool:
    match = re.search(r"\((\d+) rows?\)\s*$", out)
    return bool(match) and int(match.group(1)) > 0


def answered(out: str) -> bool:
    """A table, CSV (a header and rows), JSON or a boolean."""
    table = bool(re.search(r"\(\d+ rows?\)\s*$", out))
    csv = "," in out.split("\n", 1)[0] and len(out.splitlines()) > 1
    return table or csv or out.strip() in ("true", "false") or out.startswith(("[", "{"))


def json_rows(check: Any = None) -> Any:
    def judge(out: str) -> bool:
        try:
            data = json.loads(out)
        except ValueError:
            return False
        return isinstance(data, list) and (check is None or check(data))

    return judge


# --- local servers for SERVICE (loopback only) ------------------------------------------------


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def silent_server() -> Iterator[int]:
    """A loopback server that accepts connections and never answers (closed after the case)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield int(server.getsockname()[1])
    finally:
        stop.set()
        thread.join(2)
        for conn in held:
            conn.close()
        server.close()


# --- files -------------------------------------------------------------------------------------

EXAMPLE_HISTORY = REPO / "examples" / "patient-history.yaml"


def write(name: str, data: bytes | str) -> Any:
    def setup(tmp: Path) -> None:
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    return setup


def fifo(name: str) -> Any:
    def setup(tmp: Path) -> None:
        os.mkfifo(tmp / name)

    return setup


def symlink(name: str, target: str) -> Any:
    def setup(tmp: Path) -> None:
        (tmp / name).symlink_to(target)

    return setup


def folder(name: str, *files: str) -> Any:
    def setup(tmp: Path) -> None:
        (tmp / name).mkdir()
        for f in files:
            (tmp / name / f).write_text("keep me\n", encoding="utf-8")

    return setup


BILLION_LAUGHS = (
    "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))
    + "lines: []\n"
)
DEEP_YAML = "lines:\n  - drugs: " + "[" * 3000 + "]" * 3000 + "\n"
DEEP_JSON = '{"lines": [' + '{"drugs": ' * 2000 + "1" + "}" * 2000 + "]}"


def _examples() -> list[Case]:
    cases = []
    for path in sorted((REPO / "queries").glob("*.rq")):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^#\s*example:\s*mmkg\s+(.*)$", line)
            if not match:
                continue
            args = shlex.split(match.group(1))
            if path.stem.startswith("federated-"):
                cases.append(Case(f"example {path.stem} (SERVICE off)", args, error("SERVICE")))
            else:
                cases.append(Case(f"example {' '.join(args[1:])}", args, ok(answered)))
    return cases


def _named_defaults() -> list[Case]:
    return [
        Case(f"named query {p.stem} with its defaults", ["query", p.stem], ok(answered))
        for p in sorted((REPO / "queries").glob("*.rq"))
        if not p.stem.startswith("federated-")
    ]


PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
COUNT3 = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SORTED = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"


def cli_cases() -> list[Case]:
    port = closed_port()
    q = ["query"]
    cases = [
        # --- the basics -------------------------------------------------------------------
        Case("help", ["--help"], ok(lambda out: "not medical advice" in " ".join(out.split()))),
        Case("version", ["--version"], ok(has("version"))),
        Case("unknown command", ["frobnicate"], error("No such command")),
        Case("queries list", ["queries"], ok(has("targeted-products"))),
        Case("queries as json", ["queries", "--format", "json"], ok(json_rows())),
        Case("queries with a bad format", ["queries", "--format", "xml"], error("xml")),
        Case(
            "format given twice",
            ["query", "targeted-products", "--format", "csv", "--format", "json"],
            error("given 2 times"),
        ),
        # --- named queries: parameters --------------------------------------------------------
        Case("unknown query", [*q, "no-such-query"], error("unknown query")),
        Case("query name misspelt", [*q, "targeted-product"], error("did you mean")),
        Case("param without =", [*q, "drugs-by-target", "-p", "target"], error("NAME=VALUE")),
        Case("param with an empty name", [*q, "drugs-by-target", "-p", "=BCMA"], error("NAME=VALUE")),
        Case("unknown param", [*q, "drugs-by-target", "-p", "tagret=BCMA"], error("no parameter 'tagret'")),
        Case("param given twice", [*q, "approved-as-of", "-p", "region=EU", "-p", "region=US"], error("twice")),
        Case("unknown region", [*q, "approved-as-of", "-p", "region=XX"], error("must be one of")),
        Case("empty region", [*q, "approved-as-of", "-p", "region="], error("empty")),
        Case(
            "region in lower case", [*q, "approved-as-of", "-p", "region=us", "-p", "as_of=2025-03-01"], ok(some_rows)
        ),
        Case("negative prior lines", [*q, "approved-as-of", "-p", "prior_lines=-1"], error("count")),
        Case("prior lines not a number", [*q, "approved-as-of", "-p", "prior_lines=three"], error("expects integer")),
        Case("prior lines as a float", [*q, "approved-as-of", "-p", "prior_lines=1.5"], error("expects integer")),
        Case("prior lines enormous", [*q, "approved-as-of", "-p", "prior_lines=99999999999999"], error("prior_lines")),
        Case("bad date", [*q, "approved-as-of", "-p", "as_of=2025-13-01"], error("expects date")),
        Case("empty date", [*q, "approved-as-of", "-p", "as_of="], error("empty")),
        Case("date today", [*q, "approved-as-of", "-p", "as_of=today"], ok(some_rows)),
        Case("unknown axis", [*q, "drug-classes", "-p", "axis=bogus"], error("must be one of")),
        Case("axis in another case", [*q, "drug-classes", "-p", "axis=Target"], ok(some_rows)),
        Case(
            "unknown population kind",
            [*q, "endpoint-across-regimens", "-p", "population_kind=everyone"],
            error("must be one of"),
        ),
        Case("unknown drug name", [*q, "drug-xrefs", "-p", "drug=lenalidomid"], error("did you mean")),
        Case("drug IRI with >", [*q, "drug-xrefs", "-p", "drug=drug:lenalidomide>"], error("not a valid IRI")),
        Case("drug IRI injection", [*q, "drug-xrefs", "-p", "drug=<x> } UNION { ?s ?p ?o"], error()),
        Case("trial of the wrong kind", [*q, "results-for-trial", "-p", "trial=lenalidomide"], error("unknown")),
        Case(
            "boolean param garbage", [*q, "drug-xrefs", "-p", "drug=lenalidomide", "-p", "x=1"], error("no parameter")
        ),
        Case(
            "results for IKEMA",
            [*q, "results-for-trial", "-p", "trial=IKEMA", "--format", "json"],
            ok(json_rows(lambda r: len(r) > 5)),
        ),
        Case(
            "targeted products csv",
            [*q, "targeted-products", "--format", "csv"],
            ok(lambda out: out.splitlines()[0] == "target,modality,n,products"),
        ),
        # --- inline SPARQL and bindings ---------------------------------------------------------------
        Case("invalid SPARQL", [*q, "SELEC ?x"], error("invalid SPARQL")),
        Case(
            "inline ASK", [*q, "ASK { drug:teclistamab a mmkg:BCMABispecific }"], ok(lambda out: out.strip() == "true")
        ),
        Case(
            "inline SELECT with a binding",
            [*q, "SELECT ?l WHERE { ?d rdfs:label ?l }", "-p", "d=drug:lenalidomide"],
            ok(rows(1)),
        ),
        Case(
            "misspelt binding",
            [*q, "SELECT ?l WHERE { ?d rdfs:label ?l }", "-p", "drg=drug:lenalidomide"],
            error("no variable ?drg"),
        ),
        Case(
            "WHERE { in a comment",
            [*q, "# WHERE {\nSELECT ?l WHERE { ?d rdfs:label ?l }", "-p", "d=drug:lenalidomide"],
            ok(rows(1)),
        ),
        Case(
            "WHERE { in a string",
            [*q, 'SELECT ?l WHERE { ?d rdfs:label ?l FILTER(?l != "WHERE {") }', "-p", "d=drug:lenalidomide"],
            ok(rows(1)),
        ),
        Case(
            "binding name with a brace",
            [*q, "SELECT ?l WHERE { ?d rdfs:label ?l }", "-p", "d}=x"],
            error("variable name"),
        ),
        Case(
            "binding value with >",
            [*q, "SELECT ?l WHERE { ?d rdfs:label ?l }", "-p", "d=drug:lenalidomide>"],
            error("not a valid IRI"),
        ),
        Case(
            # a plain string names an entity (the one resolution rule): no text reaches the SPARQL
            "binding value as text",
            [*q, "SELECT ?d WHERE { ?d rdfs:label ?l }", "-p", 'l=x"} ?s ?p ?o {'],
            error("unknown name"),
        ),
        Case(
            "CONSTRUCT",
            [*q, "CONSTRUCT { ?d rdfs:label ?l } WHERE { ?d a mmkg:Drug ; rdfs:label ?l } LIMIT 3"],
            ok(rows(3)),
        ),
        Case("DESCRIBE", [*q, "DESCRIBE drug:lenalidomide"], ok(some_rows)),
        Case("empty query", [*q, ""], error("empty query")),
        Case("blank query", [*q, "   "], error("empty query")),
        Case("update is not a query", [*q, "INSERT DATA { drug:x a mmkg:Drug }"], error("invalid SPARQL")),
        Case("LOAD is not a query", [*q, "LOAD <http://127.0.0.1:9/x>"], error("invalid SPARQL")),
        Case("undeclared prefix", [*q, "SELECT * WHERE { nope:x ?p ?o }"], error("invalid SPARQL")),
        Case("deep nesting", [*q, "SELECT * WHERE " + "{" * 5000 + "}" * 5000], error()),
        Case("long query", [*q, "SELECT * WHERE { ?s ?p ?o " + "FILTER(?o != 1) " * 6000 + "} LIMIT 1"], anything()),
        Case(
            "regex on every label",
            [*q, 'SELECT ?l WHERE { ?d rdfs:label ?l FILTER(REGEX(?l, "^(a+)+$")) }'],
            ok(answered),
        ),
        Case("a bad regex", [*q, 'SELECT ?l WHERE { ?d rdfs:label ?l FILTER(REGEX(?l, "(")) }'], anything()),
        # --- limits -------------------------------------------------------------------------------------
        Case("two-way product hits the row limit", [*q, PRODUCT], error("more than 100000 rows")),
        Case("two-way product to csv", [*q, PRODUCT, "--format", "csv"], error("more than 100000 rows")),
        Case("three-way count hits the time limit", [*q, COUNT3, "--timeout", "3"], error("time limit")),
        Case("sorted product hits a limit", [*q, SORTED, "--timeout", "5"], error("limit")),
        Case("max rows 1", [*q, "SELECT ?d WHERE { ?d a mmkg:Drug }", "--max-rows", "1"], error("more than 1 rows")),
        Case("max rows 0 is no limit", [*q, "SELECT ?d WHERE { ?d a mmkg:Drug }", "--max-rows", "0"], ok(some_rows)),
        Case("timeout 0 is no limit", [*q, "targeted-products", "--timeout", "0"], ok(rows(7))),
        Case("negative timeout", [*q, "targeted-products", "--timeout", "-1"], error("timeout")),
        Case("timeout not a number", [*q, "targeted-products", "--timeout", "soon"], error("timeout")),
        Case("negative max rows", [*q, "targeted-products", "--max-rows", "-5"], error("max-rows")),
        Case(
            "timeout given twice", [*q, "targeted-products", "--timeout", "5", "--timeout", "9"], error("given 2 times")
        ),
        # --- SERVICE --------------------------------------------------------------------------------------
        Case("federated query, SERVICE off", [*q, "federated-wikidata"], error("SERVICE")),
        Case(
            "SERVICE to a private address, off",
            [*q, "SELECT * WHERE { SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }"],
            error("federated queries are off"),
        ),
        Case(
            "SERVICE SILENT, off",
            [*q, "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/s> { ?s ?p ?o } }"],
            error("off"),
        ),
        Case(
            "SERVICE in lower case, off",
            [*q, "SELECT * WHERE { service <http://127.0.0.1:9/s> { ?s ?p ?o } }"],
            error("off"),
        ),
        Case(
            "SERVICE with a variable",
            [
                *q,
                "SELECT * WHERE { BIND(<http://127.0.0.1:9/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
                "--service",
                "127.0.0.1",
            ],
            error("SERVICE"),
        ),
        Case(
            "SERVICE host not allowed",
            [
                *q,
                f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/s> {{ ?s ?p ?o }} }}",
                "--service",
                "example.org",
            ],
            error("not among the allowed"),
        ),
        Case(
            "SERVICE to a closed port",
            [*q, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/s> {{ ?s ?p ?o }} }}", "--service", "127.0.0.1"],
            error("SERVICE"),
        ),
        Case(
            "the word service in a string",
            [*q, 'SELECT ?l WHERE { ?d rdfs:label ?l FILTER(?l = "SERVICE <http://x/>") }'],
            ok(rows(0)),
        ),
        Case("a variable called ?service", [*q, "SELECT ?service WHERE { ?service a mmkg:Drug } LIMIT 2"], ok(rows(2))),
        # --- query files ----------------------------------------------------------------------------------
        Case(
            "query file",
            [*q, "{tmp}/q.rq", "--format", "csv"],
            ok(lambda out: out.splitlines() == ["l", "lenalidomide"]),
            write("q.rq", "SELECT ?l WHERE { drug:lenalidomide rdfs:label ?l }"),
        ),
        Case("binary query file", [*q, "{tmp}/bin.rq"], error("not UTF-8"), write("bin.rq", bytes(range(256)))),
        Case(
            "Latin-1 query file",
            [*q, "{tmp}/latin.rq"],
            error("not UTF-8"),
            write("latin.rq", 'SELECT * WHERE { ?s ?p "café" }'.encode("latin-1")),
        ),
        Case("empty query file", [*q, "{tmp}/empty.rq"], error("invalid SPARQL"), write("empty.rq", "")),
        Case("query file is a folder", [*q, "{tmp}/dir.rq"], error("not a regular file"), folder("dir.rq")),
        Case("query file is a FIFO", [*q, "{tmp}/pipe.rq"], error("not a regular file"), fifo("pipe.rq")),
        Case(
            "query file is /dev/zero",
            [*q, "{tmp}/zero.rq"],
            error("not a regular file"),
            symlink("zero.rq", "/dev/zero"),
        ),
        Case(
            "query file too large",
            [*q, "{tmp}/big.rq"],
            error("larger than"),
            write("big.rq", "# " + "x" * 2_000_000 + "\nASK {}"),
        ),
        Case(
            "query file with a bad header",
            [*q, "{tmp}/hdr.rq"],
            error("malformed parameter"),
            write("hdr.rq", "# param: x nonsense\nASK {}"),
        ),
        # --- resolve and xref -----------------------------------------------------------------------------
        Case("resolve an abbreviation", ["resolve", "Isa-Kd"], ok(has("regimen:IsaKd"))),
        Case("resolve a ChEBI id", ["resolve", "CHEBI:63791"], ok(has("drug:lenalidomide"))),
        Case("resolve a brand name", ["resolve", "Revlimid"], ok(has("drug:lenalidomide"))),
        Case("resolve an IRI", ["resolve", "https://w3id.org/mmkg/drug/lenalidomide"], ok(has("drug:lenalidomide"))),
        Case("resolve an invalid IRI", ["resolve", "drug:lenalidomide>"], error("not a valid IRI")),
        Case("resolve an IRI with a space", ["resolve", "https://w3id.org/mmkg/drug/a b"], error()),
        Case("resolve nothing", ["resolve", ""], error("empty")),
        Case("resolve spaces", ["resolve", "   "], error("empty")),
        Case("resolve a typo", ["resolve", "lenalidomid"], error("did you mean")),
        Case("resolve a huge name", ["resolve", "x" * 100_000], error("unknown")),
        Case("resolve emoji", ["resolve", "💊"], error("unknown")),
        Case("resolve an unknown mmkg IRI", ["resolve", "drug:no-such-drug"], error("unknown entity")),
        Case("xref", ["xref", "lenalidomide"], ok(has("ChEBI"))),
        Case("xref json", ["xref", "lenalidomide", "--format", "json"], ok(json_rows(lambda r: len(r) > 3))),
        Case("xref unknown", ["xref", "nonsense-drug"], error("unknown")),
        Case("xref invalid IRI", ["xref", "drug:x>"], error("not a valid IRI")),
        # --- options -------------------------------------------------------------------------------------------
        Case(
            "options after lenalidomide",
            ["options", "--region", "EU", "--after", "lenalidomide", "--as-of", "2025-03-01"],
            ok(has("not medical advice", "LenalidomideRefractory")),
        ),
        Case(
            "options from the example history",
            ["options", "--region", "US", "--history", str(EXAMPLE_HISTORY), "--as-of", "2025-06-01"],
            ok(has("3 prior line")),
        ),
        Case(
            "options json",
            ["options", "--region", "US", "--after", "daratumumab", "--format", "json", "--as-of", "2025-06-01"],
            ok(lambda out: "options" in json.loads(out)),
        ),
        Case(
            "options region lower case",
            ["options", "--region", "eu", "--after", "lenalidomide", "--as-of", "2025-03-01"],
            ok(has("EU as of")),
        ),
        Case("options unknown region", ["options", "--region", "XX", "--after", "lenalidomide"], error("XX")),
        Case("options without region", ["options", "--after", "lenalidomide"], error("--region")),
        Case(
            "options region twice",
            ["options", "--region", "EU", "--region", "US", "--after", "lenalidomide"],
            error("given 2 times"),
        ),
        Case(
            "options as-of twice",
            ["options", "--region", "EU", "--as-of", "2024-01-01", "--as-of", "2025-01-01"],
            error("given 2 times"),
        ),
        Case("options bad date", ["options", "--region", "EU", "--as-of", "2025-02-30"], error("YYYY-MM-DD")),
        Case("options empty date", ["options", "--region", "EU", "--as-of", ""], error("empty")),
        Case("options lines enormous", ["options", "--region", "EU", "--lines", "99999999999"], error("range")),
        Case("options lines negative", ["options", "--region", "EU", "--lines", "-1"], error("range")),
        Case("options after nothing", ["options", "--region", "EU", "--after", ""], error("empty")),
        Case("options after unknown", ["options", "--region", "EU", "--after", "unobtainium"], error("unknown")),
        Case(
            "options exposed to mmkg:Drug",
            ["options", "--region", "EU", "--exposed", "mmkg:Drug"],
            error("too general"),
        ),
        Case(
            "options refractory to mmkg:Patient",
            ["options", "--region", "EU", "--refractory", "mmkg:Patient"],
            error("neither a drug"),
        ),
        Case(
            "options exposed to a class",
            ["options", "--region", "EU", "--exposed", "mmkg:AntiCD38Antibody", "--lines", "1"],
            ok(has("EU as of")),
        ),
        Case(
            "options history and quick options",
            ["options", "--region", "EU", "--history", str(EXAMPLE_HISTORY), "--after", "lenalidomide"],
            error("not both"),
        ),
        Case(
            "options missing history",
            ["options", "--region", "EU", "--history", "{tmp}/nope.yaml"],
            error("not a regular file"),
        ),
        Case("options empty history name", ["options", "--region", "EU", "--history", ""], error("file name")),
        Case(
            "options history is /dev/zero",
            ["options", "--region", "EU", "--history", "{tmp}/zero.yaml"],
            error("not a regular file"),
            symlink("zero.yaml", "/dev/zero"),
        ),
        Case(
            "options history is a FIFO",
            ["options", "--region", "EU", "--history", "{tmp}/h.yaml"],
            error("not a regular file"),
            fifo("h.yaml"),
        ),
        Case(
            "options history alias bomb",
            ["options", "--region", "EU", "--history", "{tmp}/bomb.yaml"],
            error("aliases"),
            write("bomb.yaml", BILLION_LAUGHS),
        ),
        Case(
            "options history deep nesting",
            ["options", "--region", "EU", "--history", "{tmp}/deep.yaml"],
            error(),
            write("deep.yaml", DEEP_YAML),
        ),
        Case(
            "options history binary",
            ["options", "--region", "EU", "--history", "{tmp}/b.yaml"],
            error("UTF-8"),
            write("b.yaml", b"\xff\xfe\x00lines"),
        ),
        Case(
            "options history latin-1",
            ["options", "--region", "EU", "--history", "{tmp}/l.yaml"],
            error("UTF-8"),
            write("l.yaml", "id: café\nlines: []\n".encode("latin-1")),
        ),
        Case(
            "options history duplicate key",
            ["options", "--region", "EU", "--history", "{tmp}/d.yaml"],
            error("duplicate key"),
            write("d.yaml", "lines: []\nlines: []\n"),
        ),
        Case(
            "options history bad id",
            ["options", "--region", "EU", "--history", "{tmp}/i.yaml"],
            error("id"),
            write("i.yaml", "id: 'a b'\nlines: []\n"),
        ),
        Case(
            "options history transplants: 5",
            ["options", "--region", "EU", "--history", "{tmp}/t.yaml"],
            error("transplants"),
            write("t.yaml", "lines: [{regimen: VRd}]\ntransplants: 5\n"),
        ),
        Case(
            "options history Turtle with blank nodes",
            ["options", "--region", "EU", "--as-of", "2025-01-01", "--history", "{tmp}/h.ttl"],
            ok(has("1 prior line")),
            write(
                "h.ttl",
                "@prefix mmkg: <https://w3id.org/mmkg/ontology/> . @prefix regimen: <https://w3id.org/mmkg/regimen/> .\n"
                '[] a mmkg:Patient ; mmkg:hasLineOfTherapy [ mmkg:lineNumber 1 ; mmkg:lineRegimen regimen:VRd ; mmkg:progression "on-therapy" ] .\n',
            ),
        ),
        Case(
            "options history Turtle two start dates",
            ["options", "--region", "EU", "--history", "{tmp}/two.ttl"],
            error("two values"),
            write(
                "two.ttl",
                "@prefix mmkg: <https://w3id.org/mmkg/ontology/> . @prefix regimen: <https://w3id.org/mmkg/regimen/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                "<https://w3id.org/mmkg/patient/p> a mmkg:Patient ; mmkg:hasLineOfTherapy <https://w3id.org/mmkg/patient/p/l1> .\n"
                '<https://w3id.org/mmkg/patient/p/l1> mmkg:lineNumber 1 ; mmkg:lineRegimen regimen:VRd ; mmkg:startDate "2020-01-01"^^xsd:date, "2020-02-01"^^xsd:date .\n',
            ),
        ),
        Case(
            "options line after as-of is not prior",
            ["options", "--region", "EU", "--as-of", "2021-01-01", "--history", "{tmp}/late.yaml"],
            ok(has("1 prior line")),
            write(
                "late.yaml",
                "lines:\n  - {regimen: VRd, start: 2020-01-01, progression: on-therapy}\n  - {regimen: Kd, start: 2022-01-01}\n",
            ),
        ),
        Case(
            "options contradiction refractory false",
            ["options", "--region", "EU", "--history", "{tmp}/c.yaml"],
            error("contradicts"),
            write("c.yaml", "lines:\n  - {regimen: VRd, progression: on-therapy, refractory: false}\n"),
        ),
        Case(
            "options empty drugs",
            ["options", "--region", "EU", "--history", "{tmp}/e.yaml"],
            error("empty"),
            write("e.yaml", "lines:\n  - {drugs: []}\n"),
        ),
        Case(
            "options regimen and drugs",
            ["options", "--region", "EU", "--history", "{tmp}/rd.yaml"],
            error("not both"),
            write("rd.yaml", "lines:\n  - {regimen: VRd, drugs: [lenalidomide]}\n"),
        ),
        # --- build: refusals come before the work ------------------------------------------------------
        Case("build --out ''", ["build", "--out", ""], error("folder name")),
        Case(
            "build --out a folder of someone else's",
            ["build", "--out", "{tmp}/mine"],
            error("not an mmkg release", code=1),
            folder("mine", "notes.txt"),
        ),
        Case(
            "build --out a file",
            ["build", "--out", "{tmp}/file"],
            error("not a folder", code=1),
            write("file", "precious\n"),
        ),
        Case(
            "build --out a symlink",
            ["build", "--out", "{tmp}/link"],
            error("symbolic link", code=1),
            symlink("link", "/tmp"),
        ),
        Case(
            "build --out under a file",
            ["build", "--out", "{tmp}/file/release"],
            error("cannot write", code=1),
            write("file", "precious\n"),
        ),
        Case("build --out under /proc", ["build", "--out", "/proc/mmkg-test/release"], error("cannot write", code=1)),
        Case("build --out twice", ["build", "--out", "{tmp}/a", "--out", "{tmp}/b"], error("given 2 times")),
    ]
    return cases + _named_defaults() + _examples()


def service_cases(port: int) -> list[Case]:
    """Cases that need the silent loopback server (its port)."""
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    return [
        Case(
            "SERVICE to a server that never answers",
            ["query", query, "--service", "127.0.0.1", "--service-timeout", "2"],
            error("time limit"),
        ),
        Case("SERVICE to a silent server, off", ["query", query], error("off")),
    ]


# --- patient-history files ----------------------------------------------------------------------------------

HISTORY_OK = "lines:\n  - {regimen: VRd, start: 2020-01-01, progression: on-therapy}\n"
TTL_PREFIXES = (
    "@prefix mmkg: <https://w3id.org/mmkg/ontology/> . @prefix regimen: <https://w3id.org/mmkg/regimen/> ."
    " @prefix drug: <https://w3id.org/mmkg/drug/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
)


def _line(n: int) -> str:
    return f"  - {{regimen: VRd, start: 20{10 + n % 10}-01-0{1 + n % 9}}}\n"


def history_cases() -> list[Case]:
    """(file name, content) → read_history's answer: a History (checked) or a one-line error naming the problem."""

    def lines(n: int) -> Any:
        return lambda h: len(h.lines) == n

    def refractory_to(*drugs: str) -> Any:
        return lambda h: sorted(d.rsplit("/", 1)[-1] for line in h.lines for d in line.refractory_to) == sorted(drugs)

    yaml_cases: list[tuple[str, str | bytes, Any]] = [
        ("example.yaml", EXAMPLE_HISTORY.read_text(encoding="utf-8"), ok(lines(3))),
        ("empty-lines.yaml", "lines: []\n", ok(lines(0))),
        ("one-line.yaml", HISTORY_OK, ok(refractory_to("bortezomib", "lenalidomide"))),
        (
            "drugs.yaml",
            "lines:\n  - {drugs: [carfilzomib, dexamethasone], progression: on-therapy}\n",
            ok(refractory_to("carfilzomib")),
        ),
        (
            "phases.yaml",
            "lines:\n  - phases:\n      - {phase: induction, regimen: VRd}\n      - {phase: transplant}\n      - {phase: maintenance, drugs: [lenalidomide]}\n    progression: on-therapy\n",
            ok(refractory_to("lenalidomide")),
        ),
        (
            "flat-maintenance.yaml",
            "lines:\n  - {regimen: VRd}\n  - {phase: maintenance, drugs: [lenalidomide], progression: on-therapy}\n",
            ok(lines(1)),
        ),
        (
            "transplants.yaml",
            "lines:\n  - {regimen: VRd, start: 2020-01-01}\ntransplants: [2020-06-01]\n",
            ok(lambda h: len(h.lines[0].phases) == 2),
        ),
        (
            "refractory-list.yaml",
            "lines:\n  - {regimen: KRd, refractory: [carfilzomib]}\n",
            ok(refractory_to("carfilzomib")),
        ),
        ("non-response.yaml", "lines:\n  - {regimen: Kd, best_response: SD}\n", ok(refractory_to("carfilzomib"))),
        ("id-number.yaml", "id: 42\nlines: []\n", ok(lambda h: h.id == "42")),
        ("bom.yaml", "\ufeff" + HISTORY_OK, ok(lines(1))),
        ("comments-only.yaml", "# nothing\n", error("mapping")),
        ("empty.yaml", "", error("mapping")),
        ("scalar.yaml", "hello\n", error("mapping")),
        ("list.yaml", "- {regimen: VRd}\n", error("mapping")),
        ("lines-null.yaml", "lines:\n", error("'lines' must be a list")),
        ("lines-string.yaml", "lines: VRd\n", error("'lines' must be a list")),
        ("unknown-top.yaml", "lines: []\npatient: x\n", error("unknown field 'patient'")),
        ("unknown-line-field.yaml", "lines:\n  - {regimen: VRd, dose: 25}\n", error("unknown field 'dose'")),
        ("line-not-mapping.yaml", "lines:\n  - VRd\n", error("expected a mapping")),
        ("line-int.yaml", "lines: [1, 2]\n", error("expected a mapping")),
        ("unknown-regimen.yaml", "lines:\n  - {regimen: XYZ}\n", error("unknown")),
        ("unknown-drug.yaml", "lines:\n  - {drugs: [unobtainium]}\n", error("unknown")),
        ("regimen-number.yaml", "lines:\n  - {regimen: 5}\n", error("regimen name")),
        ("drugs-numbers.yaml", "lines:\n  - {drugs: [1, 2]}\n", error("expected a name")),
        ("drugs-empty.yaml", "lines:\n  - {drugs: []}\n", error("'drugs' is empty")),
        ("regimen-and-drugs.yaml", "lines:\n  - {regimen: VRd, drugs: [lenalidomide]}\n", error("not both")),
        ("no-therapy.yaml", "lines:\n  - {start: 2020-01-01}\n", error("give a 'regimen'")),
        ("bad-date.yaml", "lines:\n  - {regimen: VRd, start: 2020-02-30}\n", error("not a date")),
        ("datetime.yaml", "lines:\n  - {regimen: VRd, start: 2020-01-01T10:00:00}\n", error("not a date")),
        ("date-number.yaml", "lines:\n  - {regimen: VRd, start: 2020}\n", error("not a date")),
        (
            "end-before-start.yaml",
            "lines:\n  - {regimen: VRd, start: 2020-05-01, end: 2020-01-01}\n",
            error("before start"),
        ),
        (
            "lines-out-of-order.yaml",
            "lines:\n  - {regimen: VRd, start: 2021-01-01}\n  - {regimen: Kd, start: 2020-01-01}\n",
            error("starts before"),
        ),
        ("bad-response.yaml", "lines:\n  - {regimen: VRd, best_response: great}\n", error("best_response")),
        ("bad-progression.yaml", "lines:\n  - {regimen: VRd, progression: sometimes}\n", error("progression")),
        ("refractory-yes.yaml", "lines:\n  - {regimen: VRd, refractory: yes-ish}\n", error("refractory must be")),
        ("refractory-empty.yaml", "lines:\n  - {regimen: VRd, refractory: []}\n", error("lists no drug")),
        (
            "refractory-not-in-line.yaml",
            "lines:\n  - {regimen: VRd, refractory: [carfilzomib]}\n",
            error("does not contain"),
        ),
        (
            "refractory-false-on-therapy.yaml",
            "lines:\n  - {regimen: VRd, progression: on-therapy, refractory: false}\n",
            error("contradicts"),
        ),
        (
            "refractory-list-after-60.yaml",
            "lines:\n  - {regimen: VRd, progression: after-60-days, refractory: [lenalidomide]}\n",
            error("not refractory"),
        ),
        ("transplants-5.yaml", "lines: [{regimen: VRd}]\ntransplants: 5\n", error("transplants must be a list")),
        ("transplants-text.yaml", "lines: [{regimen: VRd}]\ntransplants: [soon]\n", error("not a date")),
        ("transplants-no-lines.yaml", "lines: []\ntransplants: [2020-01-01]\n", error("no line of therapy")),
        ("id-space.yaml", "id: 'a b'\nlines: []\n", error("id")),
        ("id-bool.yaml", "id: true\nlines: []\n", error("id")),
        ("id-list.yaml", "id: [1]\nlines: []\n", error("id")),
        ("id-long.yaml", f"id: {'a' * 200}\nlines: []\n", error("id")),
        ("id-path.yaml", "id: ../../etc\nlines: []\n", error("id")),
        ("duplicate-key.yaml", "lines: []\nlines: []\n", error("duplicate key")),
        ("duplicate-line-key.yaml", "lines:\n  - {regimen: VRd, regimen: Kd}\n", error("duplicate key")),
        ("alias.yaml", "x: &r VRd\nlines:\n  - {regimen: *r}\n", error("aliases")),
        ("billion-laughs.yaml", BILLION_LAUGHS, error("aliases")),
        ("merge-key.yaml", "base: &b {regimen: VRd}\nlines:\n  - {<<: *b}\n", error("aliases")),
        ("python-tag.yaml", "lines: !!python/object/apply:os.system ['true']\n", error("YAML")),
        ("binary-tag.yaml", "lines: !!binary aGVsbG8=\n", error("'lines' must be a list")),
        ("mixed-keys.yaml", "1: x\nlines: []\n", error("field name")),
        ("null-key.yaml", "~: x\nlines: []\n", error("field name")),
        ("list-key.yaml", "? [a]\n: x\nlines: []\n", error("a key must be a name")),
        ("line-mixed-keys.yaml", "lines:\n  - {regimen: VRd, 1: x}\n", error("unknown field")),
        ("deep.yaml", DEEP_YAML, error()),
        ("51-lines.yaml", "lines:\n" + "".join("  - {regimen: VRd}\n" for _ in range(51)), error("more than 50")),
        (
            "11-phases.yaml",
            "lines:\n  - phases:\n"
            + "".join("      - {phase: maintenance, drugs: [lenalidomide]}\n" for _ in range(11)),
            error("more than 10 phases"),
        ),
        ("phases-empty.yaml", "lines:\n  - {phases: []}\n", error("non-empty list")),
        (
            "phases-and-regimen.yaml",
            "lines:\n  - {regimen: VRd, phases: [{phase: induction, regimen: VRd}]}\n",
            error("in the phases"),
        ),
        ("unknown-phase.yaml", "lines:\n  - phases:\n      - {phase: warmup, regimen: VRd}\n", error("unknown phase")),
        (
            "progressed-in-bogus.yaml",
            "lines:\n  - phases:\n      - {phase: induction, regimen: VRd}\n    progressed_in: 7\n",
            error("names no phase"),
        ),
        ("too-big.yaml", "lines: []\n" + "#" * 1_100_000 + "\n", error("larger than")),
        ("binary.yaml", bytes(range(256)), error("UTF-8")),
        ("latin1.yaml", "id: café\nlines: []\n".encode("latin-1"), error("UTF-8")),
        ("utf16.yaml", HISTORY_OK.encode("utf-16"), error("UTF-8")),
        ("tabs.yaml", "lines:\n\t- {regimen: VRd}\n", error("YAML")),
        ("huge-string.yaml", "lines:\n  - {regimen: '" + "x" * 500_000 + "'}\n", error("unknown")),
    ]
    json_cases: list[tuple[str, str | bytes, Any]] = [
        ("ok.json", json.dumps({"lines": [{"regimen": "VRd", "progression": "on-therapy"}]}), ok(lines(1))),
        ("broken.json", '{"lines": [', error("JSON")),
        ("nan.json", '{"lines": NaN}', error("'lines' must be a list")),
        ("list.json", "[]", error("mapping")),
        ("deep.json", DEEP_JSON, error()),
        ("duplicate.json", '{"lines": [], "lines": []}', ok(lines(0))),
        ("number-keys.json", '{"lines": [{"regimen": "VRd", "start": 20200101}]}', error("not a date")),
    ]
    ttl_cases: list[tuple[str, str | bytes, Any]] = [
        (
            "blank-nodes.ttl",
            TTL_PREFIXES
            + '[] a mmkg:Patient ; mmkg:hasLineOfTherapy [ mmkg:lineNumber 1 ; mmkg:lineRegimen regimen:VRd ; mmkg:progression "on-therapy" ] .\n',
            ok(lines(1)),
        ),
        (
            "named.ttl",
            TTL_PREFIXES
            + "<https://w3id.org/mmkg/patient/p> a mmkg:Patient ; mmkg:hasLineOfTherapy <https://w3id.org/mmkg/patient/p/l1> .\n<https://w3id.org/mmkg/patient/p/l1> mmkg:lineNumber 1 ; mmkg:lineDrug drug:carfilzomib .\n",
            ok(lines(1)),
        ),
        ("broken.ttl", TTL_PREFIXES + "<a> <b> .", error("broken Turtle")),
        ("no-patient.ttl", TTL_PREFIXES, error("expected one mmkg:Patient")),
        ("two-patients.ttl", TTL_PREFIXES + "[] a mmkg:Patient . [] a mmkg:Patient .\n", error("found 2")),
        (
            "two-starts.ttl",
            TTL_PREFIXES
            + '[] a mmkg:Patient ; mmkg:hasLineOfTherapy [ mmkg:lineNumber 1 ; mmkg:lineRegimen regimen:VRd ; mmkg:startDate "2020-01-01"^^xsd:date, "2020-02-01"^^xsd:date ] .\n',
            error("two values"),
        ),
        (
            "two-regimens.ttl",
            TTL_PREFIXES
            + "[] a mmkg:Patient ; mmkg:hasLineOfTherapy [ mmkg:lineNumber 1 ; mmkg:lineRegimen regimen:VRd, regimen:Kd ] .\n",
            error("two values"),
        ),
        (
            "line-number-text.ttl",
            TTL_PREFIXES
            + '[] a mmkg:Patient ; mmkg:hasLineOfTherapy [ mmkg:lineNumber "one" ; mmkg:lineRegimen regimen:VRd ] .\n',
            ok(lines(1)),
        ),
        (
            "literal-regimen.ttl",
            TTL_PREFIXES + '[] a mmkg:Patient ; mmkg:hasLineOfTherapy [ mmkg:lineRegimen "VRd" ] .\n',
            ok(lines(1)),
        ),
        (
            "bad-regimen-iri.ttl",
            TTL_PREFIXES
            + "[] a mmkg:Patient ; mmkg:hasLineOfTherapy [ mmkg:lineRegimen <https://w3id.org/mmkg/regimen/nothing> ] .\n",
            error("unknown"),
        ),
        ("binary.ttl", bytes(range(256)), error("broken Turtle")),
        ("service.ttl", TTL_PREFIXES + "[] a mmkg:Patient .\n", ok(lines(0))),
    ]
    cases = [
        Case(f"history {name}", name, expect, write(name, content))
        for name, content, expect in yaml_cases + json_cases + ttl_cases
    ]
    cases += [
        Case("history /dev/zero", "zero.yaml", error("not a regular file"), symlink("zero.yaml", "/dev/zero")),
        Case("history a FIFO", "fifo.yaml", error("not a regular file"), fifo("fifo.yaml")),
        Case("history a folder", "dir.yaml", error("not a regular file"), folder("dir.yaml")),
        Case("history missing", "missing.yaml", error("not a regular file")),
        Case(
            "history a dangling link",
            "dangling.yaml",
            error("not a regular file"),
            symlink("dangling.yaml", "/nonexistent/x"),
        ),
    ]
    return cases


# --- the Python API ---------------------------------------------------------------------------------------------


def api_cases() -> list[Case]:
    """Calls on a loaded graph ``kg``: (name, function of kg) → an answer (checked) or one of mmkg's errors."""
    from mmkg.queries import catalogue
    from mmkg.sequencing import history_from_shortcuts, parse_history

    lena = "https://w3id.org/mmkg/drug/lenalidomide"
    history = {
        "lines": [
            {"regimen": "VRd", "start": "2020-01-01", "progression": "on-therapy"},
            {"regimen": "Kd", "start": "2023-01-01"},
        ]
    }
    calls: list[tuple[str, Any, Any]] = [
        ("resolve a name", lambda kg: kg.resolve("Isa-Kd"), ok(lambda v: v.endswith("/IsaKd"))),
        ("resolve with a kind", lambda kg: kg.resolve("lenalidomide", kind="mmkg:Drug"), ok(lambda v: v == lena)),
        ("resolve empty", lambda kg: kg.resolve(""), error("empty")),
        ("resolve an invalid IRI", lambda kg: kg.resolve("drug:lenalidomide>"), error("not a valid IRI")),
        ("resolve a number", lambda kg: kg.resolve(5), error()),
        ("resolve None", lambda kg: kg.resolve(None), error()),
        ("resolve bytes", lambda kg: kg.resolve(b"lenalidomide"), error()),
        ("resolve NUL", lambda kg: kg.resolve("lenalido\x00mide"), error()),
        ("resolve a huge name", lambda kg: kg.resolve("x" * 200_000), error("unknown")),
        ("resolve with an unknown kind", lambda kg: kg.resolve("lenalidomide", kind="mmkg:NoSuchClass"), error()),
        ("resolve with a kind that is a number", lambda kg: kg.resolve("lenalidomide", kind=5), error()),
        ("query ASK", lambda kg: kg.query("ASK { drug:teclistamab a mmkg:BCMABispecific }"), ok(lambda v: v is True)),
        (
            "query with a binding",
            lambda kg: kg.query("SELECT ?l WHERE { ?d rdfs:label ?l }", d="drug:lenalidomide"),
            ok(lambda v: v == [{"l": "lenalidomide"}]),
        ),
        (
            "query with an unused binding",
            lambda kg: kg.query("SELECT ?l WHERE { ?d rdfs:label ?l }", drg="drug:lenalidomide"),
            error("no variable ?drg"),
        ),
        (
            "query with a crafted binding name",
            lambda kg: kg.query("SELECT ?l WHERE { ?d rdfs:label ?l }", **{"d) {} } ?s ?p ?o { VALUES (?d": 1}),
            error("variable name"),
        ),
        (
            "query with an object binding",
            lambda kg: kg.query("SELECT ?l WHERE { ?d rdfs:label ?l }", d=object()),
            error("binding"),
        ),
        (
            "query with a list binding",
            lambda kg: kg.query("SELECT ?l WHERE { ?d rdfs:label ?l }", d=[1, 2]),
            error("binding"),
        ),
        (
            "query with a NaN binding",
            lambda kg: kg.query("SELECT ?l WHERE { ?d rdfs:label ?l }", d=float("nan")),
            anything(),
        ),
        (
            "query with a huge int binding",
            lambda kg: kg.query("SELECT ?l WHERE { ?d rdfs:label ?l }", d=10**400),
            ok(lambda v: v == []),
        ),
        (
            "query with an IRI binding with >",
            lambda kg: kg.query("SELECT ?l WHERE { ?d rdfs:label ?l }", d="https://x/>"),
            error("not a valid IRI"),
        ),
        ("query not text", lambda kg: kg.query(None), error("text")),
        ("query bytes", lambda kg: kg.query(b"ASK {}"), error("text")),
        ("query invalid", lambda kg: kg.query("SELEC"), error("invalid SPARQL")),
        ("query an update", lambda kg: kg.query("DELETE WHERE { ?s ?p ?o }"), error("invalid SPARQL")),
        (
            "query past max_rows",
            lambda kg: kg.query("SELECT ?d WHERE { ?d a mmkg:Drug }", max_rows=2),
            error("more than 2 rows"),
        ),
        (
            "query past the time limit",
            lambda kg: kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }", timeout=1),
            error("time limit"),
        ),
        ("query with a negative timeout", lambda kg: kg.query("ASK {}", timeout=-1), error("timeout")),
        ("query with a text timeout", lambda kg: kg.query("ASK {}", timeout="5"), error("timeout")),
        ("query with a bool max_rows", lambda kg: kg.query("ASK {}", max_rows=True), error("max_rows")),
        (
            "query with SERVICE off",
            lambda kg: kg.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"),
            error("off"),
        ),
        (
            "query with SERVICE, hosts as a string",
            lambda kg: kg.query(
                "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                service_hosts="127.0.0.1",
                service_timeout=3,
            ),
            error("SERVICE"),
        ),
        ("query with a bad host", lambda kg: kg.query("ASK {}", service_hosts=["a b"]), error("host")),
        ("select on ASK", lambda kg: kg.select("ASK {}"), error("SELECT")),
        ("ask on SELECT", lambda kg: kg.ask("SELECT * WHERE { ?s ?p ?o } LIMIT 1"), error("ASK")),
        ("run a named query", lambda kg: kg.run("targeted-products"), ok(lambda v: len(v) == 7)),
        (
            "run with a date object",
            lambda kg: kg.run("approved-as-of", region="EU", as_of=dt.date(2025, 3, 1)),
            ok(lambda v: len(v) > 10),
        ),
        ("run with region XX", lambda kg: kg.run("approved-as-of", region="XX"), error("must be one of")),
        ("run with an empty region", lambda kg: kg.run("approved-as-of", region=""), error("empty")),
        ("run with prior_lines -1", lambda kg: kg.run("approved-as-of", prior_lines=-1), error("count")),
        ("run with prior_lines True", lambda kg: kg.run("approved-as-of", prior_lines=True), error("integer")),
        ("run with prior_lines 1.5", lambda kg: kg.run("approved-as-of", prior_lines=1.5), error("integer")),
        (
            "run with prior_lines as text 2",
            lambda kg: kg.run("approved-as-of", prior_lines="2", region="US", as_of="2025-03-01"),
            ok(lambda v: len(v) > 0),
        ),
        ("run with axis bogus", lambda kg: kg.run("drug-classes", axis="bogus"), error("must be one of")),
        ("run with an unknown parameter", lambda kg: kg.run("drugs-by-target", tagret="BCMA"), error("no parameter")),
        ("run an unknown query", lambda kg: kg.run("no-such-query"), error("unknown query")),
        ("run with a non-text name", lambda kg: kg.run(None), error()),
        (
            "run with limits",
            lambda kg: kg.run("targeted-products", timeout=10, max_rows=100),
            ok(lambda v: len(v) == 7),
        ),
        ("run past max_rows", lambda kg: kg.run("approvals", max_rows=3), error("more than 3 rows")),
        ("run federated", lambda kg: kg.run("federated-wikidata"), error("SERVICE")),
        ("xrefs", lambda kg: kg.xrefs("lenalidomide"), ok(lambda v: len(v) > 3)),
        ("xrefs unknown", lambda kg: kg.xrefs("unobtainium"), error("unknown")),
        ("xrefs None", lambda kg: kg.xrefs(None), error()),
        ("label of a non-IRI", lambda kg: kg.label("not an iri"), error()),
        (
            "label of an unknown IRI",
            lambda kg: kg.label("https://example.org/x"),
            ok(lambda v: v == "https://example.org/x"),
        ),
        (
            "options from a mapping",
            lambda kg: kg.options(history, region="EU", as_of="2024-01-01"),
            ok(lambda r: r.patient["prior_lines"] == 2),
        ),
        (
            "options: a line after as_of is not prior",
            lambda kg: kg.options(history, region="EU", as_of="2021-06-01"),
            ok(lambda r: r.patient["prior_lines"] == 1),
        ),
        ("options in region XX", lambda kg: kg.options(history, region="XX"), error("region")),
        ("options with region None", lambda kg: kg.options(history, region=None), error("region")),
        (
            "options with a bad date",
            lambda kg: kg.options(history, region="EU", as_of="2024-02-30"),
            error("YYYY-MM-DD"),
        ),
        ("options with a number as history", lambda kg: kg.options(5, region="EU"), error()),
        (
            "options with a missing file",
            lambda kg: kg.options(Path("/nonexistent/h.yaml"), region="EU"),
            error("not a regular file"),
        ),
        ("options with a bad history", lambda kg: kg.options({"lines": "VRd"}, region="EU"), error("lines")),
        (
            "to_networkx",
            lambda kg: kg.to_networkx(predicates=["mmkg:hasComponent"]),
            ok(lambda g: g.has_edge("regimen:IsaKd", "drug:isatuximab")),
        ),
        (
            "to_networkx injection",
            lambda kg: kg.to_networkx(predicates=["mmkg:hasComponent> } UNION { ?s ?p ?o"]),
            error(),
        ),
        (
            "to_networkx unknown predicate",
            lambda kg: kg.to_networkx(predicates=["mmkg:noSuchProperty"]),
            error("unknown"),
        ),
        ("to_networkx predicates as one string", lambda kg: kg.to_networkx(predicates="mmkg:hasComponent"), anything()),
        ("to_networkx predicate a number", lambda kg: kg.to_networkx(predicates=[5]), error()),
        ("parse_history a list", lambda kg: parse_history([1, 2], kg), error("mapping")),
        ("parse_history mixed keys", lambda kg: parse_history({1: 2, "lines": []}, kg), error("field name")),
        ("parse_history deep", lambda kg: parse_history({"lines": [{"drugs": _deep(3000)}]}, kg), error()),
        ("parse_history a set", lambda kg: parse_history({"lines": [{"drugs": {"lenalidomide"}}]}, kg), error()),
        ("shortcuts lines -1", lambda kg: history_from_shortcuts(kg, lines=-1), error("--lines")),
        ("shortcuts lines huge", lambda kg: history_from_shortcuts(kg, lines=10**12), error("--lines")),
        (
            "shortcuts exposed as a string",
            lambda kg: history_from_shortcuts(kg, exposed="lenalidomide", lines=1),
            ok(lambda h: len(h.lines) == 1),
        ),
        ("shortcuts refractory a number", lambda kg: history_from_shortcuts(kg, refractory=[5], lines=1), error()),
        ("catalogue get a number", lambda kg: catalogue().get(5), error()),
        ("load a missing release", lambda kg: __import__("mmkg").load(Path("/nonexistent")), error("no built release")),
        ("load a broken release", lambda kg: __import__("mmkg").load(_broken_release()), error("cannot load")),
    ]
    return [Case(f"api {name}", call, expect) for name, call, expect in calls]


def _deep(n: int) -> Any:
    value: Any = "lenalidomide"
    for _ in range(n):
        value = [value]
    return value


def _broken_release() -> Path:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="mmkg-broken-release-"))
    (folder / "mmkg.nt").write_bytes(b"<a> <b> broken .\n")
    return folder
