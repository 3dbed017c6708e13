"""Rendering query answers as a table, JSON, CSV or TSV.

Tables, CSV and TSV show IRIs as CURIEs; JSON keeps full IRIs for machines. Lists are
JSON arrays; a table joins their items with ``", "``, CSV and TSV with ``"; "``. A date beside a
``<name>_precision`` column is shown at that precision in a table (``2023-12`` for a
month); CSV, TSV and JSON give the ISO date and the precision column. Likewise a number
beside a ``<name>_not_reached`` column is shown ``NR`` in a table when it was not reached.

>>> print(render([{"d": ["a", "b"], "n": 2.5}], "tsv"), end="")
d	n
a; b	2.5
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import InputError
from .prefixes import compact

FORMATS = ("table", "json", "csv", "tsv")
# Items of a list in one cell: commas read naturally in a table; CSV and TSV cells use
# semicolons, which no field separator of either format is.
SEPARATORS = {"table": ", ", "csv": "; ", "tsv": "; "}
_PRECISION = {"month": 7, "year": 4}  # characters of an ISO date that a month or a year keeps
_BESIDE = ("_precision", "_not_reached")  # columns a table folds into the column they qualify


def _cell(value: Any, fmt: str = "table") -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return SEPARATORS[fmt].join(_cell(v, fmt) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return compact(value)
    return str(value)


def at_precision(day: dt.date, precision: str | None) -> str:
    """``day`` written as precisely as known: ``2023-12`` for a month, ``2023`` for a year.

    >>> at_precision(dt.date(2023, 12, 1), "month")
    '2023-12'
    """
    text = day.isoformat()
    return text[: _PRECISION.get(precision or "day", len(text))]


def _shown_at_precision(row: dict[str, Any], name: str) -> str:
    """A cell of a table; a date as precise as its ``<name>_precision`` column says, ``NR`` for not reached."""
    value = row.get(name)
    if value is None and row.get(f"{name}_not_reached") is True:
        return "NR"
    if isinstance(value, dt.date):
        return at_precision(value, row.get(f"{name}_precision"))
    return _cell(value)


def _json_default(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def columns_of(rows: Sequence[dict[str, Any]], declared: Sequence[str] | None = None) -> list[str]:
    columns = list(declared or [])
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    return columns


def render(rows: Sequence[dict[str, Any]] | bool, fmt: str, *, columns: Sequence[str] | None = None) -> str:
    """``rows`` (or an ASK answer) as ``fmt`` text, ending with a newline."""
    if isinstance(rows, bool):
        return json.dumps(rows) + "\n" if fmt == "json" else ("true\n" if rows else "false\n")
    names = columns_of(rows, columns)
    if fmt == "json":
        return (
            json.dumps(
                [{k: row.get(k) for k in names} for row in rows], indent=2, ensure_ascii=False, default=_json_default
            )
            + "\n"
        )
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n", dialect="excel-tab" if fmt == "tsv" else "excel")
        writer.writerow(names)
        writer.writerows([_cell(row.get(k), fmt) for k in names] for row in rows)
        return buffer.getvalue()
    if not names:
        return "(no results)\n"
    shown = [n for n in names if not any(n.endswith(s) and n.removesuffix(s) in names for s in _BESIDE)]
    table = [[_shown_at_precision(row, k) for k in shown] for row in rows]
    names = shown
    widths = [max([len(n)] + [len(r[i]) for r in table]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=False)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)).rstrip() for r in table)
    lines.append(f"({len(table)} row{'s' * (len(table) != 1)})")
    return "\n".join(lines) + "\n"


def write_file(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically: a reader sees the old file or the new one, never half of it."""
    if not path.parent.is_dir():
        raise InputError(f"no folder {str(path.parent)!r} to write {path.name!r} in")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # as open() would create it (mkstemp makes it private)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path
