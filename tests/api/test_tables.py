"""Tables pandas likes: stable columns from each query's SELECT, typed values, lists, one row per result.

Each test names the problem of issue 13 it protects against (a KeyError for a missing
ci_lower, dates of mixed types, sources as one string, a result repeated per comparator).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from mmkg.frames import RESULT_COLUMNS
from mmkg.queries import catalogue

QUERIES = [q for q in catalogue() if not q.name.startswith("federated")]  # federated-* needs the network


def projection(kg, name: str) -> list[str]:
    """The variables of the named query's SELECT, in order (as the store reports them)."""
    answer = catalogue().get(name).answer(kg, {})
    assert not isinstance(answer, bool)
    return answer[0]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_every_named_query_has_its_select_as_columns(kg, query) -> None:
    frame = kg.frame(query.name)
    columns = projection(kg, query.name)
    # every projected variable, in order; a date's precision or a not-reached flag beside it; a result's
    # extra facts at the end
    assert [c for c in frame.columns if c in columns] == columns
    for added in (c for c in frame.columns if c not in columns):
        beside = next((s for s in ("_precision", "_not_reached") if added.endswith(s)), None)
        assert added in RESULT_COLUMNS or (beside and added.removesuffix(beside) in columns), added
    for column in frame.columns:
        if column.endswith("_precision") and column.removesuffix("_precision") in frame.columns:
            assert set(frame[column].dropna()) <= {"day", "month", "year"}


def test_columns_and_types_do_not_depend_on_the_data(kg) -> None:
    """A missing ci_lower raised a KeyError for CARTITUDE-4: now every trial's table has the same columns and dtypes."""
    cartitude, ikema, majestec = (
        kg.frame("results-for-trial", trial=t) for t in ("CARTITUDE-4", "IKEMA", "MajesTEC-9")
    )
    assert list(cartitude.columns) == list(ikema.columns) == list(majestec.columns)
    assert dict(cartitude.dtypes) == dict(ikema.dtypes) == dict(majestec.dtypes)
    assert cartitude["ci_lower"].dtype == "float64"
    without_ci = cartitude[cartitude["ci_lower"].isna()]
    assert len(without_ci) > 0 and without_ci["ci_lower"].isna().all()  # absent values are nulls, not missing keys


def test_dates_are_dates_with_a_precision_column(kg) -> None:
    """Approval dates were date for some rows and str for others (sorting raised TypeError)."""
    frame = kg.frame("approvals")
    assert all(isinstance(d, dt.date) for d in frame["date"])
    assert set(frame["date_precision"]) == {"day", "month", "year"}
    month = frame[frame["date_precision"] == "month"].iloc[0]
    assert month["date"].day == 1  # a month is given by its first day, and says so
    ordered = frame.sort_values("date")["date"].tolist()
    assert ordered == sorted(ordered)


def test_numbers_are_numbers_and_booleans_booleans(kg) -> None:
    frame = kg.frame("results-for-trial", trial="CARTITUDE-4")
    assert frame["estimate"].dtype == "float64"
    assert frame["not_reached"].dtype == "boolean"
    assert str(kg.frame("approved-as-of", region="US", as_of="2025-03-01")["min_prior_lines"].dtype) == "Int64"


def test_not_reached_is_a_null_number_with_a_flag_not_the_text_nr(kg, cli) -> None:
    """The deck's tables wrote "NR" among the numbers, so a median's column held float and str."""
    frame = kg.frame("len-refractory-table").set_index("study")
    assert frame["os_exp"].dtype == "float64" and frame["os_exp_not_reached"].dtype == "boolean"
    assert pd.isna(frame.loc["IKEMA", "os_exp"]) and frame.loc["IKEMA", "os_exp_not_reached"]
    assert frame.loc["BOSTON", "os_exp"] == 36.7 and not frame.loc["BOSTON", "os_exp_not_reached"]
    assert all(frame[c].dtype != object for c in frame.columns)
    ikema = next(line for line in cli("query", "len-refractory-table").stdout.splitlines() if line.startswith("IKEMA"))
    assert " NR " in ikema  # a table still shows the slide's NR, and no flag column
    assert "_not_reached" not in cli("query", "len-refractory-table").stdout


