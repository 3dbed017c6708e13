"""Answers as stable, typed tables, for pandas and for files (CSV, TSV, JSON, Parquet).

A :class:`Table` has one column per variable of the query's SELECT, in order, whatever
the answer holds (an absent value is ``None``), and typed values:

- IRIs as CURIEs (``iris="curie"``, the default) or as full IRIs (``iris="iri"``);
- numbers as ``int`` or ``float``, booleans as ``bool``;
- dates (``xsd:date``, ``xsd:gYearMonth``, ``xsd:gYear``) as :class:`datetime.date` (the
  first day of the period), with a column ``<name>_precision`` beside (``day``, ``month``
  or ``year``), so a date column sorts and its precision is not lost;
- a column the query builds with ``GROUP_CONCAT`` as a list (split on its separator);
- a number the query writes ``"NR"`` when it was not reached (``BIND (IF(BOUND(?nr), "NR",
  ?v) AS ?name)``, as on the deck's tables) as a number, null when not reached, with a
  column ``<name>_not_reached`` beside (``True``, ``False``, or null when there is no value);
- a query that projects ``?result`` gives one row per result: a column that holds
  several values for one result (the regimens of a control arm of several regimens) is a
  list, in every row, and each result's analysis types, data cut-off and timepoint are
  added (``RESULT_COLUMNS``).

For a named query, the kinds of its columns (dates, lists, numbers) are read once per
store from its answer with no parameter bound, so every table of one query has the same
columns and types, whatever the parameters; for inline SPARQL, from the answer itself.
pandas and pyarrow come with the optional ``[frames]`` extra.

>>> import mmkg
>>> kg = mmkg.load()
>>> t = table(kg, "results-for-trial", {"trial": "KarMMa-3"})
>>> t.columns[:3]
['result', 'endpoint', 'endpoint_label']
>>> len({row["result"] for row in t.rows}) == len(t.rows)  # one row per result
True
>>> [row["regimen_label"] for row in t.rows if row["arm"] == "arm:KarMMa-3-standard-regimens"][0]
['DPd', 'DVd', 'EloPd', 'IxaRd', 'Kd']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .errors import InputError
from .prefixes import compact, expand
from .queries import NamedQuery, catalogue, parse_named_query
from .resolve import bindings as resolve_bindings
from .resources import cache_dir, write_cached
from .store import Store
from .terms import Term, python_value

if TYPE_CHECKING:
    import pandas as pd

XSD = "http://www.w3.org/2001/XMLSchema#"
IRI_STYLES = ("curie", "iri")
RESULT = "result"
#: Columns added to a table with one row per result (when the query does not project them), by kind.
RESULT_COLUMNS = {
    "analysis_type": "list",
    "data_cutoff": "date",
    "data_cutoff_precision": "string",
    "timepoint_months": "decimal",
    "timepoint_days": "decimal",
}
_GROUP_CONCAT = re.compile(r"\(\s*GROUP_CONCAT\s*\((?P<body>.*?)\)\s*AS\s+\?(?P<name>\w+)\s*\)", re.I | re.S)
_SEPARATOR = re.compile(r";\s*SEPARATOR\s*=\s*(?P<q>[\"'])(?P<sep>.*?)(?P=q)", re.I | re.S)
_IRI = re.compile(r"^https?://\S+$")
# A BIND that writes "NR" (not reached) in place of a number: the variable it binds.
_NOT_REACHED = re.compile(r'"NR"[^{};]*?\bAS\s+\?(?P<name>\w+)', re.S)
NOT_REACHED = "NR"
# pandas dtypes by kind of value: nullable integers and booleans, strings with NaN for
# missing values (pandas 3's default), dates and lists as Python objects. A column no answer
# has filled (the query's text is all we know of it) is a string column.
_DTYPES: dict[str, Any] = {
    "integer": "Int64",
    "decimal": "float64",
    "boolean": "boolean",
    "string": "str",
    "empty": "str",
    "date": "object",
    "list": "object",
    "mixed": "object",
}
_PERIODS: dict[str, tuple[str, Callable[[str], dt.date]]] = {
    XSD + "date": ("day", lambda v: dt.date.fromisoformat(v[:10])),
    XSD + "gYearMonth": ("month", lambda v: dt.date(int(v[:4]), int(v[5:7]), 1)),
    XSD + "gYear": ("year", lambda v: dt.date(int(v[:4]), 1, 1)),
}


@dataclass(frozen=True)
class Cell:
    """One value of an answer: the Python value, and a date's precision."""

    value: Any
    precision: str | None = None


