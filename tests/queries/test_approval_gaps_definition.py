"""approval-gaps answers exactly as its definition reads.

The definition: an indication in force at one agency on the day is a gap unless an indication
of the same regimen, in one of its disease settings, is in force at the other agency on that
day (admitting a patient with prior_lines prior lines, when given) — a FILTER NOT EXISTS
searched for every row. The named query computes the same by one join and a count per row,
so that its time grows linearly with the approvals (bench/run.py --only scale); these tests
hold it to the definition, row for row and in order.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import mmkg

DEFINITION = """
PREFIX mmkg:   <https://w3id.org/mmkg/ontology/>
PREFIX agency: <https://w3id.org/mmkg/agency/>
PREFIX rdfs:   <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos:   <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd:    <http://www.w3.org/2001/XMLSchema#>
SELECT ?regimen ?regimen_label ?product ?disease_setting ?approved_in ?not_approved_in
       ?min_prior_lines ?max_prior_lines ?approval ?indication
WHERE {
  BIND(COALESCE(?as_of, STRDT(SUBSTR(STR(NOW()), 1, 10), xsd:date)) AS ?day)
  VALUES (?agency ?approved_in ?otherAgency ?not_approved_in) {
    (agency:FDA "US" agency:EC "EU")
    (agency:EC "EU" agency:FDA "US")
  }
  ?approval a mmkg:Approval ; mmkg:agency ?agency ; mmkg:product ?product ;
      mmkg:indication ?indication ; mmkg:inForceFrom ?inForceFrom .
  FILTER(?inForceFrom <= ?day)
  ?indication mmkg:indicationRegimen ?regimen .
  OPTIONAL { ?approval mmkg:inForceUntil ?inForceUntil }
  FILTER(!BOUND(?inForceUntil) || ?day < ?inForceUntil)
  OPTIONAL { ?regimen rdfs:label ?regimenLabel }
  BIND(STR(?regimenLabel) AS ?regimen_label)
  OPTIONAL { ?indication mmkg:diseaseSetting ?disease_setting }
  OPTIONAL { ?indication mmkg:minPriorLines ?min_prior_lines }
  OPTIONAL { ?indication mmkg:maxPriorLines ?max_prior_lines }
  FILTER(!BOUND(?setting) || ?disease_setting = ?setting || EXISTS { ?disease_setting skos:broader ?setting })
  FILTER(!BOUND(?prior_lines) || ((!BOUND(?min_prior_lines) || ?prior_lines >= ?min_prior_lines)
                                  && (!BOUND(?max_prior_lines) || ?prior_lines <= ?max_prior_lines)))
  FILTER NOT EXISTS {
    ?indication mmkg:diseaseSetting ?sharedSetting .
    ?otherIndication mmkg:indicationRegimen ?regimen ; mmkg:diseaseSetting ?sharedSetting .
    ?otherApproval mmkg:indication ?otherIndication ; a mmkg:Approval ;
        mmkg:agency ?otherAgency ; mmkg:inForceFrom ?otherFrom .
    OPTIONAL { ?otherApproval mmkg:inForceUntil ?otherUntil }
    OPTIONAL { ?otherIndication mmkg:minPriorLines ?otherMin }
    OPTIONAL { ?otherIndication mmkg:maxPriorLines ?otherMax }
    FILTER(?otherFrom <= ?day && (!BOUND(?otherUntil) || ?day < ?otherUntil)
           && (!BOUND(?prior_lines) || ((!BOUND(?otherMin) || ?otherMin <= ?prior_lines)
                                        && (!BOUND(?otherMax) || ?prior_lines <= ?otherMax))))
  }
}
ORDER BY ?approved_in ?product ?regimen_label ?indication ?disease_setting ?approval
"""


def by_definition(kg: mmkg.KnowledgeGraph, params: dict[str, Any]) -> list[dict[str, Any]]:
    bindings = mmkg.catalogue().get("approval-gaps").bindings(kg, params)
    rows = kg.query(DEFINITION, **bindings)
    assert isinstance(rows, list)
    return rows


def in_force_boundaries(kg: mmkg.KnowledgeGraph) -> list[dt.date]:
    """The days on which an approval comes into force or ends, and one day before the first:
    the answer is the same from one of these days to the next, so they reach every answer."""
    rows = kg.query(
        "PREFIX mmkg: <https://w3id.org/mmkg/ontology/> "
        "SELECT DISTINCT ?day WHERE { ?approval a mmkg:Approval ; mmkg:inForceFrom|mmkg:inForceUntil ?day }"
    )
    assert isinstance(rows, list)
    days = sorted(row["day"] for row in rows)
    return [days[0] - dt.timedelta(days=1), *days]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"as_of": "1990-01-01"},
        {"as_of": "2016-01-31", "setting": "RRMM"},
        {"as_of": "2017-04-28", "prior_lines": 3},
        {"as_of": "2020-01-01", "setting": "NDMM"},
        {"as_of": "2024-10-31", "prior_lines": 4, "setting": "NDMM-TIE"},
        {"as_of": "2025-08-01", "prior_lines": 3, "setting": "RRMM"},
        {"as_of": "2025-09-01", "setting": "HR-SMM"},
        {"as_of": "2025-11-01", "prior_lines": 0},
    ],
    ids=lambda params: ",".join(f"{k}={v}" for k, v in params.items()) or "defaults",
)
def test_approval_gaps_gives_the_rows_of_its_definition(kg: mmkg.KnowledgeGraph, params: dict[str, Any]) -> None:
    assert kg.run("approval-gaps", **params) == by_definition(kg, params)


@pytest.mark.slow  # about a thousand pairs of queries
def test_approval_gaps_gives_the_rows_of_its_definition_on_every_day_the_answer_can_change(
    kg: mmkg.KnowledgeGraph,
) -> None:
    choices: list[dict[str, Any]] = [
        {},
        {"prior_lines": 0},
        {"prior_lines": 3},
        {"prior_lines": 4},
        {"setting": "RRMM"},
        {"setting": "RRMM", "prior_lines": 1},
        {"setting": "RRMM", "prior_lines": 3},
        {"setting": "RRMM", "prior_lines": 4},
        {"setting": "NDMM"},
        {"setting": "NDMM-TE", "prior_lines": 0},
        {"setting": "HR-SMM"},
    ]
    differ = []
    for day in in_force_boundaries(kg):
        for choice in choices:
            params = {"as_of": day, **choice}
            if kg.run("approval-gaps", **params) != by_definition(kg, params):
                differ.append(params)
    assert not differ, f"{len(differ)} parameter sets differ, the first: {differ[0]}"
