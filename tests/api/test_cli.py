"""The command line: answers in three formats, and one-line errors with exit status 2.

The entry point runs in this process (``run_mmkg``, tests/conftest.py); one test runs the
installed ``mmkg`` command as a process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_installed_command_says_it_is_not_medical_advice() -> None:
    command = Path(sys.executable).with_name("mmkg")
    result = subprocess.run([str(command), "--help"], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "not medical advice" in " ".join(result.stdout.split())


def test_invalid_sparql_exits_2_with_one_line(run_mmkg) -> None:
    result = run_mmkg("query", "SELEC ?x")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("mmkg: error: invalid SPARQL")


def test_unknown_query_and_bad_parameter_exit_2(run_mmkg) -> None:
    for args in (
        ["query", "no-such-query"],
        ["query", "drugs-by-target", "--param", "target"],
        ["query", "drugs-by-target", "--param", "target=lenalidomid"],
    ):
        result = run_mmkg(*args)
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_parquet_of_a_column_of_numbers_and_text_exits_2_with_one_line(run_mmkg) -> None:
    """A Parquet column has one type; pyarrow's own error came out as a traceback."""
    result = run_mmkg("query", "SELECT ?x WHERE { VALUES ?x { 1 'a' } }", "--format", "parquet")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "column 'x' holds values of several types (int, str)" in result.stderr


def test_unknown_option_exits_2_with_one_line(run_mmkg) -> None:
    result = run_mmkg("query", "--no-such-option")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_targeted_products_as_table_json_and_csv(run_mmkg) -> None:
    table = run_mmkg("query", "targeted-products")
    assert table.returncode == 0 and "belantamab mafodotin" in table.stdout and "(7 rows)" in table.stdout
    rows = json.loads(run_mmkg("query", "targeted-products", "--format", "json").stdout)
    assert {
        "target": "BCMA",
        "modality": "antibody-drug conjugate",
        "n": 1,
        "products": ["belantamab mafodotin"],
    } in rows
    csv_lines = run_mmkg("query", "targeted-products", "--format", "csv").stdout.splitlines()
    assert csv_lines[0] == "target,modality,n,products"
    assert len(csv_lines) == 8


def test_query_from_file_and_inline(run_mmkg, tmp_path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("SELECT ?l WHERE { drug:lenalidomide rdfs:label ?l }", encoding="utf-8")
    assert run_mmkg("query", str(path), "--format", "csv").stdout.splitlines() == ["l", "lenalidomide"]
    assert run_mmkg("query", "ASK { drug:teclistamab a mmkg:BCMABispecific }").stdout.strip() == "true"


def test_resolve_prints_curie_label_and_iri(run_mmkg) -> None:
    result = run_mmkg("resolve", "Isa-Kd")
    assert result.stdout.strip().split("\t") == ["regimen:IsaKd", "IsaKd", "https://w3id.org/mmkg/regimen/IsaKd"]


def test_queries_lists_the_named_queries(run_mmkg) -> None:
    result = run_mmkg("queries", "--format", "json")
    names = {q["name"] for q in json.loads(result.stdout)}
    assert {"targeted-products", "drugs-by-target", "regimens-containing", "drug-classes"} <= names
