"""Rendering query answers as a table, JSON or CSV.

Tables and CSV show IRIs as CURIEs; JSON keeps full IRIs for machines.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any

from .prefixes import compact

FORMATS = ("table", "json", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return compact(value)
    return str(value)


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
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([_cell(row.get(k)) for k in names] for row in rows)
        return buffer.getvalue()
    if not names:
        return "(no results)\n"
    table = [[_cell(row.get(k)) for k in names] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in table]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=False)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)).rstrip() for r in table)
    lines.append(f"({len(table)} row{'s' * (len(table) != 1)})")
    return "\n".join(lines) + "\n"
