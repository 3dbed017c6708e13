"""The closed-world rule ontology/rules/indication-in-force.rq: when an approval's indication is in force.

An approval is in force on day D iff mmkg:inForceFrom <= D and (no mmkg:inForceUntil or
D < mmkg:inForceUntil); approved-as-of, approval-gaps and the sequencing queries read these dates.
"""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest

from mmkg import resources
from mmkg.rules import apply_rules

RULES = resources.rules_dir()
MMKG = "https://w3id.org/mmkg/ontology/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
EX = "https://example.org/"


def in_force(events: dict[str, dict]) -> dict[str, tuple[str | None, str | None]]:
    """Run the date-bound and in-force rules over synthetic events; return (from, until) per approval.

    ``events`` maps a local name to {"type", "date" (value, datatype), "indication": [..], "ends": [..]}.
    """
    store = ox.Store()

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        store.add(ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(p), o))

    for name, event in events.items():
        add(name, RDF_TYPE, ox.NamedNode(MMKG + event["type"]))
        value, datatype = event["date"]
        add(name, MMKG + "eventDate", ox.Literal(value, datatype=ox.NamedNode(XSD + datatype)))
        for indication in event.get("indication", []):
            add(name, MMKG + "indication", ox.NamedNode(EX + indication))
        for ended in event.get("ends", []):
            add(name, MMKG + "ends", ox.NamedNode(EX + ended))
    apply_rules(store, [RULES / "event-date-bounds.rq", RULES / "indication-in-force.rq"])
    found: dict[str, dict[str, str]] = {}
    for prop in ("inForceFrom", "inForceUntil"):
        for quad in store.quads_for_pattern(None, ox.NamedNode(MMKG + prop), None):
            values = found.setdefault(quad.subject.value.removeprefix(EX), {})
            assert prop not in values, f"two values of {prop} for {quad.subject}"
            values[prop] = quad.object.value
    return {name: (v.get("inForceFrom"), v.get("inForceUntil")) for name, v in found.items()}


def test_an_approval_nothing_ends_is_in_force_from_its_date() -> None:
    assert in_force({"a": {"type": "Approval", "date": ("2022-10-25", "date"), "indication": ["x"]}}) == {
        "a": ("2022-10-25", None)
    }


def test_an_approval_dated_by_month_counts_from_the_last_day_of_the_month() -> None:
    assert in_force({"a": {"type": "Approval", "date": ("2023-12", "gYearMonth"), "indication": ["x"]}}) == {
        "a": ("2023-12-31", None)
    }


def test_an_approval_without_indication_gets_no_dates() -> None:
    assert in_force({"a": {"type": "Approval", "date": ("2022-10-25", "date")}}) == {}


def test_a_withdrawal_ends_the_approval_from_the_first_day_it_may_have_happened() -> None:
    got = in_force(
        {
            "a": {"type": "Approval", "date": ("2020-08-05", "date"), "indication": ["x"]},
            "w": {"type": "Withdrawal", "date": ("2022-11", "gYearMonth"), "ends": ["a"]},
        }
    )
    assert got == {"a": ("2020-08-05", "2022-11-01")}


def test_a_superseding_approval_of_another_indication_ends_the_earlier_one() -> None:
    got = in_force(
        {
            "a": {"type": "Approval", "date": ("2022-02-28", "date"), "indication": ["x"]},
            "b": {"type": "Approval", "date": ("2024-04-05", "date"), "indication": ["y"], "ends": ["a"]},
        }
    )
    assert got == {"a": ("2022-02-28", "2024-04-05"), "b": ("2024-04-05", None)}


def test_a_conversion_continues_the_indication_until_it_is_certainly_in_force() -> None:
    got = in_force(
        {
            "a": {"type": "Approval", "date": ("2021-03", "gYearMonth"), "indication": ["x"]},
            "c": {"type": "Approval", "date": ("2022-07", "gYearMonth"), "indication": ["x"], "ends": ["a"]},
        }
    )
    # no gap: the first approval counts up to 2022-07-30, the conversion from 2022-07-31
    assert got == {"a": ("2021-03-31", "2022-07-31"), "c": ("2022-07-31", None)}


def test_an_ending_event_ends_every_approval_it_ends_transitively() -> None:
    got = in_force(
        {
            "a": {"type": "Approval", "date": ("2021-03-31", "date"), "indication": ["x"]},
            "c": {"type": "Approval", "date": ("2022-07", "gYearMonth"), "indication": ["x"], "ends": ["a"]},
            "w": {"type": "Withdrawal", "date": ("2022-07-15", "date"), "ends": ["c"]},
        }
    )
    # the withdrawal ends the conversion and, through it, the approval the conversion continued
    assert got == {"a": ("2021-03-31", "2022-07-15"), "c": ("2022-07-31", "2022-07-15")}