@dataclass
class Schema:
    """What a query's columns hold: the kind of each value, dates (with a precision column) and lists."""

    variables: list[str]
    kinds: dict[str, str] = field(default_factory=dict)
    dates: set[str] = field(default_factory=set)
    lists: set[str] = field(default_factory=set)
    separators: dict[str, str] = field(default_factory=dict)
    not_reached: set[str] = field(default_factory=set)

    def merge(self, other: Schema) -> None:
        """Add what ``other`` (the same query's answer with no parameter bound) knows of the columns."""
        self.dates |= other.dates
        self.lists |= other.lists
        self.not_reached |= other.not_reached
        for name, kind in other.kinds.items():
            mine = self.kinds.get(name, "empty")
            self.kinds[name] = kind if mine == "empty" else mine if kind in ("empty", mine) else "mixed"


@dataclass
class Table:
    """A typed table: ``columns`` in order and ``rows`` as dicts holding every column."""

    columns: list[str]
    rows: list[dict[str, Any]]
    kinds: dict[str, str]

    def to_pandas(self) -> pd.DataFrame:
        """The table as a DataFrame (needs the ``[frames]`` extra)."""
        pandas = _pandas()
        frame: pd.DataFrame = pandas.DataFrame.from_records(self.rows, columns=self.columns)
        for column in self.columns:
            kind = self.kinds.get(column)
            if kind in _DTYPES:
                frame[column] = frame[column].astype(_DTYPES[kind])
        return frame

    def to_parquet(self) -> bytes:
        """The table as Parquet, which pandas reads back as :meth:`to_pandas` (needs ``[frames]``).

        Written with pyarrow alone where every column has one type (importing pandas would
        cost a cold command ≈ 0.25 s), with the metadata pandas writes for each column's
        dtype; a column mixing kinds of values goes through pandas, as before.
        """
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise InputError("Parquet needs pyarrow: pip install 'mmkg[frames]'") from None
        for column in self.columns:
            if self.kinds.get(column) == "mixed":
                found = sorted({type(row[column]).__name__ for row in self.rows if row[column] is not None})
                raise InputError(
                    f"column {column!r} holds values of several types ({', '.join(found)}) and a Parquet "
                    "column has one: ask for --format json or csv, or make the query's values alike"
                )
        buffer = io.BytesIO()
        arrow = _arrow_table(self)
        try:
            if arrow is None:  # lists of values other than text, numbers or booleans
                self.to_pandas().to_parquet(buffer, index=False)
            else:
                pq.write_table(arrow, buffer)
        except (pa.ArrowException, TypeError, ValueError) as error:
            raise InputError(f"the answer cannot be written as Parquet: {error}") from None
        return buffer.getvalue()


_EPOCH = dt.date(1970, 1, 1)
# pandas' metadata for a column of each kind of _DTYPES: its pandas type and numpy type.
_PANDAS_META = {
    "integer": ("int64", "Int64"),
    "decimal": ("float64", "float64"),
    "boolean": ("bool", "boolean"),
    "string": ("object", "str"),
    "empty": ("object", "str"),
    "date": ("date", "object"),
}
_LIST_ITEMS = {
    frozenset({str}): "unicode",
    frozenset({int}): "int64",
    frozenset({int, float}): "float64",
    frozenset({float}): "float64",
    frozenset({bool}): "bool",
}