def test_sources_are_a_list(kg) -> None:
    """sources was one space-joined string."""
    frame = kg.frame("results-for-trial", trial="IKEMA")
    assert all(isinstance(s, list) for s in frame["sources"])
    assert all(s.startswith("ref:") or ":" in s for sources in frame["sources"] for s in sources)
    assert any(len(s) > 1 for s in frame["sources"])


def test_one_row_per_result_for_karmma3(kg) -> None:
    """A control arm of five regimens repeated each of its results five times."""
    frame = kg.frame("results-for-trial", trial="KarMMa-3")
    assert frame["result"].is_unique
    control = frame[frame["arm"] == "arm:KarMMa-3-standard-regimens"]
    assert control["regimen_label"].map(len).eq(5).all()
    assert sorted(control["regimen_label"].iloc[0]) == ["DPd", "DVd", "EloPd", "IxaRd", "Kd"]


def test_results_carry_analysis_type_data_cut_and_timepoint(kg) -> None:
    frame = kg.frame("results-for-trial", trial="CARTITUDE-4").set_index("result")
    primary = frame.loc["result:CARTITUDE-4-pfs-hr-itt"]
    assert primary["analysis_type"] == ["analysis:interim", "analysis:primary"]
    assert primary["data_cutoff"] == dt.date(2022, 11, 1) and primary["data_cutoff_precision"] == "day"
    landmark = kg.frame("results-for-trial", trial="CARTITUDE-1")
    assert 60.0 in set(landmark["timepoint_months"].dropna())


def test_p_values_carry_their_sidedness_where_the_source_gives_it(kg) -> None:
    dreamm7 = kg.frame("results-for-trial", trial="DREAMM-7").set_index("result")
    assert dreamm7.loc["result:DREAMM-7-pfs-hr-itt", "p_sidedness"] == "one-sided"  # the deck's footnote
    assert pd.isna(dreamm7.loc["result:DREAMM-7-os-hr-itt-39mo", "p_sidedness"])  # its sources do not say
    ikema = kg.frame("hazard-ratios", endpoint="OS", trial="IKEMA")
    assert ikema["p_sidedness"].tolist() == ["one-sided"]


def test_iris_as_curies_or_in_full(kg) -> None:
    assert kg.frame("drugs-by-target", target="CD38")["drug"].tolist() == ["drug:daratumumab", "drug:isatuximab"]
    full = kg.frame("drugs-by-target", target="CD38", iris="iri")["drug"].tolist()
    assert full == ["https://w3id.org/mmkg/drug/daratumumab", "https://w3id.org/mmkg/drug/isatuximab"]


def test_a_parameter_named_class_is_bound_from_python(kg) -> None:
    """`class` is a Python keyword: bindings={...} binds it, in kg.run, kg.frame and kg.query."""
    frame = kg.frame("regimens-containing", bindings={"class": "proteasome inhibitor"})
    assert "KRd" in set(frame["label"])
    assert {r["label"] for r in kg.run("regimens-containing", bindings={"class": "PI"})} == set(frame["label"])
    rows = kg.query("SELECT ?d WHERE { ?d a ?class }", bindings={"class": "anti-CD38 monoclonal antibody"})
    assert {r["d"] for r in rows} == {"https://w3id.org/mmkg/drug/daratumumab", "https://w3id.org/mmkg/drug/isatuximab"}


def test_inline_sparql_as_a_frame_and_ask_is_refused(kg) -> None:
    frame = kg.frame("SELECT ?d ?label WHERE { ?d mmkg:hasTarget ?t ; rdfs:label ?label } ORDER BY ?label", t="CD38")
    assert frame["label"].tolist() == ["daratumumab", "isatuximab"]
    from mmkg.errors import InputError

    with pytest.raises(InputError, match="ASK"):
        kg.frame("ASK { ?s ?p ?o }")