def test_the_earliest_ending_event_wins() -> None:
    got = in_force(
        {
            "a": {"type": "Approval", "date": ("2020-01-01", "date"), "indication": ["x"]},
            "b": {"type": "Approval", "date": ("2024-01-01", "date"), "indication": ["y"], "ends": ["a"]},
            "w": {"type": "Withdrawal", "date": ("2023", "gYear"), "ends": ["a"]},
        }
    )
    assert got["a"] == ("2020-01-01", "2023-01-01")


def test_a_partial_re_grant_of_several_indications_ends_them_all() -> None:
    got = in_force(
        {
            "a": {"type": "Approval", "date": ("2020-01-01", "date"), "indication": ["x", "y"]},
            "c": {"type": "Approval", "date": ("2021-06", "gYearMonth"), "indication": ["x"], "ends": ["a"]},
        }
    )
    # the superseding approval takes over on the day it is certainly in force
    assert got["a"] == ("2020-01-01", "2021-06-30")


def test_a_withdrawal_dated_by_month_ends_the_approval_from_the_first_day_of_the_month() -> None:
    got = in_force(
        {
            "a": {"type": "Approval", "date": ("2020-01-01", "date"), "indication": ["x"]},
            "w": {"type": "Withdrawal", "date": ("2022-11", "gYearMonth"), "ends": ["a"]},
        }
    )
    assert got["a"] == ("2020-01-01", "2022-11-01")


def test_no_day_without_an_indication_when_an_approval_supersedes_another(kg) -> None:
    """A superseding approval closes the one it replaces on the day it starts (issue: EU ide-cel 2024-03)."""
    rows = kg.query(
        """SELECT ?old ?new ?until ?from WHERE {
             ?new a mmkg:Approval ; mmkg:indication ?granted ; mmkg:ends ?old ; mmkg:inForceFrom ?from .
             ?old mmkg:inForceUntil ?until .
             FILTER NOT EXISTS { ?w mmkg:ends+ ?old ; mmkg:earliestDate ?e . FILTER (?e < ?from) FILTER NOT EXISTS { ?w mmkg:indication ?any } } }"""
    )
    assert rows
    assert [r for r in rows if r["until"] > r["from"]] == []
    assert [r for r in rows if r["until"] < r["from"]] == []


# --- the dates in the graph -------------------------------------------------------------


def dates(kg, approval: str) -> tuple[dt.date, dt.date | None]:
    rows = kg.query(
        "SELECT ?from ?until WHERE { ?a mmkg:inForceFrom ?from OPTIONAL { ?a mmkg:inForceUntil ?until } }",
        a=f"approval:{approval}",
    )
    assert len(rows) == 1
    return rows[0]["from"], rows[0].get("until")


def test_every_approval_with_an_indication_is_in_force_from_its_latest_date(kg) -> None:
    rows = kg.query(
        """SELECT ?a WHERE { ?a a mmkg:Approval ; mmkg:indication ?i .
             FILTER NOT EXISTS { ?a mmkg:inForceFrom ?from ; mmkg:latestDate ?from } }"""
    )
    assert rows == []


@pytest.mark.parametrize(
    ("approval", "expected"),
    [
        ("belantamab-fda-2020-08-05", (dt.date(2020, 8, 5), dt.date(2022, 11, 22))),  # withdrawn
        ("belantamab-ec-2020-08-25", (dt.date(2020, 8, 25), dt.date(2024, 2, 23))),  # not renewed
        ("cilta-cel-fda-2022-02-28", (dt.date(2022, 2, 28), dt.date(2024, 4, 5))),  # superseded (1 prior line)
        ("ide-cel-ec-2021-08", (dt.date(2021, 8, 31), dt.date(2024, 3, 31))),  # superseded by the 2024-03 extension
        ("selinexor-ec-2021-03", (dt.date(2021, 3, 31), dt.date(2022, 7, 31))),  # converted in 2022-07
        ("selinexor-ec-2022-07-conversion", (dt.date(2022, 7, 31), None)),
        ("teclistamab-fda-2022-10-25", (dt.date(2022, 10, 25), dt.date(2026, 3, 5))),  # converted
    ],
)
def test_in_force_dates(kg, approval: str, expected: tuple[dt.date, dt.date | None]) -> None:
    assert dates(kg, approval) == expected
