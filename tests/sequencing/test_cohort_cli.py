"""`mmkg cohort`: the rows of the batch engine in CSV, JSON Lines and Parquet; bad lines reported and skipped."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mmkg.cli.cohort import CHUNK
from mmkg.prefixes import compact
from mmkg.sequencing import EACH_RELAPSE, generate_cohort, options_for_cohort


def mmkg_process(*args: str, stdin: str | None = None, tmpdir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`mmkg ARGS…` as a process of its own: for its worker processes (``-j``); ``tmpdir``: its TMPDIR."""
    env = {**os.environ, "TMPDIR": str(tmpdir)} if tmpdir is not None else None
    return subprocess.run(
        [sys.executable, "-c", "from mmkg.cli import run; run()", *args],
        capture_output=True,
        text=True,
        input=stdin,
        check=False,
        env=env,
    )


@pytest.fixture(scope="module")
def histories(kg) -> list[dict]:
    # more than one chunk of patients, so that --jobs 2 really uses two workers
    return list(generate_cohort(kg, CHUNK + 50, seed=11))


@pytest.fixture(scope="module")
def cohort_file(tmp_path_factory, histories) -> Path:
    path = tmp_path_factory.mktemp("cohort") / "cohort.jsonl"
    path.write_text("".join(json.dumps(h) + "\n" for h in histories), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def expected(kg, histories):
    return list(options_for_cohort(kg, histories, region="EU", as_of=EACH_RELAPSE))


def record(row) -> dict:
    """A row with its reasons as mappings, as JSON Lines and Parquet hold it."""
    return {**row._asdict(), "reasons": [r.to_dict() for r in row.reasons]}


def reference_csv(rows) -> bytes:
    """The rows as the CSV is specified, written plainly (one f-string per row, no sharing)."""

    def field(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n\r') else text

    out = ["patient,relapse,day,option,label,kind,status,reasons,nodes\n"]
    for r in rows:
        reasons = " | ".join(x.text.replace('"', '""') for x in r.reasons)
        nodes = field(" ".join(compact(x.node) for x in r.reasons))
        out.append(
            f"{field(r.patient)},{r.relapse},{r.day.isoformat()},{field(compact(r.option))},{field(r.label)},"
            f'{r.kind},{r.status},"{reasons}",{nodes}\n'
        )
    return "".join(out).encode()


def test_csv_is_byte_for_byte_the_batch_engines_rows_in_input_order_with_two_workers(
    cohort_file, expected, tmp_path
) -> None:
    """Each shared answer is formatted once and the patient's own lines are filled in: the bytes stay those of the rows."""
    out = tmp_path / "rows.csv"
    spool = tmp_path / "tmp"
    spool.mkdir()
    result = mmkg_process(
        "cohort", str(cohort_file), "--region", "EU", "--as-of", "each-relapse", "-o", str(out), "-j", "2", tmpdir=spool
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == reference_csv(expected)
    assert not list(spool.iterdir()), "the workers' spool files are removed"
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [(r["patient"], int(r["relapse"]), r["day"], r["option"], r["status"]) for r in rows] == [
        (e.patient, e.relapse, e.day.isoformat(), compact(e.option), e.status) for e in expected
    ]
    assert "not medical advice" in result.stderr


def test_csv_stays_the_same_when_the_rows_made_once_are_forgotten(
    run_mmkg, cohort_file, expected, tmp_path, monkeypatch
) -> None:
    """The formatter's bound (memory stays flat) drops the rows it made of shared answers: it makes them again."""
    from mmkg.cli import cohort

    monkeypatch.setattr(cohort, "_MAX_MADE", 2)
    out = tmp_path / "rows.csv"
    result = run_mmkg(
        "cohort", str(cohort_file), "--region", "EU", "--as-of", "each-relapse", "-o", str(out), "-j", "1"
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == reference_csv(expected)


def test_csv_stays_the_same_when_a_rows_text_holds_the_line_mark(
    run_mmkg, cohort_file, expected, tmp_path, monkeypatch
) -> None:
    """Rows are made once with a mark for the patient's lines; a row whose own text holds the mark is made per patient."""
    from mmkg.cli import cohort

    monkeypatch.setattr(cohort, "_LINE", "e")  # in most rows' text ("closed", "requires", …)
    monkeypatch.setattr(cohort, "_LINE_MARK", b"e")
    monkeypatch.setattr(cohort._Csv, "rows", {})
    out = tmp_path / "rows.csv"
    result = run_mmkg(
        "cohort", str(cohort_file), "--region", "EU", "--as-of", "each-relapse", "-o", str(out), "-j", "1"
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == reference_csv(expected)
    assert None in cohort._Csv.rows.values()  # the per-patient path was taken


@pytest.mark.slow
def test_jsonl_keeps_every_reason_with_its_node_and_two_workers_write_the_same_bytes(
    kg, cohort_file, histories, tmp_path
) -> None:
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"rows-{jobs}.jsonl"
        result = mmkg_process(
            "cohort",
            str(cohort_file),
            "--region",
            "IT",
            "--as-of",
            "2023-01-01",
            "--format",
            "jsonl",
            "-o",
            str(out),
            "-j",
            jobs,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    got = [json.loads(line) for line in outputs[0].decode("utf-8").splitlines()]
    want = list(options_for_cohort(kg, histories, region="IT", as_of="2023-01-01"))
    assert got == [{**record(w), "day": w.day.isoformat()} for w in want]


@pytest.mark.slow
def test_parquet_holds_the_same_rows(kg, histories, tmp_path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "cohort.jsonl"
    path.write_text("".join(json.dumps(h) + "\n" for h in histories[:40]), encoding="utf-8")
    expected = list(options_for_cohort(kg, histories[:40], region="EU", as_of=EACH_RELAPSE))
    out = tmp_path / "rows.parquet"
    result = mmkg_process(
        "cohort", str(path), "--region", "EU", "--as-of", "each-relapse", "--format", "parquet", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    table = pq.read_table(out)
    assert table.to_pylist() == [record(e) for e in expected]
    assert b"not medical advice" in table.schema.metadata[b"disclaimer"]


def test_a_bad_line_is_reported_with_its_number_and_the_rest_is_answered(run_mmkg, tmp_path) -> None:
    lines = [
        {"id": "a", "lines": [{"regimen": "VRd", "start": "2019-01-01"}, {"regimen": "Kd", "start": "2021-01-01"}]},
        "not json",
        {"id": "c", "lines": [{"regimen": "no-such-regimen", "start": "2019-01-01"}]},
        {"id": "d", "lines": [{"regimen": "VRd"}, {"regimen": "Kd"}]},
        {"id": "e", "lines": [{"regimen": "DRd", "start": "2019-01-01"}, {"regimen": "Pd", "start": "2022-01-01"}]},
    ]
    path = tmp_path / "cohort.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "rows.csv"
    result = run_mmkg("cohort", str(path), "--region", "EU", "--as-of", "each-relapse", "-o", str(out))
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("mmkg: error:")]
    assert [e.split(":")[3] for e in errors] == ["2", "3", "4"]
    assert "not valid JSON" in errors[0] and "no-such-regimen" in errors[1] and "no start date" in errors[2]
    assert "Traceback" not in result.stderr
    assert {row["patient"] for row in csv.DictReader(out.open(encoding="utf-8"))} == {"a", "e"}


def test_a_failed_run_leaves_no_output_behind(run_mmkg, tmp_path) -> None:
    out = tmp_path / "rows.csv"
    out.write_text("earlier results\n", encoding="utf-8")
    result = run_mmkg("cohort", str(tmp_path / "missing.jsonl"), "--region", "EU", "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no such file" in result.stderr
    assert out.read_text(encoding="utf-8") == "earlier results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.csv"]


def test_bad_options_are_one_line_errors(run_mmkg, cohort_file) -> None:
    for args in (("--region", "EU", "--as-of", "someday"), ("--region", "EU", "--format", "parquet")):
        result = run_mmkg("cohort", str(cohort_file), *args)
        assert result.returncode == 2, args
        assert result.stderr.startswith("mmkg: error:") and result.stderr.count("\n") == 1, args


def test_stdin_and_generate(run_mmkg, kg) -> None:
    generated = run_mmkg("cohort", "--generate", "5", "--seed", "2")
    assert generated.returncode == 0, generated.stderr
    assert [json.loads(line) for line in generated.stdout.splitlines()] == list(generate_cohort(kg, 5, seed=2))
    answered = run_mmkg("cohort", "-", "--region", "US", "--as-of", "2025-01-01", stdin=generated.stdout)
    assert answered.returncode == 0, answered.stderr
    assert answered.stdout.startswith("patient,relapse,day,option,label,kind,status,reasons,nodes\n")
    assert {row["patient"] for row in csv.DictReader(answered.stdout.splitlines())} <= {
        f"patient-{n:07d}" for n in range(1, 6)
    }
