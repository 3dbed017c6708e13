"""The closed-world rule ontology/rules/event-date-bounds.rq: first and last day of an event's date."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from mmkg import resources

RULE = resources.rules_dir() / "event-date-bounds.rq"
MMKG = "https://w3id.org/mmkg/ontology/"
XSD = "http://www.w3.org/2001/XMLSchema#"


def bounds(value: str, datatype: str) -> tuple[str, str] | None:
    store = ox.Store()
    event = ox.NamedNode("https://example.org/event")
    store.add(
        ox.Quad(event, ox.NamedNode(MMKG + "eventDate"), ox.Literal(value, datatype=ox.NamedNode(XSD + datatype)))
    )
    found = {
        t.predicate.value.removeprefix(MMKG): t.object.value for t in store.query(RULE.read_text(encoding="utf-8"))
    }
    return (found["earliestDate"], found["latestDate"]) if found else None


@pytest.mark.parametrize(
    ("value", "datatype", "expected"),
    [
        ("2022-10-25", "date", ("2022-10-25", "2022-10-25")),
        ("2023-12", "gYearMonth", ("2023-12-01", "2023-12-31")),
        ("2024-04", "gYearMonth", ("2024-04-01", "2024-04-30")),
        ("2024-02", "gYearMonth", ("2024-02-01", "2024-02-29")),  # leap year
        ("2023-02", "gYearMonth", ("2023-02-01", "2023-02-28")),
        ("1900-02", "gYearMonth", ("1900-02-01", "1900-02-28")),  # not a leap year
        ("2000-02", "gYearMonth", ("2000-02-01", "2000-02-29")),  # leap year
        ("2024", "gYear", ("2024-01-01", "2024-12-31")),
    ],
)
def test_event_date_bounds(value: str, datatype: str, expected: tuple[str, str]) -> None:
    assert bounds(value, datatype) == expected


def test_event_date_bounds_ignore_untyped_dates() -> None:
    assert bounds("August 2022", "string") is None


def test_every_event_in_the_graph_has_date_bounds(kg) -> None:
    rows = kg.query(
        """SELECT ?e WHERE { ?e a mmkg:RegulatoryEvent .
             FILTER NOT EXISTS { ?e mmkg:earliestDate ?a ; mmkg:latestDate ?b . FILTER(?a <= ?b) } }"""
    )
    assert rows == []


def test_ide_cel_eu_extension_bounds(kg) -> None:
    rows = kg.query("SELECT ?a ?b WHERE { approval:ide-cel-ec-2024-03 mmkg:earliestDate ?a ; mmkg:latestDate ?b }")
    assert [(str(r["a"]), str(r["b"])) for r in rows] == [("2024-03-01", "2024-03-31")]