def test_cli_formats_give_the_same_stable_columns(kg, cli) -> None:
    args = ("query", "results-for-trial", "--param", "trial=KarMMa-3", "--format")
    frame = kg.frame("results-for-trial", trial="KarMMa-3")
    csv = pd.read_csv(io.BytesIO(cli(*args, "csv").stdout_bytes))
    tsv = pd.read_csv(io.BytesIO(cli(*args, "tsv").stdout_bytes), sep="\t")
    rows = json.loads(cli(*args, "json").stdout)
    parquet = pd.read_parquet(io.BytesIO(cli(*args, "parquet").stdout_bytes))
    assert list(csv.columns) == list(tsv.columns) == list(rows[0]) == list(parquet.columns) == list(frame.columns)
    assert len(csv) == len(tsv) == len(rows) == len(parquet) == len(frame)
    assert isinstance(rows[0]["sources"], list) and rows[0]["result"].startswith("https://")  # JSON: lists, full IRIs
    assert parquet["estimate"].dtype == "float64"


def test_parquet_reads_back_as_the_file_pandas_itself_writes(kg) -> None:
    """Parquet is written with pyarrow alone; pandas must read back the dtypes and values of its own writer."""
    from mmkg.frames import table

    cases = [(q.name, {}) for q in catalogue() if not q.name.startswith("federated")]
    cases.append(("results-for-trial", {"trial": "KarMMa-3"}))
    written: set[str] = set()
    for name, parameters in cases:
        answer = table(kg, name, parameters)
        ours = pd.read_parquet(io.BytesIO(answer.to_parquet()))
        buffer = io.BytesIO()
        answer.to_pandas().to_parquet(buffer, index=False)
        pd.testing.assert_frame_equal(ours, pd.read_parquet(io.BytesIO(buffer.getvalue())), obj=name)
        written |= {answer.kinds[c] for c in answer.columns if any(row[c] not in (None, []) for row in answer.rows)}
    assert written >= {"integer", "decimal", "boolean", "string", "date", "list"}  # every kind, with values


def test_approval_dates_read_back_from_parquet_as_dates(kg, cli) -> None:
    frame = pd.read_parquet(io.BytesIO(cli("query", "approvals", "--format", "parquet").stdout_bytes))
    assert frame["date"].dropna().map(type).eq(dt.date).all()
    assert set(frame["date_precision"].dropna()) <= {"day", "month", "year"}


def test_importing_mmkg_imports_neither_pandas_nor_matplotlib() -> None:
    code = "import sys, mmkg; mmkg.load(); print(sorted(m for m in ('pandas', 'pyarrow', 'matplotlib') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "[]", result.stderr


def test_a_named_querys_schema_is_kept_on_disk_for_the_next_cold_command(tmp_path, monkeypatch) -> None:
    """The columns' types come from the query over the whole graph: worked out once per release, not per command."""
    from mmkg.frames import table
    from mmkg.store import Store

    monkeypatch.setenv("MMKG_CACHE_DIR", str(tmp_path))
    first = table(Store.from_release(), "results-for-trial", {"trial": "IKEMA"})
    kept = list((tmp_path / "schemas").glob("*.json"))
    assert len(kept) == 1

    from mmkg import frames

    unbound: list[str] = []  # the query over the whole graph, asked only to learn the schema
    lift = frames._without_defaults
    monkeypatch.setattr(
        frames, "_without_defaults", lambda sparql, names: unbound.append(sparql) or lift(sparql, names)
    )
    again = table(Store.from_release(), "results-for-trial", {"trial": "IKEMA"})  # a new store, as the next command has
    assert unbound == [], "the kept schema is read, the whole graph not asked"
    assert again == first

    kept[0].write_text("{damaged", encoding="utf-8")
    assert table(Store.from_release(), "results-for-trial", {"trial": "IKEMA"}) == first


def test_no_schema_is_kept_when_the_cache_is_switched_off(tmp_path, monkeypatch) -> None:
    from mmkg.frames import table
    from mmkg.store import Store

    monkeypatch.setenv("MMKG_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert table(Store.from_release(), "targeted-products")
    assert not any(tmp_path.rglob("*.json"))
