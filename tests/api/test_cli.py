"""The command line: answers in three formats, and one-line errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys


def mmkg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from mmkg.cli import run; run()", *args], capture_output=True, text=True, timeout=120
    )


def test_help_says_it_is_not_medical_advice() -> None:
    result = mmkg("--help")
    assert result.returncode == 0
    assert "not medical advice" in " ".join(result.stdout.split())


def test_invalid_sparql_exits_2_with_one_line() -> None:
    result = mmkg("query", "SELEC ?x")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("mmkg: error: invalid SPARQL")


def test_unknown_query_and_bad_parameter_exit_2() -> None:
    for args in (
        ["query", "no-such-query"],
        ["query", "drugs-by-target", "--param", "target"],
        ["query", "drugs-by-target", "--param", "target=lenalidomid"],
    ):
        result = mmkg(*args)
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_unknown_option_exits_2_with_one_line() -> None:
    result = mmkg("query", "--no-such-option")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_targeted_products_as_table_json_and_csv() -> None:
    table = mmkg("query", "targeted-products")
    assert table.returncode == 0 and "belantamab mafodotin" in table.stdout and "(7 rows)" in table.stdout
    rows = json.loads(mmkg("query", "targeted-products", "--format", "json").stdout)
    assert {
        "target": "BCMA",
        "modality": "antibody-drug conjugate",
        "n": 1,
        "products": ["belantamab mafodotin"],
    } in rows
    csv_lines = mmkg("query", "targeted-products", "--format", "csv").stdout.splitlines()
    assert csv_lines[0] == "target,modality,n,products"
    assert len(csv_lines) == 8


def test_query_from_file_and_inline(tmp_path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("SELECT ?l WHERE { drug:lenalidomide rdfs:label ?l }", encoding="utf-8")
    assert mmkg("query", str(path), "--format", "csv").stdout.splitlines() == ["l", "lenalidomide"]
    assert mmkg("query", "ASK { drug:teclistamab a mmkg:BCMABispecific }").stdout.strip() == "true"


def test_resolve_prints_curie_label_and_iri() -> None:
    result = mmkg("resolve", "Isa-Kd")
    assert result.stdout.strip().split("\t") == ["regimen:IsaKd", "IsaKd", "https://w3id.org/mmkg/regimen/IsaKd"]


def test_queries_lists_the_named_queries() -> None:
    result = mmkg("queries", "--format", "json")
    names = {q["name"] for q in json.loads(result.stdout)}
    assert {"targeted-products", "drugs-by-target", "regimens-containing", "drug-classes"} <= names