def _arrow_table(table: Table) -> Any:
    """``table`` as a pyarrow Table with pandas' metadata, or None where a column mixes types.

    The values go through pyarrow's JSON reader with an explicit schema: ``pyarrow.array``
    would import pandas to ask whether a Python list is a pandas object.
    """
    import pyarrow as pa
    import pyarrow.json as pj

    types = {"integer": pa.int64(), "decimal": pa.float64(), "boolean": pa.bool_(), "string": pa.large_string()}
    types |= {"empty": pa.large_string(), "date": pa.int32()}  # dates as days since 1970, then viewed as dates
    items = {"unicode": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}
    fields, described = [], []
    for column in table.columns:
        kind = table.kinds.get(column, "mixed")
        values = [row[column] for row in table.rows]
        if kind in ("date", "list") and all(v is None for v in values):
            arrow, meta = pa.null(), ("empty", "object")  # pandas' object column of nothing
        elif kind == "list":
            found = frozenset(type(i) for v in values if v is not None for i in v) or frozenset({str})
            if found not in _LIST_ITEMS:
                return None
            arrow, meta = pa.list_(items[_LIST_ITEMS[found]]), (f"list[{_LIST_ITEMS[found]}]", "object")
        elif kind in types:
            arrow, meta = types[kind], _PANDAS_META[kind]
        else:
            return None
        fields.append(pa.field(column, arrow))
        described.append(
            {"name": column, "field_name": column, "pandas_type": meta[0], "numpy_type": meta[1], "metadata": None}
        )
    dates = [c for c in table.columns if table.kinds.get(c) == "date"]
    lines = []
    for row in table.rows:
        if dates:
            row = row | {c: (row[c] - _EPOCH).days for c in dates if row[c] is not None}
        lines.append(json.dumps(row))
    schema = pa.schema(fields)
    options = pj.ParseOptions(explicit_schema=schema, unexpected_field_behavior="ignore")
    arrow = (
        pj.read_json(io.BytesIO("\n".join(lines).encode()), parse_options=options) if lines else schema.empty_table()
    )
    for column in dates:
        if arrow.schema.field(column).type == pa.int32():
            at = arrow.schema.get_field_index(column)
            viewed = pa.chunked_array([chunk.view(pa.date32()) for chunk in arrow.column(at).chunks], type=pa.date32())
            arrow = arrow.set_column(at, column, viewed)
    pandas = {
        "index_columns": [],
        "column_indexes": [],
        "columns": described,
        "attributes": {},
        "creator": {"library": "pyarrow", "version": pa.__version__},
    }
    return arrow.replace_schema_metadata({"pandas": json.dumps(pandas)})


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise InputError("tables as DataFrames need pandas: pip install 'mmkg[frames]'") from None
    return pandas


# --- reading an answer ---------------------------------------------------------------


def cell(term: Term | ox.Triple | None) -> Cell | None:
    """A term of an answer as a :class:`Cell`; dates of any precision as :class:`datetime.date`."""
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.datatype.value in _PERIODS:
        precision, parse = _PERIODS[term.datatype.value]
        try:
            return Cell(parse(term.value), precision=precision)
        except ValueError:
            return Cell(term.value)
    return Cell(python_value(term))


def _separators(sparql: str) -> dict[str, str]:
    """Variables built with GROUP_CONCAT, with their separators (a space by default, as in SPARQL)."""
    found = {}
    for match in _GROUP_CONCAT.finditer(sparql):
        separator = _SEPARATOR.search(match.group("body"))
        found[match.group("name")] = separator.group("sep") if separator else " "
    return found


def _read(answer: tuple[list[str], list[dict[str, Any]]]) -> tuple[list[str], list[dict[str, Cell | None]]]:
    """An answer of :meth:`mmkg.store.Store.terms` as cells (unbound values are None)."""
    variables, rows = answer
    return variables, [{name: cell(row.get(name)) for name in variables} for row in rows]


