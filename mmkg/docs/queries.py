"""A named query shown in full: title, description, parameters, examples and its SPARQL.

>>> from mmkg.queries import catalogue
>>> print(query_help(catalogue().get("drugs-by-target")).splitlines()[0])
drugs-by-target — Drugs by target and modality
"""

from __future__ import annotations

import textwrap

from ..queries import NamedQuery


def query_help(query: NamedQuery) -> str:
    """What ``mmkg queries NAME`` prints."""
    lines = [f"{query.name} — {query.title}", ""]
    lines += textwrap.wrap(query.description, width=100) or ["(no description)"]
    lines += ["", "Parameters:" if query.parameters else "Parameters: none"]
    for p in query.parameters:
        kind = f"{p.type}[{p.kind}]" if p.kind else p.type
        default = f", default {p.default}" if p.default else ""
        lines.append(f"  {p.name} ({kind}{default}): {p.description}")
    if query.examples:
        lines += ["", "Examples:", *(f"  {e}" for e in query.examples)]
    lines += ["", f"SPARQL ({query.path.name}):", *("  " + line for line in query.sparql.rstrip().splitlines())]
    return "\n".join(lines) + "\n"


__all__ = ["query_help"]
