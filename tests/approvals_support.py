"""Shared code of the approvals tests (tests/test_approvals_*.py): one product's answers.

The per-product test modules ask the same questions of the named queries approved-as-of
(which indications of a product are in force in a region on a day) and approvals (a
product's regulatory history); the helpers here ask them once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

BASE = "https://w3id.org/mmkg/"
DRUG = BASE + "drug/"
REGIMEN = BASE + "regimen/"
INDICATION = BASE + "indication/"
APPROVAL = BASE + "approval/"
SETTING = BASE + "setting/"

Row = dict[str, Any]


def local(iri: str) -> str:
    """The local name of an mmkg IRI (``.../regimen/KRd`` → ``KRd``)."""
    return iri.rsplit("/", 1)[1]


def approved_rows(kg, product: str, region: str, day: str, **params) -> list[Row]:
    """The approved-as-of rows of ``product`` (a drug's local name) in ``region`` on ``day``."""
    rows = kg.run("approved-as-of", region=region, as_of=day, **params)
    return [r for r in rows if r["product"] == DRUG + product]


def rows_by(product: str, column: str = "regimen") -> Callable[..., dict[str, Row]]:
    """``f(kg, region, day, **params)``: the product's rows in force, by the local name of ``column``."""

    def rows(kg, region: str, day: str, **params) -> dict[str, Row]:
        return {local(r[column]): r for r in approved_rows(kg, product, region, day, **params)}

    return rows


def names_by(product: str, column: str = "regimen") -> Callable[..., set[str]]:
    """``f(kg, region, day, **params)``: the local names of ``column`` (regimens, indications) in force."""

    def names(kg, region: str, day: str, **params) -> set[str]:
        return {local(r[column]) for r in approved_rows(kg, product, region, day, **params)}

    return names


def events(rows: list[Row], *columns: str, agency: str | None = None) -> list[tuple[str, ...]]:
    """Rows of the approvals query as tuples of text (dates keep their precision), in query order.

    ``columns`` default to (agency_name, date, event_type); ``agency`` keeps one agency's events.
    """
    columns = columns or ("agency_name", "date", "event_type")
    return [tuple(str(r[c]) for c in columns) for r in rows if agency is None or r["agency_name"] == agency]