def _schema(sparql: str, variables: list[str], rows: list[dict[str, Cell | None]]) -> Schema:
    separators = {k: v for k, v in _separators(sparql).items() if k in variables}
    code = re.sub(r"(?m)^\s*#.*$", "", sparql)  # a header may say what "NR" means
    not_reached = {m.group("name") for m in _NOT_REACHED.finditer(code)} & set(variables)
    schema = Schema(variables, lists=set(separators), separators=separators, not_reached=not_reached)
    for row in rows:
        schema.dates |= {name for name, c in row.items() if c is not None and c.precision is not None}
    for name in variables:
        values = [c.value for row in rows if (c := row[name]) is not None]
        schema.kinds[name] = _kind([v for v in values if v != NOT_REACHED] if name in not_reached else values)
    if RESULT in variables:
        seen: dict[Any, dict[str, Cell | None]] = {}
        for row in rows:
            result = row[RESULT]
            key = result.value if result is not None else None
            first = seen.setdefault(key, row)
            schema.lists |= {name for name in variables if name != RESULT and row[name] != first[name]}
    return schema


_SCHEMAS: weakref.WeakKeyDictionary[Store, dict[Path, Schema]] = weakref.WeakKeyDictionary()


def _without_defaults(sparql: str, parameters: Iterable[str]) -> str:
    """``sparql`` with each ``COALESCE(?param, default)`` read as ``?param``: every row, not the default's.

    >>> _without_defaults("BIND (COALESCE(?trial, trial:IKEMA) AS ?t)", ["trial"])
    'BIND (?trial AS ?t)'
    """
    for name in parameters:
        start = f"COALESCE(?{name},"
        while (at := sparql.find(start)) >= 0:
            depth, end = 0, at + len("COALESCE")
            while end < len(sparql):
                depth += {"(": 1, ")": -1}.get(sparql[end], 0)
                if depth == 0:
                    break
                end += 1
            sparql = f"{sparql[:at]}?{name}{sparql[end + 1 :]}"
    return sparql


def _named_schema(store: Store, query: NamedQuery) -> Schema:
    """A named query's schema, from its answer over the whole graph (once per store).

    The query's defaults (``COALESCE(?param, default)``) are lifted for this, so that the
    columns' types and lists do not depend on the default's data. For a store loaded from
    a release, the schema is also kept on disk (:func:`mmkg.resources.cache_dir`) under the
    release file, the query and this module: a cold ``mmkg query`` does not answer the
    query twice.
    """
    schemas = _SCHEMAS.setdefault(store, {})
    if query.path not in schemas:
        key = _schema_key(store, query)
        found = _cached_schema(key) if key else None
        if found is None:
            result = store.terms(_without_defaults(query.sparql, [p.name for p in query.parameters]))
            if isinstance(result, bool):
                raise InputError(f"query {query.name!r} is not a SELECT query")
            variables, rows = _read(result)
            found = _schema(query.sparql, variables, rows)
            if key:
                write_cached(cache_dir("schemas"), f"{key}.json", json.dumps(_schema_data(found)).encode())
        schemas[query.path] = found
    return schemas[query.path]


def _schema_key(store: Store, query: NamedQuery) -> str | None:
    """What a kept schema depends on: the release file (by path, size and time), the query's text and this module."""
    if store.release is None or cache_dir("schemas") is None:
        return None
    try:
        stat = store.release.stat()
        code = Path(__file__).read_bytes()
    except OSError:
        return None
    text = f"{store.release.resolve()}\n{stat.st_size}\n{stat.st_mtime_ns}\n{query.sparql}\n"
    return hashlib.sha256(text.encode() + code).hexdigest()


def _schema_data(schema: Schema) -> dict[str, Any]:
    return {
        "variables": schema.variables,
        "kinds": schema.kinds,
        "dates": sorted(schema.dates),
        "lists": sorted(schema.lists),
        "separators": schema.separators,
        "not_reached": sorted(schema.not_reached),
    }


