"""Fixtures of the approvals tests: one product's answers from the named queries.

Each product's tests ask the same questions of ``approved-as-of`` (which of a
product's indications are in force in a region on a day) and ``approvals`` (its
regulatory history); the ``approvals`` fixture asks them once.
"""

from __future__ import annotations

from typing import Any

import pytest

from mmkg import KnowledgeGraph

Row = dict[str, Any]


class Approvals:
    """A product's in-force indications and regulatory events, as the named queries give them."""

    DRUG = "https://w3id.org/mmkg/drug/"
    REGIMEN = "https://w3id.org/mmkg/regimen/"
    INDICATION = "https://w3id.org/mmkg/indication/"
    APPROVAL = "https://w3id.org/mmkg/approval/"

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.kg = kg

    @staticmethod
    def local(iri: str) -> str:
        """The local name of an mmkg IRI (``.../regimen/KRd`` → ``KRd``)."""
        return iri.rsplit("/", 1)[1]

    def in_force(self, product: str, region: str, day: str, **params: Any) -> list[Row]:
        """The approved-as-of rows of ``product`` (a drug's local name) in ``region`` on ``day``.

        In Italy, the rows with an AIFA decision; :meth:`not_curated` gives the others.
        """
        rows = self.kg.run("approved-as-of", region=region, as_of=day, **params)
        assert isinstance(rows, list)
        mine = [r for r in rows if r["product"] == self.DRUG + product]
        return [r for r in mine if not str(r.get("reimbursement", "")).startswith("not curated")]

    def not_curated(self, product: str, day: str) -> set[str]:
        """Regimens of the product in force in the EU whose AIFA decisions are not curated, on ``day``."""
        rows = self.kg.run("approved-as-of", region="IT", as_of=day)
        assert isinstance(rows, list)
        return {
            self.local(r["regimen"])
            for r in rows
            if r["product"] == self.DRUG + product and r["reimbursement"].startswith("not curated")
        }

    def rows(self, product: str, region: str, day: str, *, column: str = "regimen", **params: Any) -> dict[str, Row]:
        """The product's rows in force, by the local name of ``column`` (regimen, indication)."""
        return {self.local(r[column]): r for r in self.in_force(product, region, day, **params)}

    def names(self, product: str, region: str, day: str, *, column: str = "regimen", **params: Any) -> set[str]:
        """The local names of ``column`` (regimens, indications) of the product in force."""
        return {self.local(r[column]) for r in self.in_force(product, region, day, **params)}

    def by_regimen(self, product: str, region: str, day: str) -> dict[str, set[str]]:
        """Regimen → the product's approvals that put it in force (local names), where several may overlap."""
        found: dict[str, set[str]] = {}
        for r in self.in_force(product, region, day):
            found.setdefault(self.local(r["regimen"]), set()).add(self.local(r["approval"]))
        return found

    @staticmethod
    def events(rows: list[Row], *columns: str, agency: str | None = None) -> list[tuple[str, ...]]:
        """Rows of the approvals query as tuples of text (dates keep their precision), in query order.

        ``columns`` default to (agency_name, date, event_type); ``agency`` keeps one agency's events.
        """
        columns = columns or ("agency_name", "date", "event_type")
        return [tuple(str(r[c]) for c in columns) for r in rows if agency is None or r["agency_name"] == agency]


@pytest.fixture(scope="session")
def approvals(kg: KnowledgeGraph) -> Approvals:
    """A product's answers from approved-as-of and approvals (see :class:`Approvals`)."""
    return Approvals(kg)