def _cached_schema(key: str) -> Schema | None:
    folder = cache_dir("schemas")
    try:
        data = json.loads((folder / f"{key}.json").read_bytes()) if folder else None
        if data is None:
            return None
        return Schema(
            variables=list(data["variables"]),
            kinds=dict(data["kinds"]),
            dates=set(data["dates"]),
            lists=set(data["lists"]),
            separators=dict(data["separators"]),
            not_reached=set(data["not_reached"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # absent or damaged: answer the query again


# --- building the table --------------------------------------------------------------


def _shown(value: Any, iris: str) -> Any:
    if iris == "curie" and isinstance(value, str) and _IRI.match(value):
        return compact(value)
    return value


def _split(value: Any, separator: str) -> list[Any]:
    if value is None or value == "":
        return []
    return value.split(separator) if isinstance(value, str) else [value]


def _distinct(values: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for value in values:
        if value not in out:
            out.append(value)
    return out


def _kind(values: list[Any]) -> str:
    kinds = {type(v) for v in values if v is not None}
    if not kinds:
        return "empty"
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "integer"
    if kinds <= {int, float}:
        return "decimal"
    if kinds == {dt.date}:
        return "date"
    if kinds == {str}:
        return "string"
    return "mixed"


def _build(store: Store, schema: Schema, rows: list[dict[str, Cell | None]], *, iris: str) -> Table:
    columns: list[str] = []
    for name in schema.variables:
        columns.append(name)
        if name in schema.dates:
            columns.append(f"{name}_precision")
        if name in schema.not_reached:
            columns.append(f"{name}_not_reached")
    plain: list[dict[str, Any]] = []
    for row in rows:
        out: dict[str, Any] = {}
        for name in schema.variables:
            c = row.get(name)
            value = _shown(c.value, iris) if c is not None else None
            if name in schema.separators:
                value = [_shown(v, iris) for v in _split(c.value if c else None, schema.separators[name])]
            out[name] = value
            if name in schema.dates:
                out[f"{name}_precision"] = c.precision if c is not None else None
            if name in schema.not_reached:
                out[f"{name}_not_reached"] = None if value is None else value == NOT_REACHED
                out[name] = None if value == NOT_REACHED else value
        plain.append(out)
    kinds = {name: "list" if name in schema.lists else schema.kinds.get(name, "empty") for name in schema.variables}
    kinds |= {f"{name}_precision": "string" for name in schema.dates}
    kinds |= {f"{name}_not_reached": "boolean" for name in schema.not_reached}
    if RESULT in schema.variables:
        plain = _per_result(plain, schema.lists)
        extra = [c for c in RESULT_COLUMNS if c not in columns]
        columns += extra
        kinds |= {c: RESULT_COLUMNS[c] for c in extra}
        _add_result_columns(store, plain, extra, iris=iris)
    return Table(columns, plain, kinds)


def _per_result(rows: list[dict[str, Any]], lists: set[str]) -> list[dict[str, Any]]:
    """One row per result: list columns gather the distinct values of the result's rows."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    for i, row in enumerate(rows):
        groups.setdefault(row[RESULT] if row[RESULT] is not None else i, []).append(row)  # no result: its own row
    merged = []
    for group in groups.values():
        row = dict(group[0])
        for name in lists:
            values: list[Any] = []
            for member in group:
                value = member[name]
                values.extend(value if isinstance(value, list) else ([] if value is None else [value]))
            row[name] = sorted(_distinct(values), key=str)
        merged.append(row)
    return merged


def _add_result_columns(store: Store, rows: list[dict[str, Any]], columns: list[str], *, iris: str) -> None:
    """Each result's analysis types, data cut-off (with its precision) and timepoint."""
    for row in rows:
        row.update({c: [] if c == "analysis_type" else None for c in columns})
    results = [r[RESULT] for r in rows if r[RESULT]]
    if not columns or not results:
        return
    terms = " ".join(str(ox.NamedNode(expand(r) or r)) for r in results)
    answer = store.terms(
        f"""SELECT ?result ?analysis ?cutoff ?months ?days WHERE {{
          VALUES ?result {{ {terms} }}
          OPTIONAL {{ ?result mmkg:analysisType ?analysis }}
          OPTIONAL {{ ?result mmkg:dataCutoff ?cutoff }}
          OPTIONAL {{ ?result mmkg:timepointMonths ?months }}
          OPTIONAL {{ ?result mmkg:timepointDays ?days }}
        }}"""
    )
    assert not isinstance(answer, bool)
    found: dict[str, dict[str, Any]] = {}
    for solution in answer[1]:
        values = found.setdefault(_shown(solution["result"].value, iris), {"analysis_type": []})
        analysis = solution.get("analysis")
        if analysis is not None and _shown(analysis.value, iris) not in values["analysis_type"]:
            values["analysis_type"].append(_shown(analysis.value, iris))
        cutoff = cell(solution.get("cutoff"))
        if cutoff is not None:
            values["data_cutoff"], values["data_cutoff_precision"] = cutoff.value, cutoff.precision
        for name, variable in (("timepoint_months", "months"), ("timepoint_days", "days")):
            if solution.get(variable) is not None:
                values[name] = python_value(solution[variable])
    for row in rows:
        values = found.get(row[RESULT], {})
        row.update({c: sorted(values[c]) if c == "analysis_type" else values[c] for c in columns if c in values})


# --- the entry point -----------------------------------------------------------------


def named_or_sparql(query: str) -> NamedQuery | str:
    """A named query (by name or ``.rq`` path) or the inline SPARQL text itself."""
    path = Path(query)
    if query.endswith(".rq") and path.exists():  # parse_named_query says when it is no regular file
        return parse_named_query(path)
    if any(ch.isspace() for ch in query.strip()) or "{" in query:
        return query
    return catalogue().get(query)


def table(
    store: Store,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    iris: str = "curie",
    limits: Mapping[str, Any] | None = None,
) -> Table | bool:
    """The answer to ``query`` (a named query, a ``.rq`` file or inline SPARQL) as a :class:`Table`.

    ``params`` bind the named query's parameters, or the inline query's variables by the one
    resolution rule (:func:`mmkg.resolve.binding`); ``limits`` override the store's query
    limits (``timeout``, ``max_rows``, …: :class:`mmkg.store.Limits`). An ASK query gives a bool.
    """
    if iris not in IRI_STYLES:
        raise InputError(f"iris must be one of {', '.join(IRI_STYLES)}, got {iris!r}")
    found = named_or_sparql(query)
    values = dict(params or {})
    terms: Mapping[str, Term]
    if isinstance(found, NamedQuery):
        sparql, terms = found.sparql, found.bindings(store, values)
    else:
        sparql, terms = found, resolve_bindings(store, values)
    result = store.terms(sparql, **dict(limits or {}), **terms)
    if isinstance(result, bool):
        return result
    variables, rows = _read(result)
    schema = _schema(sparql, variables, rows)
    if isinstance(found, NamedQuery) and catalogue().queries.get(found.name) is found:
        schema.merge(_named_schema(store, found))
    return _build(store, schema, rows, iris=iris)


def frame(store: Store, query: str, params: Mapping[str, Any] | None = None, *, iris: str = "curie") -> pd.DataFrame:
    """:func:`table` as a pandas DataFrame (needs the ``[frames]`` extra)."""
    answer = table(store, query, params, iris=iris)
    if isinstance(answer, bool):
        raise InputError("an ASK query answers true or false, not a table")
    return answer.to_pandas()


__all__ = ["RESULT_COLUMNS", "Cell", "Table", "frame", "named_or_sparql", "table"]
